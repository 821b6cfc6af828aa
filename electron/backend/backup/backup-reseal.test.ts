import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRecoveryKey } from '../crypto/recovery-key';
import { storePaths } from '../data-dir';
import { Store } from '../store/store';
import { adminPassword, rejection, setUpStore } from '../testing/test-backend';
import { discardRestore, prepareRestore } from './backup-file';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
const samPassword = 'tangerine orbit lantern';

async function opens(dataDir: string, file: string, credential: Parameters<typeof prepareRestore>[2]): Promise<boolean> {
  try {
    discardRestore(await prepareRestore(dataDir, file, credential));
    return true;
  } catch {
    return false;
  }
}

/** Mark the store as open by a live process (a sleeping child), as the app or a CLI run would. */
function otherProcessHoldsStore(dataDir: string) {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  fs.mkdirSync(path.join(dataDir, 'open-by'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'open-by', String(child.pid)), '');
  return child;
}

describe('disabling means disabled, backups included', () => {
  it('re-seals every backup in the backup folder, so the old password opens none of them, and says what it could not reach', async () => {
    const t = await setUpStore();
    dirs.push(t.dataDir);
    const sam = await t.call('staff.create', { username: 'sam', displayName: 'Sam Leaving', role: 'admin', password: samPassword });
    const other = await t.call('staff.create', { username: 'olive', displayName: 'Olive Other', role: 'frontdesk', password: samPassword });
    const first = await t.call('backups.create', {});
    await t.call('staff.disable', { id: other.id }); // a rotation: the first backup is now of an older key
    const second = await t.call('backups.create', {});
    for (const b of [first, second]) expect(await opens(t.dataDir, b.filePath, { username: 'sam', password: samPassword })).toBe(true);

    const disabled = await t.call('staff.disable', { id: sam.id });
    expect(disabled.status).toBe('disabled');
    expect(disabled.backups.resealed.sort()).toEqual([first.filePath, second.filePath].sort());
    expect(disabled.backups.stillOpen).toEqual([]);
    expect(disabled.backups.elsewhere).toMatch(/USB drive/);
    for (const b of [first, second]) {
      expect(await opens(t.dataDir, b.filePath, { username: 'sam', password: samPassword }), b.fileName).toBe(false);
      expect(await opens(t.dataDir, b.filePath, { username: 'admin', password: adminPassword }), b.fileName).toBe(true);
      expect(await opens(t.dataDir, b.filePath, { recoveryKey: parseRecoveryKey(t.recoveryKey) }), b.fileName).toBe(true);
    }
    expect((await t.call('audit.list', { action: 'backup.resealed' })).total).toBe(2);
  });

  it('is both or neither: refused, with nothing changed, while another process keeps the store open', async () => {
    const t = await setUpStore();
    dirs.push(t.dataDir);
    const sam = await t.call('staff.create', { username: 'sam', displayName: 'Sam Leaving', role: 'frontdesk', password: samPassword });
    const keyring = fs.readFileSync(storePaths(t.dataDir).keyring, 'utf8');
    const holder = otherProcessHoldsStore(t.dataDir);
    try {
      const error = await rejection(t.call('staff.disable', { id: sam.id }));
      expect(error.code).toBe('conflict');
      expect(error.message).toMatch(/Another Consent Desk process has this store open .*Nothing was changed/);
    } finally {
      holder.kill();
    }
    expect((await t.call('staff.list', {})).find((s) => s.id === sam.id)?.status).toBe('active');
    expect(fs.readFileSync(storePaths(t.dataDir).keyring, 'utf8')).toBe(keyring);
    // Once the other process is gone, it works.
    await new Promise((resolve) => holder.once('exit', resolve));
    expect((await t.call('staff.disable', { id: sam.id })).status).toBe('disabled');
  }, 60_000);
});

describe('a new recovery key', () => {
  it('is shown once; the old one then opens neither the store nor its backups', async () => {
    const t = await setUpStore();
    dirs.push(t.dataDir);
    const backup = await t.call('backups.create', {});
    const wrong = await rejection(t.call('store.newRecoveryKey', { password: 'not my password at all' }));
    expect(wrong.code).toBe('unauthorized');
    const { recoveryKey, backups } = await t.call('store.newRecoveryKey', { password: adminPassword });
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){12}[0-9A-Z]{4}$/);
    expect(recoveryKey).not.toBe(t.recoveryKey);
    expect(backups.resealed).toEqual([backup.filePath]);
    const paths = storePaths(t.dataDir);
    expect(await Store.unlock(paths, { recoveryKey: parseRecoveryKey(t.recoveryKey) })).toEqual([]);
    expect(await Store.unlock(paths, { recoveryKey: parseRecoveryKey(recoveryKey) })).toHaveLength(1);
    expect(await opens(t.dataDir, backup.filePath, { recoveryKey: parseRecoveryKey(t.recoveryKey) })).toBe(false);
    expect(await opens(t.dataDir, backup.filePath, { recoveryKey: parseRecoveryKey(recoveryKey) })).toBe(true);
    expect((await t.call('audit.list', { action: 'store.recovery_key_replaced' })).total).toBe(1);
  });
});
