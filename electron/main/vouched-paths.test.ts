import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VouchedPaths } from './vouched-paths';

describe('the paths the shell vouches for', () => {
  it('refuses every path field the shell did not hand out, whatever the page sends', () => {
    const vouched = new VouchedPaths();
    vouched.add('/home/pat/Documents/audit.zip');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constant('/home/pat/Documents/other.zip'), fc.integer(), fc.object()), (value) => {
        for (const [name, field] of [
          ['exports.start', 'destinationPath'],
          ['exports.verify', 'filePath'],
          ['backups.create', 'destinationPath'],
          ['backups.restore', 'filePath'],
          ['backups.setSchedule', 'folder'],
        ] as const) {
          expect(vouched.refusalFor(name, { [field]: value })).toMatchObject({ ok: false, error: { code: 'forbidden', issues: [{ path: field }] } });
        }
      }),
    );
  });

  it('lets through the paths it handed out (the same file however it is spelled), and calls without paths', () => {
    const vouched = new VouchedPaths();
    vouched.add('/home/pat/Documents/audit.zip');
    expect(vouched.refusalFor('exports.verify', { filePath: '/home/pat/Documents/audit.zip' })).toBeNull();
    expect(vouched.refusalFor('exports.verify', { filePath: '/home/pat/Documents/../Documents/audit.zip' })).toBeNull();
    expect(vouched.refusalFor('exports.verify', { id: '7d3e1f0a-1b2c-4d5e-8f90-a1b2c3d4e5f6' })).toBeNull();
    expect(vouched.refusalFor('backups.create', {})).toBeNull();
    expect(vouched.refusalFor('backups.setSchedule', { folder: null })).toBeNull();
    expect(vouched.refusalFor('staff.list', { anything: '/etc/passwd' })).toBeNull();
  });

  it('vouches for the paths a result declares, and only for successful results', () => {
    const vouched = new VouchedPaths();
    const backup = path.resolve('/backups/consent-desk-backup-20260131T021500123Z.cdbackup');
    vouched.collect('backups.list', { ok: false, error: { code: 'forbidden', message: 'no' } });
    expect(vouched.has(backup)).toBe(false);
    vouched.collect('backups.list', { ok: true, value: { folder: '/backups', schedule: {}, lastBackupAt: null, nextBackupAt: null, backups: [{ filePath: backup }] } });
    expect(vouched.refusalFor('backups.restore', { filePath: backup, password: 'x' })).toBeNull();
    expect(vouched.refusalFor('backups.setSchedule', { folder: '/backups' })).toBeNull();
    // A call that declares no outputs vouches for nothing it returns.
    vouched.collect('staff.list', { ok: true, value: [{ filePath: '/etc/shadow' }] });
    expect(vouched.has('/etc/shadow')).toBe(false);
  });
});
