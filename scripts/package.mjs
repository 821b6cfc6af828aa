// Packages the app with electron-builder (`npm run package [-- --linux]`).
//
// With `npmRebuild`, electron-builder rebuilds better-sqlite3-multiple-ciphers
// for Electron *inside node_modules* (node-gyp wipes its build folder first,
// even when the rebuild then fails). The tests run on Node and could no longer
// load it, and the `.forge-meta` marker left behind would make the next
// packaging skip the rebuild. So the module's build folder is set aside first
// and put back exactly as it was afterwards, whatever happened.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const buildDir = path.join(path.dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json')), 'build');

const backup = fs.mkdtempSync(path.join(os.tmpdir(), 'consent-desk-native-'));
const hadBuild = fs.existsSync(buildDir);
if (hadBuild) fs.cpSync(buildDir, path.join(backup, 'build'), { recursive: true });

let status = 1;
try {
  const cli = require.resolve('electron-builder/cli.js');
  const result = spawnSync(process.execPath, [cli, '--publish', 'never', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  status = result.status ?? 1;
} finally {
  fs.rmSync(buildDir, { recursive: true, force: true });
  if (hadBuild) fs.cpSync(path.join(backup, 'build'), buildDir, { recursive: true });
  fs.rmSync(backup, { recursive: true, force: true });
  console.log('Put back the Node build of better-sqlite3-multiple-ciphers in node_modules.');
}
process.exit(status);
