import { defaultIdleMinutes, type Settings } from '../../../shared/settings';
import type { Db } from '../store/database';

export function readSettings(db: Db): Settings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const map = new Map(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  return {
    practiceName: typeof map.get('practiceName') === 'string' ? (map.get('practiceName') as string) : '',
    idleMinutes: typeof map.get('idleMinutes') === 'number' ? (map.get('idleMinutes') as number) : defaultIdleMinutes,
    practiceAddress: typeof map.get('practiceAddress') === 'string' ? (map.get('practiceAddress') as string) : '',
    practiceEmail: typeof map.get('practiceEmail') === 'string' ? (map.get('practiceEmail') as string) : '',
  };
}

export function writeSettings(db: Db, changes: Partial<Settings>): Settings {
  const upsert = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  for (const [key, value] of Object.entries(changes)) {
    if (value !== undefined) upsert.run(key, JSON.stringify(value));
  }
  return readSettings(db);
}
