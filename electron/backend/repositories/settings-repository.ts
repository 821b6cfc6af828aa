import { isTimeZone, workstationTimeZone } from '../../../shared/calendar';
import { defaultAgeOfMajority, defaultIdleMinutes, defaultPatientModeIdleMinutes, type Settings } from '../../../shared/settings';
import type { Db } from '../store/database';

/**
 * The practice's settings. A store made before a setting existed reads its
 * default: the time zone of this workstation, 18 for the age of majority,
 * empty contact details.
 */
export function readSettings(db: Db): Settings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  return settingsFromValues(new Map(rows.map((r) => [r.key, JSON.parse(r.value) as unknown])));
}

/** The keys `Settings` is read from (each a row of the settings table). */
export const settingsKeys: readonly (keyof Settings)[] = [
  'practiceName',
  'idleMinutes',
  'patientModeIdleMinutes',
  'timeZone',
  'ageOfMajority',
  'practiceAddress',
  'practiceEmail',
  'practicePhone',
  'practiceWebsite',
];

/** Settings from the stored values by key, with the defaults for what is missing (both engines read through this). */
export function settingsFromValues(map: ReadonlyMap<string, unknown>): Settings {
  const timeZone = map.get('timeZone');
  const ageOfMajority = map.get('ageOfMajority');
  const text = (key: string) => {
    const value = map.get(key);
    return typeof value === 'string' ? value : '';
  };
  return {
    practiceName: typeof map.get('practiceName') === 'string' ? (map.get('practiceName') as string) : '',
    idleMinutes: typeof map.get('idleMinutes') === 'number' ? (map.get('idleMinutes') as number) : defaultIdleMinutes,
    patientModeIdleMinutes:
      typeof map.get('patientModeIdleMinutes') === 'number' ? (map.get('patientModeIdleMinutes') as number) : defaultPatientModeIdleMinutes,
    timeZone: typeof timeZone === 'string' && isTimeZone(timeZone) ? timeZone : workstationTimeZone(),
    ageOfMajority: typeof ageOfMajority === 'number' ? ageOfMajority : defaultAgeOfMajority,
    practiceAddress: text('practiceAddress'),
    practiceEmail: text('practiceEmail'),
    practicePhone: text('practicePhone'),
    practiceWebsite: text('practiceWebsite'),
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
