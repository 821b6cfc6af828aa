import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../../shared/errors';

export type Db = Database.Database;

/**
 * Ciphers of SQLite3 Multiple Ciphers that a store may use.
 * - `sqlcipher`: the SQLCipher 4 scheme (AES-256-CBC + HMAC-SHA512); the
 *   sqlcipher tool and DB Browser can open the file with the raw key.
 * - `aegis`: AEGIS-256, authenticated and faster, readable only by
 *   SQLite3 Multiple Ciphers builds.
 * The choice for new stores is `newStoreCipher`; see there for why.
 */
export type CipherName = 'sqlcipher' | 'aegis';

/**
 * New stores use AEGIS-256. `npm run bench` wrote the same audited workload
 * (one FULL-synchronous commit per record, as the app writes) on the 2-core
 * build machines, three runs: SQLCipher 4 cost 1.37x to 1.63x plain SQLite,
 * over the 1.3x budget; AEGIS cost 1.05x to 1.23x, inside it, and opens in a
 * fraction of SQLCipher's time. What we give up is that the sqlcipher tool
 * cannot read the file; SQLite3 Multiple Ciphers (which ships as a library
 * and a shell) can, with the data key. Stores made with `sqlcipher` still
 * open: the cipher is recorded in each store's key file.
 */
export const newStoreCipher: CipherName = 'aegis';

export interface OpenOptions {
  cipher: CipherName;
  /** Create the file if it is missing (setup only). */
  create?: boolean;
  /** A better-sqlite3 native build other than the one in node_modules (Electron's ABI). */
  nativeBinding?: string;
}

function applyKey(db: Db, cipher: CipherName, key: Buffer): void {
  db.pragma(`cipher='${cipher}'`);
  if (cipher === 'sqlcipher') db.pragma('legacy=4');
  // x'..' passes the 256-bit key raw: no passphrase derivation on open,
  // because the key is random already and was unwrapped by a slow KDF.
  db.pragma(`key="x'${key.toString('hex')}'"`);
}

function isNotADatabase(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || /not a database|malformed/i.test(String(error));
}

/**
 * Open the encrypted database with its data key, or explain why not. Nothing
 * on disk changes when this fails: the file must exist (unless creating),
 * and no pragma that writes runs before the key has been checked.
 */
export function openDatabase(file: string, key: Buffer, options: OpenOptions): Db {
  if (!options.create && !fs.existsSync(file)) {
    throw new AppError('store_missing', `No Consent Desk data file at ${file}.`);
  }
  const db = new Database(file, {
    fileMustExist: !options.create,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    applyKey(db, options.cipher, key);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    db.close();
    if (isNotADatabase(error)) throw damaged(file);
    throw error;
  }
  return db;
}

export function damaged(file: string): AppError {
  return new AppError(
    'store_damaged',
    `The data file ${file} cannot be read with this key: it is damaged or belongs to another store. Restore it from a backup.`,
  );
}

/** Connection settings every store runs with; call after the schema version has been checked. */
export function configureConnection(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Sorts and temporary tables stay in memory: no plaintext temp files.
  db.pragma('temp_store = MEMORY');
}

/**
 * Re-encrypt the whole file under a new key. SQLite3 Multiple Ciphers
 * refuses to rekey in WAL mode, so leave WAL, rekey, and return to it.
 */
export function rekeyDatabase(db: Db, newKey: Buffer): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.pragma(`rekey="x'${newKey.toString('hex')}'"`);
  db.pragma('journal_mode = WAL');
}

const busyCodes = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY', 'SQLITE_LOCKED']);

export function isBusy(error: unknown): boolean {
  return busyCodes.has(String((error as { code?: unknown } | null)?.code));
}

const pause = new Int32Array(new SharedArrayBuffer(4));
/** How many times a write transaction tries to take the lock (each try waits up to the busy timeout). */
const writeAttempts = 4;

/**
 * Run `fn` as one write transaction that takes the write lock up front
 * (BEGIN IMMEDIATE). A deferred transaction reads first and asks for the
 * lock only at its first write; when another process (the app, while the
 * command line runs) committed meanwhile, SQLite cannot upgrade it and
 * fails at once with SQLITE_BUSY, without waiting: 25 of 27 CLI runs
 * failed so beside an app writing 300 transactions a second. BEGIN
 * IMMEDIATE waits for the lock (the busy timeout), and if even that runs
 * out it is tried again a few times before the store is called busy.
 * Only the lock is retried: once `fn` has started, an error is final.
 * Nested calls run as savepoints of the outer transaction.
 */
export function writeTransaction<T>(db: Db, fn: () => T): T {
  if (db.inTransaction) return db.transaction(fn)();
  for (let attempt = 1; ; attempt++) {
    let started = false;
    try {
      return db
        .transaction(() => {
          started = true;
          return fn();
        })
        .immediate();
    } catch (error) {
      if (started || !isBusy(error)) throw error;
      if (attempt >= writeAttempts) {
        throw new AppError('conflict', 'The store is busy: another Consent Desk window or command kept it locked. Nothing was saved; try again in a moment.');
      }
      Atomics.wait(pause, 0, 0, 50 * attempt);
    }
  }
}
