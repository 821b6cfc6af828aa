import type { Db } from '../store/database';

/**
 * Whether the recovery key last issued waits for an administrator to confirm
 * they stored it: a row in the store (so a reload, a crash or a restart
 * comes back to that step), never the key itself.
 */
const key = 'recoveryKeyUnconfirmedSince';

export function markRecoveryKeyUnconfirmed(db: Db, since: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(since));
}

/** Whether the key was waiting (false: confirmed already, nothing changed). */
export function markRecoveryKeyConfirmed(db: Db): boolean {
  return db.prepare('DELETE FROM settings WHERE key = ?').run(key).changes > 0;
}

export function recoveryKeyUnconfirmed(db: Db): boolean {
  return db.prepare('SELECT 1 FROM settings WHERE key = ?').get(key) !== undefined;
}
