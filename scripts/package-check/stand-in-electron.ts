import fs from 'node:fs';
import path from 'node:path';

/**
 * An unpacked "Electron distribution" for electron-builder's `electronDist`,
 * made on the spot because the real one cannot be downloaded here. It holds
 * what electron-builder copies and renames for a Linux app folder: the
 * executable (a script that says what it is), `resources/`, the licence
 * files and `version`. The packaged main bundle is run by Node instead
 * (packaged-smoke.ts), so nothing ever executes this binary for real.
 */
export function makeStandInElectron(dir: string, electronVersion: string): string {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true });
  const executable = path.join(dir, 'electron');
  fs.writeFileSync(executable, '#!/bin/sh\necho "stand-in Electron for the packaging check; it cannot run the app" >&2\nexit 1\n');
  fs.chmodSync(executable, 0o755);
  fs.writeFileSync(path.join(dir, 'version'), electronVersion);
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'Stand-in for Electron’s licence file.\n');
  fs.writeFileSync(path.join(dir, 'LICENSES.chromium.html'), '<!doctype html><title>Stand-in</title>\n');
  return dir;
}
