import { setTimeout as sleep } from 'node:timers/promises';
import { Mutex } from 'async-mutex';
import { AppError } from '../../../shared/errors';
import { isBusy, type Db } from '../store/database';
import { createSqliteRecords } from './sqlite-records';
import { TransactionScope, type EngineSnapshot, type SharedRecords, type SnapshotStoreEngine } from './store-engine';

export interface SqliteEngineHooks {
  /** Work every write transaction ends with, inside it (the Store's settling of kept coverage, its write counter). */
  beforeCommit?: (db: Db) => void;
  /** After a write committed (the Store's anchor beside the file). */
  afterCommit?: () => void;
  /**
   * A new connection of the same file with the same key, for `snapshot`
   * (the engine knows no paths or keys: the Store's `openCopy`), and the
   * Store's bookkeeping of the snapshots held (a key rotation is refused
   * meanwhile: `heldSnapshots`).
   */
  snapshotConnection?: { open(): Db; held?(db: Db, held: boolean): void };
}

/**
 * Put `db` (a connection of its own) in one read transaction, its snapshot
 * taken now: read-only (`query_only`), waiting for a checkpoint rather than
 * failing, no plaintext temporary files. Closes `db` if it cannot.
 */
export function beginReadSnapshot(db: Db): Db {
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('temp_store = MEMORY');
    db.pragma('query_only = ON');
    db.exec('BEGIN');
    // A deferred transaction takes its snapshot at its first read: now, before anything is selected.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** End a snapshot's read transaction and close its connection; safe to call twice. */
export function endReadSnapshot(db: Db): void {
  if (!db.open) return;
  if (db.inTransaction) db.exec('ROLLBACK');
  db.close();
}

/** How many times BEGIN IMMEDIATE is tried (each try waits up to the connection's busy timeout) before the store is called busy. */
const beginAttempts = 4;

/**
 * The encrypted SQLite file as a store engine. One connection, one
 * transaction at a time: `read` and `write` queue behind a FIFO mutex, and
 * run BEGIN (a read snapshot; the connection is `query_only` meanwhile) or
 * BEGIN IMMEDIATE (the write lock up front, as `writeTransaction` does) and
 * COMMIT themselves, so a transaction may span `await`s, which
 * better-sqlite3's `db.transaction()` may not. A throw rolls back.
 *
 * During the switch-over, code still calling `Store.write` directly on the
 * same connection must not run while an engine transaction is open (it would
 * join it); the engine refuses to begin on a connection already in one.
 */
export class SqliteStoreEngine implements SnapshotStoreEngine<Db> {
  readonly kind = 'sqlite' as const;
  readonly records: SharedRecords<Db> = createSqliteRecords();
  private readonly queue = new Mutex();
  private readonly scope = new TransactionScope();
  private open = false;

  /** True while one of this engine's transactions is open on the connection (between BEGIN and its end). */
  get inTransaction(): boolean {
    return this.open;
  }

  constructor(
    private readonly db: Db,
    private readonly hooks: SqliteEngineHooks = {},
  ) {}

  read<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return this.run('read', fn);
  }

  write<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return this.run('write', fn);
  }

  async close(): Promise<void> {
    await this.queue.waitForUnlock();
  }

  /** A connection of the snapshot's own (see `SqliteEngineHooks.snapshotConnection`): the engine's queue is not held. */
  snapshot(): Promise<EngineSnapshot<Db>> {
    this.scope.refuseNested();
    const source = this.hooks.snapshotConnection;
    if (!source) throw new AppError('internal', 'This store cannot open a snapshot (no second connection). Nothing was read; this is a bug in Consent Desk.');
    const db = beginReadSnapshot(source.open());
    source.held?.(db, true);
    return Promise.resolve({
      tx: db,
      release: () => {
        source.held?.(db, false);
        endReadSnapshot(db);
        return Promise.resolve();
      },
    });
  }

  private async run<T>(mode: 'read' | 'write', fn: (tx: Db) => Promise<T>): Promise<T> {
    this.scope.refuseNested();
    return this.queue.runExclusive(async () => {
      if (this.db.inTransaction) {
        throw new AppError('internal', 'The store was already inside a transaction started elsewhere. Nothing was saved; this is a bug in Consent Desk.');
      }
      await this.begin(mode);
      let result: T;
      this.open = true;
      try {
        if (mode === 'read') this.db.pragma('query_only = ON');
        result = await this.scope.run(() => fn(this.db));
        if (mode === 'write') this.hooks.beforeCommit?.(this.db);
        this.db.prepare('COMMIT').run();
      } finally {
        if (mode === 'read') this.db.pragma('query_only = OFF');
        // A failed statement can end the transaction itself (SQLite rolls back on some errors): roll back only what is still open.
        if (this.db.inTransaction) this.db.prepare('ROLLBACK').run();
        this.open = false;
      }
      if (mode === 'write') this.hooks.afterCommit?.();
      return result;
    });
  }

  private async begin(mode: 'read' | 'write'): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        this.db.prepare(mode === 'write' ? 'BEGIN IMMEDIATE' : 'BEGIN').run();
        return;
      } catch (error) {
        if (!isBusy(error)) throw error;
        if (attempt >= beginAttempts) {
          throw new AppError('conflict', 'The store is busy: another Consent Desk window or command kept it locked. Nothing was saved; try again in a moment.');
        }
        await sleep(50 * attempt);
      }
    }
  }
}
