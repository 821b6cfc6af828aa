import { AppError } from '../../../shared/errors';
import { openDatabase, type CipherName } from '../store/database';
import { checkBackupDatabase } from './backup-database-check';

export interface CopyRequest {
  /** The live store's database file. */
  source: string;
  /** An empty file, private to this user, that the copy fills. */
  target: string;
  key: Buffer;
  cipher: CipherName;
  nativeBinding?: string;
}

export interface CheckedCopy {
  schemaVersion: number;
  auditHead: { seq: number; hash: string };
  /** The write counter of the snapshot copied (what the copy holds, not what the store has reached since). */
  writeCounter: number;
}

/** A failure that is not one of ours (SQLITE_FULL, EIO…), carried across the thread by its code. */
export interface CopyFailure {
  failed: { name: string; code: string | null; message: string };
}

/**
 * The backup's copy, made on connections of its own (run in the backup
 * worker thread; see backup-copy.ts):
 * - `VACUUM INTO` on a new connection to the live file: SQLite reads it in
 *   one read transaction (WAL lets the backend go on writing meanwhile), so
 *   the copy is one consistent snapshot, and SQLite3 Multiple Ciphers writes
 *   it through the connection's codec, same cipher and key: no plaintext
 *   page reaches the disk. (SQLite's online backup API opens its
 *   destination without a key, and SQLite3 Multiple Ciphers refuses it.)
 * - then the copy is opened with the key and checked exactly as a restore
 *   checks it (backup-database-check.ts): a copy that a restore would refuse
 *   is never saved as a backup.
 */
export function makeCheckedCopyNow(request: CopyRequest): CheckedCopy | CopyFailure {
  const options = { cipher: request.cipher, ...(request.nativeBinding ? { nativeBinding: request.nativeBinding } : {}) };
  try {
    const source = openDatabase(request.source, request.key, options);
    try {
      // A checkpoint of the backend's can hold the WAL index for a moment.
      source.pragma('busy_timeout = 5000');
      source.prepare('VACUUM INTO ?').run(request.target);
    } finally {
      source.close();
    }
    const copy = openDatabase(request.target, request.key, options);
    try {
      const checked = checkBackupDatabase(copy, request.target);
      const writeCounter = copy.prepare('SELECT write_counter FROM store_meta WHERE id = 1').pluck().get() as number;
      return { schemaVersion: checked.schemaVersion, auditHead: checked.auditHead, writeCounter };
    } catch (error) {
      if (error instanceof AppError) throw new AppError('store_damaged', `${error.message} The backup was not saved.`);
      throw error;
    } finally {
      copy.close();
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: unknown } | null)?.code;
    return { failed: { name: error instanceof Error ? error.name : typeof error, code: typeof code === 'string' ? code : null, message: error instanceof Error ? error.message : String(error) } };
  } finally {
    request.key.fill(0);
  }
}
