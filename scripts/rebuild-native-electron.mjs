// Builds better-sqlite3-multiple-ciphers for Electron's ABI into
// .native-electron/, leaving the Node-ABI copy in node_modules alone (the
// tests run on Node). The main process hands the result to the driver as
// `nativeBinding` (electron/main/native-binding.ts; keep the folder name in
// step). Needs internet for Electron's headers or a prebuilt binary, so only
// `npm start` runs it; packaging lets electron-builder rebuild by itself.
//
//   node scripts/rebuild-native-electron.mjs [--force]
import { rebuild } from '@electron/rebuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const moduleName = 'better-sqlite3-multiple-ciphers';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

const electronVersion = require('electron/package.json').version;
const modulePackageJson = require.resolve(`${moduleName}/package.json`);
const moduleDir = path.dirname(modulePackageJson);
const moduleVersion = JSON.parse(fs.readFileSync(modulePackageJson, 'utf8')).version;

const nativeRoot = path.join(root, '.native-electron');
const targetDir = path.join(nativeRoot, `electron-${electronVersion}-${process.platform}-${process.arch}`);
const targetFile = path.join(targetDir, 'better_sqlite3.node');
const manifestFile = path.join(targetDir, 'manifest.json');
const manifest = { module: moduleName, moduleVersion, electronVersion, platform: process.platform, arch: process.arch };

function isUpToDate() {
  if (!fs.existsSync(targetFile) || !fs.existsSync(manifestFile)) return false;
  try {
    return JSON.stringify(JSON.parse(fs.readFileSync(manifestFile, 'utf8'))) === JSON.stringify(manifest);
  } catch {
    return false;
  }
}

if (!process.argv.includes('--force') && isUpToDate()) {
  console.log(`${moduleName} ${moduleVersion} for Electron ${electronVersion}: already built (${path.relative(root, targetFile)}).`);
  process.exit(0);
}

// A throw-away project holding a copy of the module's sources, so the rebuild
// cannot touch node_modules. Its own build/ is left out: that is the Node build.
const staging = path.join(nativeRoot, 'staging');
fs.rmSync(staging, { recursive: true, force: true });
const stagedModule = path.join(staging, 'node_modules', moduleName);
fs.mkdirSync(stagedModule, { recursive: true });
fs.writeFileSync(
  path.join(staging, 'package.json'),
  JSON.stringify({ name: 'native-electron-staging', private: true, dependencies: { [moduleName]: moduleVersion } }, null, 2),
);
const skipped = new Set(['build', 'prebuilds', 'node_modules'].map((name) => path.join(moduleDir, name)));
fs.cpSync(moduleDir, stagedModule, { recursive: true, filter: (source) => !skipped.has(source) });

console.log(`Building ${moduleName} ${moduleVersion} for Electron ${electronVersion} (${process.platform}-${process.arch})...`);
try {
  await rebuild({
    buildPath: staging,
    // Stops the search for node_modules at the staging folder, away from ours.
    projectRootPath: staging,
    electronVersion,
    arch: process.arch,
    onlyModules: [moduleName],
    force: true,
  });
} catch (error) {
  console.error(`Could not build ${moduleName} for Electron: ${error instanceof Error ? error.message : String(error)}`);
  console.error('This needs internet access (Electron headers or a prebuilt binary) and a C++ toolchain.');
  fs.rmSync(staging, { recursive: true, force: true });
  process.exit(1);
}

const built = path.join(stagedModule, 'build', 'Release', 'better_sqlite3.node');
if (!fs.existsSync(built)) {
  console.error(`The rebuild finished but ${path.relative(root, built)} is missing.`);
  process.exit(1);
}
fs.mkdirSync(targetDir, { recursive: true });
// Copy then rename, so a half-written file never looks finished.
fs.copyFileSync(built, `${targetFile}.partial`);
fs.renameSync(`${targetFile}.partial`, targetFile);
fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
fs.rmSync(staging, { recursive: true, force: true });
console.log(`Wrote ${path.relative(root, targetFile)}.`);
