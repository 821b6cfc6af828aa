import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { listAudit } from '../audit/audit-log';
import { storePaths } from '../data-dir';
import { listStaff } from '../repositories/staff-repository';
import { Store } from '../store/store';
import { adminPassword, setUpStore, tempDataDir } from '../testing/test-backend';
import { commitRestore, prepareRestore } from './backup-file';

const admin = { username: 'admin', password: adminPassword };
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
afterEach(() => vi.restoreAllMocks());

/** A store with a backup, then one more staff member added after it: which store is live says which one we see. */
async function storeWithBackup(label: string) {
  const dataDir = tempDataDir(label);
  dirs.push(dataDir);
  const t = await setUpStore({ dataDir });
  const info = await t.call('backups.create', {});
  await t.call('staff.create', { username: 'later', displayName: 'Added Later', role: 'frontdesk', password: 'later password 1234' });
  t.backend.close();
  return { dataDir, backup: info.filePath, live: storePaths(dataDir) };
}

async function openedUsernames(dataDir: string): Promise<string[]> {
  const opened = await Store.open(storePaths(dataDir), admin);
  if (!opened) throw new Error('the admin password should open the store');
  try {
    return listStaff(opened.store.db).map((s) => s.username).sort();
  } finally {
    opened.store.close();
  }
}

const busy = (file: string) => Object.assign(new Error(`EBUSY: resource busy or locked, rename '${file}'`), { code: 'EBUSY' });

describe('commitRestore when the file system gets in the way', () => {
  it('puts the store back whole when a file cannot be moved aside (a key file held open on Windows)', async () => {
    const { dataDir, backup, live } = await storeWithBackup('restore-busy-keyring');
    const keyringBefore = fs.readFileSync(live.keyring);
    const prepared = await prepareRestore(dataDir, backup, admin);
    const rename = fs.renameSync;
    vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (String(from) === live.keyring) throw busy(live.keyring);
      rename(from, to);
    });
    expect(() => commitRestore(prepared, dataDir, { at: new Date(), workstation: 'test' })).toThrow(/EBUSY/);
    vi.restoreAllMocks();

    // The key file that was never moved is the only way into the store: it must still be there.
    expect(fs.existsSync(live.keyring)).toBe(true);
    expect(fs.readFileSync(live.keyring).equals(keyringBefore)).toBe(true);
    expect(await openedUsernames(dataDir)).toEqual(['admin', 'later']);
  });

  it('keeps the restored store once it is in place and audited, even if the previous files cannot all be deleted', async () => {
    const { dataDir, backup } = await storeWithBackup('restore-busy-cleanup');
    const prepared = await prepareRestore(dataDir, backup, admin);
    const rm = fs.rmSync;
    vi.spyOn(fs, 'rmSync').mockImplementation((target, options) => {
      if (String(target) === prepared.workDir) {
        // Windows: the first files go, then one is held open by a virus scanner.
        rm(path.join(prepared.workDir, 'previous', 'consent-desk.db'), { force: true });
        throw Object.assign(new Error(`EBUSY: resource busy or locked, rmdir '${prepared.workDir}'`), { code: 'EBUSY' });
      }
      rm(target, options);
    });
    const outcome = commitRestore(prepared, dataDir, { at: new Date(), workstation: 'test' });
    vi.restoreAllMocks();
    expect(outcome.restoredBy).toBe('admin');

    expect(await openedUsernames(dataDir)).toEqual(['admin']);
    const opened = (await Store.open(storePaths(dataDir), admin))!;
    expect(listAudit(opened.store.db, { action: 'store.restored', limit: 10 }).total).toBe(1);
    opened.store.close();
  });
});
