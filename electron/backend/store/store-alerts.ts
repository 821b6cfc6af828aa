import type { StoreAlert } from '../../../shared/session';
import type { Db } from './database';
import type { SettingsRepository } from '../store-pg/store-interface-staff';

/**
 * Alerts for administrators, kept in the encrypted store (settings) so that
 * every process and every later session sees them: a scheduled backup that
 * failed its check, a key file changed outside the app, an interrupted
 * operation that was put right. One per kind, the newest; cleared when the
 * cause is dealt with (the next good backup) or dismissed by an administrator.
 */
const settingKey = 'storeAlerts';

export function listAlerts(db: Db): StoreAlert[] {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(settingKey) as string | undefined;
  if (!row) return [];
  try {
    const parsed = JSON.parse(row) as StoreAlert[];
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/** The alerts through the engine's settings (either engine); a damaged entry reads as none, as `listAlerts`. */
export async function alertsIn<Tx>(settings: Pick<SettingsRepository<Tx>, 'readSetting'>, tx: Tx): Promise<StoreAlert[]> {
  try {
    const value = await settings.readSetting(tx, settingKey);
    return Array.isArray(value) ? (value as StoreAlert[]) : [];
  } catch (error) {
    if (error instanceof SyntaxError) return [];
    throw error;
  }
}

function save(db: Db, alerts: StoreAlert[]): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(settingKey, JSON.stringify(alerts));
}

/** Raise (or replace) the alert of `alert.kind`. Call inside a write transaction. */
export function raiseAlert(db: Db, alert: StoreAlert): void {
  save(db, [...listAlerts(db).filter((a) => a.kind !== alert.kind), alert]);
}

/** Clear alerts of these kinds (all when none given). Call inside a write transaction. */
export function clearAlerts(db: Db, kinds?: readonly StoreAlert['kind'][]): void {
  const current = listAlerts(db);
  const kept = kinds ? current.filter((a) => !kinds.includes(a.kind)) : [];
  if (kept.length !== current.length) save(db, kept);
}
