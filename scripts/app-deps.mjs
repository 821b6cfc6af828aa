// Installs app/node_modules (what the desktop app loads at run time: the
// native modules and the PDF fonts, from app/package-lock.json) and, unless
// `--no-rebuild`, rebuilds its native modules for Electron's ABI with
// electron-builder's install-app-deps. The root node_modules, with the
// Node.js build the tests use, is never touched: the two builds of the
// driver live in two folders. Skips all of it when nothing changed.
//
//   node scripts/app-deps.mjs [--no-rebuild] [--force]
//
// Needs the npm registry, and for the rebuild Electron's headers (internet)
// and a C++ toolchain (see the README).
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const appDir = path.join(root, 'app');
const require = createRequire(path.join(root, 'package.json'));
const rebuild = !process.argv.includes('--no-rebuild');
const electronVersion = require('electron/package.json').version;

// Electron's own tooling (@electron/rebuild, @electron/get) needs Node.js 22.12 or later.
const [major, minor] = process.versions.node.split('.').map(Number);
if (rebuild && (major < 22 || (major === 22 && minor < 12))) {
  console.error(`Building the desktop app needs Node.js 22.12 or later (this is ${process.versions.node}): see .nvmrc and the README.`);
  process.exit(1);
}

const stampFile = path.join(appDir, 'node_modules', '.consent-desk-deps.json');
const stamp = JSON.stringify({
  lock: crypto.createHash('sha256').update(fs.readFileSync(path.join(appDir, 'package-lock.json'))).digest('hex'),
  builtFor: rebuild ? `electron-${electronVersion}-${process.platform}-${process.arch}` : 'not rebuilt',
});

const run = (command, args, cwd) => {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`\`${command} ${args.join(' ')}\` failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
};

if (!process.argv.includes('--force') && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) {
  console.log(`app/node_modules is up to date (${JSON.parse(stamp).builtFor}).`);
  process.exit(0);
}

// Install scripts would build the driver for Node first, only to be rebuilt.
run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], appDir);
if (rebuild) {
  console.log(`Rebuilding app/node_modules for Electron ${electronVersion}...`);
  run(process.execPath, [require.resolve('electron-builder/cli.js'), 'install-app-deps'], root);
}
fs.writeFileSync(stampFile, stamp);
