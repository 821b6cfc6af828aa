import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupFileName } from '../../../shared/compliance/backups';
import { BackendCore } from '../backend-core';
import { storePaths } from '../data-dir';
import { Store } from '../store/store';
import { manualClock } from '../testing/manual-clock';
import { adminPassword, setUpStore, tempDataDir, testKdf } from '../testing/test-backend';
import { runScheduledBackup } from './backup-scheduler';

const dirs: string[] = [];
const fresh = (label: string) => {
  const dir = tempDataDir(label);
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('scheduled backups and a clock that was once wrong', () => {
  it('keep running, and keep the backups they make, when the folder holds a backup named in the future', async () => {
    const clock = manualClock('2026-05-01T08:00:00.000Z');
    const folder = fresh('backup-future');
    const t = await setUpStore({ dataDir: fresh('backup-future-store'), now: clock.now });
    await t.call('backups.setSchedule', { enabled: true, folder, everyHours: 24, keep: 1 });
    await t.call('session.signOut', {});
    t.backend.close();

    // Made the day the workstation's clock said 2031 (a flat CMOS battery, a typo fixed since).
    const future = backupFileName(new Date('2031-01-01T00:00:00.000Z'));
    fs.writeFileSync(path.join(folder, future), 'a backup from a wrong clock');

    const core = new BackendCore({ dataDir: t.dataDir, now: clock.now, kdf: testKdf });
    const opened = await Store.open(storePaths(t.dataDir), { username: 'admin', password: adminPassword });
    core.adoptStore(opened!.store);
    try {
      const made = await runScheduledBackup(core);
      expect(made).not.toBeNull();
      expect(fs.existsSync(made!.filePath)).toBe(true);
      clock.advance(25 * 3_600_000);
      const next = await runScheduledBackup(core);
      expect(next).not.toBeNull();
      expect(fs.existsSync(next!.filePath)).toBe(true);
    } finally {
      core.closeStore();
    }
  });
});
