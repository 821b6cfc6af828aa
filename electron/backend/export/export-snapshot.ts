import { beginReadSnapshot, endReadSnapshot } from '../store-engine/sqlite-store-engine';
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
  // As the app's connection: wait for a checkpoint rather than fail, no plaintext temporary files; nothing the export runs may write.
  const db = beginReadSnapshot(store.openCopy(store.paths.database));
  // Known to the store, which refuses a key rotation while it is held.
  store.heldSnapshots.add(db);
  return db;
}

/** End the snapshot's transaction and close its connection; safe to call twice. */
export function closeExportSnapshot(store: Store, db: Db): void {
  store.heldSnapshots.delete(db);
  endReadSnapshot(db);
}
