import fs from 'node:fs';
import path from 'node:path';

/**
 * The Electron-ABI build of better-sqlite3-multiple-ciphers that
 * scripts/rebuild-native-electron.mjs writes (keep the folder name in step
 * with it). node_modules keeps the Node-ABI build, which the tests use.
 * Undefined when it is missing: the driver then loads the copy in
 * node_modules, which works in the packaged app (electron-builder rebuilds
 * it there) and fails loudly with an ABI error in development.
 */
export function electronNativeBinding(appPath: string): string | undefined {
  const folder = `electron-${process.versions.electron}-${process.platform}-${process.arch}`;
  const file = path.join(appPath, '.native-electron', folder, 'better_sqlite3.node');
  return fs.existsSync(file) ? file : undefined;
}
