import { describe, expect, it } from 'vitest';
import { backupDue, backupFileName, backupTimeOf, backupsToPrune, defaultBackupSchedule, nextBackupAt } from './backups';

describe('backup schedule rules', () => {
  it('names backups by time, and reads the time back', () => {
    const at = new Date('2026-01-31T02:15:00.123Z');
    expect(backupFileName(at)).toBe('consent-desk-backup-20260131T021500123Z.cdbackup');
    expect(backupTimeOf(backupFileName(at))).toBe(at.toISOString());
    expect(backupTimeOf('consent-desk-backup-2026.cdbackup')).toBeNull();
    expect(backupTimeOf('../consent-desk-backup-20260131T021500123Z.cdbackup')).toBeNull();
  });

  it('is due at once when none was made, then every interval', () => {
    const now = new Date('2026-02-01T10:00:00Z');
    expect(backupDue(null, defaultBackupSchedule, now)).toBe(true);
    expect(backupDue('2026-01-31T10:00:01Z', defaultBackupSchedule, now)).toBe(false);
    expect(backupDue('2026-01-31T10:00:00Z', defaultBackupSchedule, now)).toBe(true);
    expect(nextBackupAt('2026-01-31T10:00:00Z', { ...defaultBackupSchedule, everyHours: 6 }, now)).toBe('2026-01-31T16:00:00.000Z');
    expect(backupDue(null, { ...defaultBackupSchedule, enabled: false }, now)).toBe(false);
  });

  it('prunes the oldest of its own files beyond the number kept, and nothing else', () => {
    const names = [1, 2, 3, 4].map((d) => backupFileName(new Date(`2026-01-0${d}T00:00:00Z`)));
    expect(backupsToPrune([...names, 'notes.txt'], 2)).toEqual(names.slice(0, 2));
    expect(backupsToPrune(names, 10)).toEqual([]);
  });
});
