import type { RecordChange } from '../../../shared/contract/contract-events';
import type { Db } from './database';

/**
 * Which shared records and staff accounts this connection's writes changed, for the
 * `records.changed` event. TEMP triggers (this connection only; other
 * processes on the file, like the CLI, are unaffected) mirror the
 * PostgreSQL store's announce_change triggers and add one row per change
 * to a TEMP table. The temp schema is part of each transaction, so a
 * rolled-back write leaves nothing behind; what is there after a COMMIT
 * was committed. temp_store is MEMORY (configureConnection), so the ids
 * never reach a temporary file.
 */
const announced = [
  { table: 'patients', ops: ['INSERT', 'UPDATE', 'DELETE'] },
  { table: 'authorizations', ops: ['INSERT', 'UPDATE', 'DELETE'] },
  { table: 'testimonials', ops: ['INSERT', 'UPDATE', 'DELETE'] },
  { table: 'media', ops: ['INSERT', 'DELETE'] },
  { table: 'posts', ops: ['INSERT', 'UPDATE', 'DELETE'] },
  // Staff are never deleted (the audit trail names them): added, then updated (disabled, enabled, renamed, another role).
  { table: 'staff', ops: ['INSERT', 'UPDATE'] },
] as const;

function kindSql(table: string, op: string): string {
  if (op === 'INSERT') return `'insert'`;
  if (op === 'DELETE') return `'delete'`;
  // As on the server: a revocation, or the stage it moved to, says more than 'update'.
  if (table === 'authorizations') {
    return `CASE WHEN OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL THEN 'revoked' WHEN OLD.stage <> NEW.stage THEN NEW.stage ELSE 'update' END`;
  }
  return `'update'`;
}

/** Start recording this connection's changes (idempotent: a store reopened on the same connection keeps one set). */
export function installChangeCapture(db: Db): void {
  if (db.pragma('temp_store', { simple: true }) !== 2) db.pragma('temp_store = MEMORY');
  const statements = ['CREATE TEMP TABLE IF NOT EXISTS record_changes (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL)'];
  for (const { table, ops } of announced) {
    for (const op of ops) {
      const row = op === 'DELETE' ? 'OLD' : 'NEW';
      statements.push(
        `CREATE TEMP TRIGGER IF NOT EXISTS announce_${table}_${op.toLowerCase()} AFTER ${op} ON main.${table} ` +
          `BEGIN INSERT INTO temp.record_changes (tbl, id, kind) VALUES ('${table}', ${row}.id, ${kindSql(table, op)}); END`,
      );
    }
  }
  db.exec(statements.join(';\n'));
}

/**
 * The changes committed since the last drain, in commit order, each row
 * and kind once (a row's own triggers can touch it twice), and forget them. Only between transactions: inside one, rows could still roll back.
 */
export function drainChanges(db: Db): RecordChange[] {
  if (db.inTransaction) return [];
  const rows = db.prepare('SELECT tbl AS "table", id, kind FROM temp.record_changes GROUP BY tbl, id, kind ORDER BY min(seq)').all() as RecordChange[];
  if (rows.length > 0) db.prepare('DELETE FROM temp.record_changes').run();
  return rows;
}
