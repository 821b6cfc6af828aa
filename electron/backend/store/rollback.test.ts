import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCliInProcess } from '../../cli/testing/cli-in-process';
import { storePaths } from '../data-dir';
import { adminPassword, rejection, setUpStore, tempDataDir, testBackend } from '../testing/test-backend';
import { anchorPath, folderAnchorStore, readAnchorFile, type ExternalAnchorStore } from './rollback-anchor';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
const staffPassword = 'tangerine orbit lantern';

const cli = (args: string[]) => runCliInProcess(args, `${adminPassword}\n`);

describe('a store rolled back to an older copy', () => {
  it('is refused when only the database file was put back, the check names it, and an administrator can accept it (audited)', async () => {
    const t = await setUpStore();
    dirs.push(t.dataDir);
    const paths = storePaths(t.dataDir);
    t.backend.close();
    const older = fs.readFileSync(paths.database);

    const later = testBackend({ dataDir: t.dataDir });
    await later.call('session.signIn', { username: 'admin', password: adminPassword });
    await later.call('staff.create', { username: 'fran', displayName: 'Fran Front', role: 'frontdesk', password: staffPassword });
    later.backend.close();
    fs.writeFileSync(paths.database, older);

    const again = testBackend({ dataDir: t.dataDir });
    const refused = await rejection(again.call('session.signIn', { username: 'admin', password: adminPassword }));
    expect(refused.code).toBe('store_rolled_back');
    expect(refused.message).toMatch(/older than the store last seen in this folder/);
    // A wrong password learns nothing about it.
    expect((await rejection(again.call('session.signIn', { username: 'admin', password: 'not the password at all' }))).code).toBe('unauthorized');
    again.backend.close();

    const check = await cli(['check', '--data-dir', t.dataDir, '--user', 'admin', '--password-stdin']);
    expect(check.code).toBe(1);
    expect(check.err).toMatch(/^consent-desk: rollback: .*older than the store last seen/m);

    const accept = testBackend({ dataDir: t.dataDir });
    const forbidden = await rejection(accept.call('store.acceptRollback', { username: 'admin', password: 'wrong password here', reason: 'test' }));
    expect(forbidden.code).toBe('unauthorized');
    const state = await accept.call('store.acceptRollback', { username: 'admin', password: adminPassword, reason: 'we restored last week’s copy on purpose' });
    expect(state.phase).toBe('active');
    expect(state.alerts?.map((a) => a.kind)).toContain('rollback_accepted');
    const events = await accept.call('audit.list', { action: 'store.rollback' });
    // Refused twice (the sign-in, then the check's own sign-in), then accepted.
    expect(events.events.map((e) => e.action).sort()).toEqual(['store.rollback_accepted', 'store.rollback_refused', 'store.rollback_refused']);
    expect(events.events.find((e) => e.action === 'store.rollback_accepted')?.detail).toMatch(/on purpose/);
    accept.backend.close();

    const normal = testBackend({ dataDir: t.dataDir });
    await normal.call('session.signIn', { username: 'admin', password: adminPassword });
    expect((await normal.call('staff.list', {})).map((s) => s.username)).toEqual(['admin']);
    normal.backend.close();
  });

  it('is refused when the whole folder was put back, by the anchor the shell keeps outside it (a disable is not undone)', async () => {
    const outside = tempDataDir('anchor-outside');
    dirs.push(outside);
    const externalAnchor = folderAnchorStore(outside);
    const t = await setUpStore({ externalAnchor });
    dirs.push(t.dataDir);
    const fran = await t.call('staff.create', { username: 'fran', displayName: 'Fran Front', role: 'frontdesk', password: staffPassword });
    t.backend.close();
    const copy = tempDataDir('folder-copy');
    dirs.push(copy);
    fs.cpSync(t.dataDir, copy, { recursive: true });

    const later = testBackend({ dataDir: t.dataDir, externalAnchor });
    await later.call('session.signIn', { username: 'admin', password: adminPassword });
    await later.call('staff.disable', { id: fran.id });
    later.backend.close();
    const counter = readAnchorFile(t.dataDir, null).state!.writeCounter;
    // The shell's copy is written after the store closes: wait until it holds the disable.
    await vi.waitFor(async () => {
      const text = fs.readdirSync(outside).map((n) => fs.readFileSync(path.join(outside, n), 'utf8'))[0] ?? '';
      expect(JSON.parse(text || '{}').state?.writeCounter).toBe(counter);
    });

    fs.rmSync(t.dataDir, { recursive: true });
    fs.cpSync(copy, t.dataDir, { recursive: true });
    expect(fs.existsSync(anchorPath(t.dataDir))).toBe(true);
    const again = testBackend({ dataDir: t.dataDir, externalAnchor });
    const refused = await rejection(again.call('session.signIn', { username: 'fran', password: staffPassword }));
    expect(refused.code).toBe('store_rolled_back');
    expect(refused.message).toMatch(/older than the store last seen on this computer/);
    // The refused store closes without writing its older anchor over the copy that caught it.
    const twice = await rejection(again.call('session.signIn', { username: 'admin', password: adminPassword }));
    expect(twice.code).toBe('store_rolled_back');
    again.backend.close();
    const third = testBackend({ dataDir: t.dataDir, externalAnchor });
    expect((await rejection(third.call('session.signIn', { username: 'admin', password: adminPassword }))).code).toBe('store_rolled_back');
    third.backend.close();
  });

  it('is not confused by the shell writing its copy slowly: the store closing and the restored one land in order', async () => {
    const outside = tempDataDir('anchor-slow');
    dirs.push(outside);
    const folder = folderAnchorStore(outside);
    // Writes wait until released, then land newest first: whatever was asked for at once, out of order.
    let held: { sealed: string; storeId: string; done: () => void }[] | null = null;
    const externalAnchor: ExternalAnchorStore = {
      read: (storeId) => folder.read(storeId),
      write: (storeId, sealed) =>
        held ? new Promise<void>((done) => held!.push({ storeId, sealed, done })) : folder.write(storeId, sealed),
    };
    const t = await setUpStore({ externalAnchor });
    dirs.push(t.dataDir);
    const backup = await t.call('backups.create', {});
    await t.call('staff.create', { username: 'fran', displayName: 'Fran Front', role: 'frontdesk', password: staffPassword });
    held = [];
    await t.call('backups.restore', { filePath: backup.filePath, password: adminPassword });
    const asked = held;
    held = null;
    for (const write of asked.reverse()) {
      await folder.write(write.storeId, write.sealed);
      write.done();
    }
    await t.call('session.signIn', { username: 'admin', password: adminPassword });
    expect((await t.call('staff.list', {})).map((s) => s.username)).toEqual(['admin']);
    t.backend.close();
  });

  it('is not confused by a restore: the restored store is newer than the one it replaced', async () => {
    const outside = tempDataDir('anchor-restore');
    dirs.push(outside);
    const externalAnchor = folderAnchorStore(outside);
    const t = await setUpStore({ externalAnchor });
    dirs.push(t.dataDir);
    const backup = await t.call('backups.create', {});
    await t.call('staff.create', { username: 'fran', displayName: 'Fran Front', role: 'frontdesk', password: staffPassword });
    await t.call('backups.restore', { filePath: backup.filePath, password: adminPassword });
    await t.call('session.signIn', { username: 'admin', password: adminPassword });
    expect((await t.call('staff.list', {})).map((s) => s.username)).toEqual(['admin']);
    expect((await t.call('store.check', {})).problems).toEqual([]);
    t.backend.close();
  });
});
