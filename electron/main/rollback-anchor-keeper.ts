import fs from 'node:fs';
import path from 'node:path';
import type { ExternalAnchorStore } from '../backend/store/rollback-anchor';

/**
 * The desktop app's copy of each store's rollback anchor, kept outside the
 * data folder so that putting back the whole folder (a sync conflict, a
 * snapshot) is noticed too (see rollback-anchor.ts). The backend process
 * asks for it over its port (relayed-anchor.ts); this is the main
 * process's side.
 *
 * Where the OS has a credential store (Keychain, DPAPI, libsecret or
 * KWallet, through Electron's safeStorage) the anchor is sealed with it
 * before it is written, so the file is bound to this OS account: copied to
 * another account or computer it opens nothing, and the audit head it
 * holds is not readable. Where it has none (Linux without a keyring, where
 * safeStorage falls back to a fixed password), the anchor is written as it
 * is: it is signed with a key inside the encrypted store either way, so it
 * cannot be forged, only deleted.
 */

/** The asynchronous safeStorage methods this uses (Electron 45 deprecates the synchronous ones). */
export interface OsSealing {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only: `basic_text` means no keyring, only a fixed password. */
  getSelectedStorageBackend?(): string;
}

export interface AnchorKeeperOptions {
  folder: string;
  sealing: OsSealing;
  platform: NodeJS.Platform;
  /** One line per event for the log file: never the anchor itself. */
  log: (line: string) => void;
}

export interface AnchorKeeper extends ExternalAnchorStore {
  /** Resolves once every write asked for so far is on disk (the app waits for it before it quits). */
  settled(): Promise<void>;
}

/** Never more than the folder's own name and the store's id, which is a UUID. */
const fileBase = (storeId: string) => storeId.replace(/[^0-9a-f-]/gi, '');

async function writePrivateFile(file: string, content: string | Buffer): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  const handle = await fs.promises.open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(tmp, file);
}

async function readOrNull(file: string): Promise<Buffer | null> {
  try {
    return await fs.promises.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export function createAnchorKeeper(options: AnchorKeeperOptions): AnchorKeeper {
  const sealedFile = (storeId: string) => path.join(options.folder, `${fileBase(storeId)}.anchor.sealed`);
  const plainFile = (storeId: string) => path.join(options.folder, `${fileBase(storeId)}.anchor.json`);
  let writes: Promise<unknown> = Promise.resolve();
  let announced: boolean | null = null;

  /** Whether the OS really seals: safeStorage available, and on Linux a real keyring rather than its fixed password. */
  const osSeals = async (): Promise<boolean> => {
    let seals = false;
    try {
      seals = (await options.sealing.isAsyncEncryptionAvailable()) && !(options.platform === 'linux' && options.sealing.getSelectedStorageBackend?.() === 'basic_text');
    } catch {
      seals = false;
    }
    if (announced !== seals) {
      announced = seals;
      options.log(seals ? 'rollback anchors: sealed by the OS credential store' : 'rollback anchors: no OS credential store; kept signed in the user profile');
    }
    return seals;
  };

  const write = async (storeId: string, sealed: string): Promise<void> => {
    if (await osSeals()) {
      await writePrivateFile(sealedFile(storeId), await options.sealing.encryptStringAsync(sealed));
      // The plain copy of a time without a keyring would only ever be older: it goes.
      await fs.promises.rm(plainFile(storeId), { force: true });
    } else {
      await writePrivateFile(plainFile(storeId), sealed);
    }
  };

  const keeper: AnchorKeeper = {
    async read(storeId) {
      const sealedBytes = await readOrNull(sealedFile(storeId));
      if (sealedBytes && (await osSeals())) {
        try {
          const { result, shouldReEncrypt } = await options.sealing.decryptStringAsync(sealedBytes);
          if (shouldReEncrypt) void keeper.write(storeId, result).catch(() => undefined);
          return result;
        } catch {
          // Another account's or an older keyring's seal: the copy beside the database still counts.
          options.log('rollback anchors: the sealed copy could not be opened with this account’s credential store');
        }
      }
      const plain = await readOrNull(plainFile(storeId));
      return plain ? plain.toString('utf8') : null;
    },

    write(storeId, sealed) {
      // One at a time, in order: the newest anchor is the one left on disk.
      const done = writes.then(() => write(storeId, sealed));
      writes = done.catch((error: unknown) => {
        options.log(`rollback anchors: could not be written (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      });
      return done;
    },

    async settled() {
      await writes;
    },
  };
  return keeper;
}
