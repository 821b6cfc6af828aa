import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { storePaths } from '../data-dir';
import { adminPassword, rejection, setUpStore, tempDataDir, testBackend } from '../testing/test-backend';
import { Store } from './store';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('Expected a failure, but it succeeded.');
}

describe('disabling a staff member rotates the data key', () => {
  it('leaves their old password opening nothing, even with a copy of the key file from before', async () => {
    const { call, backend, dataDir, recoveryKey } = await setUpStore();
    dirs.push(dataDir);
    const paths = storePaths(dataDir);
    const leaverPassword = 'the leaver knows this one';
    const leaver = await call('staff.create', { username: 'casey', displayName: 'Casey Moreno', role: 'frontdesk', password: leaverPassword });

    // What a departing employee could have taken: the key file as it was.
    const aside = tempDataDir('keyring-aside');
    dirs.push(aside);
    const oldKeyringFile = path.join(aside, 'keyring.json');
    fs.copyFileSync(paths.keyring, oldKeyringFile);
    const [before] = await Store.unlock(paths, { username: 'casey', password: leaverPassword });
    expect(before).toBeDefined();

    await call('staff.disable', { id: leaver.id });
    backend.close();

    // The old key file and the old password still yield the OLD data key ...
    const oldPaths = { ...paths, keyring: oldKeyringFile, pendingKeyring: path.join(aside, 'none.json') };
    const [stale] = await Store.unlock(oldPaths, { username: 'casey', password: leaverPassword });
    if (!stale) throw new Error('the copied key file should still hold casey’s slot');
    expect(stale.dataKey.equals(before!.dataKey)).toBe(true);
    expect(stale.keyring.keyEpoch).toBeLessThan(JSON.parse(fs.readFileSync(paths.keyring, 'utf8')).keyEpoch);

    // ... which no longer opens the database, and trying changes nothing on disk.
    const digest = sha256(paths.database);
    const error = thrown(() => Store.openWithKey(paths, stale.keyring, stale.dataKey));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('store_damaged');
    expect(sha256(paths.database)).toBe(digest);

    // The same with the old key file put back beside the database.
    const restored = tempDataDir('keyring-restored');
    dirs.push(restored);
    fs.copyFileSync(paths.database, path.join(restored, 'consent-desk.db'));
    fs.copyFileSync(oldKeyringFile, path.join(restored, 'keyring.json'));
    const viaOpen = await Store.open(storePaths(restored), { username: 'casey', password: leaverPassword }).catch((e: unknown) => e);
    expect((viaOpen as AppError).code).toBe('store_damaged');

    // The current key file has no slot for casey at all.
    expect(await Store.unlock(paths, { username: 'casey', password: leaverPassword })).toEqual([]);
    const fresh = testBackend({ dataDir });
    try {
      expect((await rejection(fresh.call('session.signIn', { username: 'casey', password: leaverPassword }))).code).toBe('unauthorized');

      // The remaining administrator still signs in, on a fresh open.
      expect((await fresh.call('session.signIn', { username: 'admin', password: adminPassword })).phase).toBe('active');
      const casey = (await fresh.call('staff.list', {})).find((s) => s.username === 'casey');
      expect(casey?.status).toBe('disabled');
      expect((await fresh.call('audit.verify', {})).intact).toBe(true);
    } finally {
      fresh.backend.close();
    }

    // And the recovery key still opens the store.
    const recovering = testBackend({ dataDir });
    try {
      const state = await recovering.call('session.recover', { recoveryKey, username: 'admin', newPassword: 'a brand new admin password' });
      expect(state.phase).toBe('active');
      const { events } = await recovering.call('audit.list', { action: 'store.key_rotated' });
      expect(events.map((e) => e.subjectId)).toContain(leaver.id);
    } finally {
      recovering.backend.close();
    }
  });
});

describe('copies kept before schema upgrades', () => {
  it('are removed when the data key rotates, since the old key opens them', async () => {
    const { call, dataDir } = await setUpStore();
    dirs.push(dataDir);
    const paths = storePaths(dataDir);
    const leaver = await call('staff.create', { username: 'casey', displayName: 'Casey Moreno', role: 'frontdesk', password: 'the leaver knows this one' });
    const backup = `${paths.database}.schema-1.bak`;
    fs.copyFileSync(paths.database, backup);
    await call('staff.disable', { id: leaver.id });
    expect(fs.existsSync(backup)).toBe(false);
    expect(fs.statSync(paths.database).mode & 0o777).toBe(0o600);
  });
});
