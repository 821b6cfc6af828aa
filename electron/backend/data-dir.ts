import fs from 'node:fs';
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

/**
 * The folder an unpackaged app (`npm start`) uses when none is given: beside
 * the installed app's, never the same, so trying a build never touches the
 * practice's real records.
 */
export function developmentDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  const installed = defaultDataDir(env, platform, home);
  const api = platform === 'win32' ? path.win32 : path.posix;
  return api.join(api.dirname(installed), `${productName} (development)`);
}

/**
 * Where the desktop app keeps its own copy of each store's rollback anchor
 * (see rollback-anchor.ts): in the user profile but outside the data
 * folder, so that putting back the whole data folder is noticed. Installed,
 * it is the platform's place for local state that is not synced with the
 * data (Windows' local, not roaming, AppData; XDG_STATE_HOME on Linux). A
 * development or test run uses a folder beside its own data folder, never
 * the practice's. Never inside the data folder.
 */
export function rollbackAnchorDir(
  dataDir: string,
  options: { packaged: boolean; env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform; home?: string },
): string {
  const { packaged, env = process.env, platform = process.platform, home = os.homedir() } = options;
  const api = platform === 'win32' ? path.win32 : path.posix;
  const beside = `${api.resolve(dataDir)} (rollback anchors)`;
  if (!packaged) return beside;
  const installed =
    platform === 'win32'
      ? api.join(env.LOCALAPPDATA ?? api.join(home, 'AppData', 'Local'), productName, 'Rollback anchors')
      : platform === 'darwin'
        ? api.join(home, 'Library', 'Application Support', `${productName} Rollback Anchors`)
        : api.join(env.XDG_STATE_HOME || api.join(home, '.local', 'state'), productName, 'rollback-anchors');
  const relative = api.relative(api.resolve(dataDir), api.resolve(installed));
  const inside = relative === '' || (!relative.startsWith('..') && !api.isAbsolute(relative));
  return inside ? beside : installed;
}

/**
 * Creates the data folder readable by its owner only (0700), before
 * anything writes into it, and tightens one an older version left open.
 * Windows ignores the mode; the folder inherits the user profile's ACL.
 */
export function ensurePrivateFolder(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32' && (fs.statSync(dir).mode & 0o077) !== 0) fs.chmodSync(dir, 0o700);
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
