import os from 'node:os';
import path from 'node:path';

export const productName = 'Consent Desk';

/**
 * The folder Electron uses as `userData` for this product, computed without
 * Electron so that the CLI and the app agree. The app sets its `userData`
 * to this same path at start-up, so there is one definition.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') {
    return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), productName);
  }
  if (platform === 'darwin') {
    return path.posix.join(home, 'Library', 'Application Support', productName);
  }
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), productName);
}

/** The files of one store inside its data directory. */
export function storePaths(dataDir: string) {
  return {
    dataDir,
    database: path.join(dataDir, 'consent-desk.db'),
    keyring: path.join(dataDir, 'keyring.json'),
    pendingKeyring: path.join(dataDir, 'keyring.pending.json'),
  };
}

export type StorePaths = ReturnType<typeof storePaths>;
