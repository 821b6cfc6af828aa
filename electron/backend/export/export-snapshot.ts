import type { Db } from '../store/database';
import type { Store } from '../store/store';

/**
 * A connection of the export's own to the store, opened with the store's
 * key and held in one read transaction until `closeExportSnapshot`. In WAL
 * mode that is a snapshot: the export reads every row (selection, PDFs,
 * posts, audit events) as it was when it began, while the app's writes go
 * on through its own connection. It also lets the export keep a statement
 * open across its writes to disk (posts.csv is read row by row), which the
 * app's connection could not allow while it keeps writing.
 */
export function openExportSnapshot(store: Store): Db {
  const db = store.openCopy(store.paths.database);
  try {
    // As the app's connection: wait for a checkpoint rather than fail, and no plaintext temporary files.
    db.pragma('busy_timeout = 5000');
    db.pragma('temp_store = MEMORY');
    // Nothing the export runs may write to the store.
    db.pragma('query_only = ON');
    db.exec('BEGIN');
    // A deferred transaction takes its snapshot at its first read: now, before anything is selected.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    db.close();
    throw error;
  }
  // Known to the store, which refuses a key rotation while it is held.
  store.heldSnapshots.add(db);
  return db;
}

/** End the snapshot's transaction and close its connection; safe to call twice. */
export function closeExportSnapshot(store: Store, db: Db): void {
  store.heldSnapshots.delete(db);
  if (!db.open) return;
  if (db.inTransaction) db.exec('ROLLBACK');
  db.close();
}
