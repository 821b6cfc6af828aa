import { parseStaffPreferences, type StaffPreferences } from '../../../shared/staff-preferences';
import type { Db } from '../store/database';

/**
 * Each staff member's language and theme, one row of the settings table per
 * person (`staffPreferences:<id>`), inside the encrypted store like the rest.
 * The settings table already holds other keyed records (alerts, the backup
 * schedule), so a preference needs no schema change.
 */
function keyOf(staffId: string): string {
  return `staffPreferences:${staffId}`;
}

export function readStaffPreferences(db: Db, staffId: string): StaffPreferences {
  const value = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(keyOf(staffId)) as string | undefined;
  if (value === undefined) return parseStaffPreferences(null);
  try {
    return parseStaffPreferences(JSON.parse(value));
  } catch {
    return parseStaffPreferences(null);
  }
}

export function writeStaffPreferences(db: Db, staffId: string, change: Partial<StaffPreferences>): StaffPreferences {
  const next = { ...readStaffPreferences(db, staffId), ...change };
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    keyOf(staffId),
    JSON.stringify(next),
  );
  return next;
}
