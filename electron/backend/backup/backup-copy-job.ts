import crypto from 'node:crypto';
import fs from 'node:fs';
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
  /** The copy's file as it is zipped: its SHA-256 and size, read here rather than on the backend's thread. */
  database: { sha256: string; bytes: number };
}

/** SHA-256 and size of a file, read in 1 MB pieces (on the worker's thread, where blocking reads stop nothing). */
function sha256OfFileNow(file: string): { sha256: string; bytes: number } {
  const hash = crypto.createHash('sha256');
  const piece = Buffer.allocUnsafe(1024 * 1024);
  const fd = fs.openSync(file, 'r');
  let bytes = 0;
  try {
    for (let n = fs.readSync(fd, piece); n > 0; n = fs.readSync(fd, piece)) {
      hash.update(piece.subarray(0, n));
      bytes += n;
    }
  } finally {
    fs.closeSync(fd);
  }
  return { sha256: hash.digest('hex'), bytes };
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
 *   is never saved as a backup;
 * - and, closed, hashed (SHA-256, as backup.json records it): reading every
 *   byte of the copy here keeps that work, and the garbage of its buffers,
 *   off the backend's thread.
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
    let checked: Omit<CheckedCopy, 'database'>;
    try {
      const { schemaVersion, auditHead } = checkBackupDatabase(copy, request.target);
      const writeCounter = copy.prepare('SELECT write_counter FROM store_meta WHERE id = 1').pluck().get() as number;
      checked = { schemaVersion, auditHead, writeCounter };
    } catch (error) {
      if (error instanceof AppError) throw new AppError('store_damaged', `${error.message} The backup was not saved.`);
      throw error;
    } finally {
      copy.close();
    }
    // Hashed once closed: the bytes the backup's zip will hold.
    return { ...checked, database: sha256OfFileNow(request.target) };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: unknown } | null)?.code;
    return { failed: { name: error instanceof Error ? error.name : typeof error, code: typeof code === 'string' ? code : null, message: error instanceof Error ? error.message : String(error) } };
  } finally {
    request.key.fill(0);
  }
}
