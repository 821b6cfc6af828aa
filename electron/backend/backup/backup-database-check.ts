import { AppError } from '../../../shared/errors';
import { verifyAuditChain } from '../audit/audit-log';
import type { Db } from '../store/database';
import { assertNotNewer } from '../store/migrate';

/**
 * The checks a backup's database must pass, when it is made (in the backup
 * worker, backup-copy-worker.ts) and when it is restored: not written by a
 * newer version, SQLite's full integrity check, and the whole audit chain.
 */
export function checkBackupDatabase(db: Db, file: string): { schemaVersion: number; auditHead: { seq: number; hash: string }; auditEvents: number } {
  assertNotNewer(db, file);
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') throw new AppError('store_damaged', `The backup failed its integrity check (${String(integrity)}).`);
  const chain = verifyAuditChain(db);
  if (!chain.intact) throw new AppError('store_damaged', `The backup’s audit chain is broken at event ${chain.firstBadSeq}: ${chain.problem}`);
  return {
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    auditHead: db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string },
    auditEvents: chain.events,
  };
}
