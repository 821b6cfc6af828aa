import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../../cli/testing/cli-in-process';
import { storePaths } from '../data-dir';
import { adminPassword, rejection, setUpStore, testBackend } from '../testing/test-backend';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

async function closedStore(label: string) {
  const t = await setUpStore();
  dirs.push(t.dataDir);
  await t.call('staff.create', { username: 'fran', displayName: 'Fran Front', role: 'frontdesk', password: 'tangerine orbit lantern' });
  t.backend.close();
  return { dataDir: t.dataDir, paths: storePaths(t.dataDir), label };
}


describe('a folder holding a store’s remains', () => {
  it('is never offered first-run setup, and init refuses it, when the key file is gone', async () => {
    const { dataDir, paths } = await closedStore('no-keyring');
    fs.rmSync(paths.keyring);
    const t = testBackend({ dataDir });
    const state = await t.call('app.state', {});
    expect(state.phase).toBe('unusable');
    expect(state.problem).toMatch(/consent-desk\.db/);
    const setup = await rejection(t.call('setup.create', { practiceName: 'New', adminUsername: 'pat', adminDisplayName: 'Pat', password: adminPassword }));
    expect(setup.code).toBe('conflict');
    expect(setup.message).toMatch(/would hide that data/);
    t.backend.close();
    const init = await runCliInProcess(['init', '--data-dir', dataDir, '--practice', 'New', '--admin', 'pat', '--password-stdin'], 'a long enough admin password\n');
    expect(init.code).toBe(2);
    expect(init.err).toMatch(/^consent-desk: .*no key file \(keyring\.json\)/);
    expect(fs.existsSync(paths.keyring)).toBe(false);
    expect(fs.existsSync(paths.database)).toBe(true);
  });

  it('puts back a store that a restore from before the journal left in .restore-*/previous/, and tells the administrator', async () => {
    const { dataDir, paths } = await closedStore('legacy-restore');
    const previous = path.join(dataDir, '.restore-abc123', 'previous');
    fs.mkdirSync(previous, { recursive: true });
    // The old restore moved the database, then the key file, and died before placing the backup.
    fs.renameSync(paths.database, path.join(previous, 'consent-desk.db'));
    fs.renameSync(paths.keyring, path.join(previous, 'keyring.json'));
    fs.writeFileSync(path.join(dataDir, `.keyring.json.999999.tmp`), 'torn');
    const t = testBackend({ dataDir });
    expect((await t.call('app.state', {})).phase).toBe('signed_out');
    await t.call('session.signIn', { username: 'admin', password: adminPassword });
    expect((await t.call('staff.list', {})).map((s) => s.username).sort()).toEqual(['admin', 'fran']);
    const state = await t.call('app.state', {});
    expect(state.alerts?.map((a) => a.kind)).toEqual(['recovered']);
    expect((await t.call('audit.list', { action: 'store.recovered' })).total).toBe(1);
    expect(fs.readdirSync(dataDir).filter((n) => n.startsWith('.'))).toEqual([]);
    t.backend.close();
  });
});
