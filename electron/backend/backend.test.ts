import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { callNames, contract } from '../../shared/contract';
import { can, roles, type Permission } from '../../shared/roles';
import { storePaths } from './data-dir';
import { readKeyring } from './store/keyring';
import { Store } from './store/store';
import { adminPassword, rejection, setUpStore, testBackend } from './testing/test-backend';
import { manualClock } from './testing/manual-clock';

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');


describe('first run and sign-in', () => {
  it('creates a store, shows a recovery key once and signs the administrator in', async () => {
    const { call, recoveryKey } = await setUpStore();
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){12}[0-9A-Z]{4}$/);
    const state = await call('app.state', {});
    expect(state.phase).toBe('active');
    expect(state.session?.role).toBe('admin');
    expect(state.practiceName).toBe('Riverside Physical Therapy');
    const again = await rejection(
      call('setup.create', { practiceName: 'X', adminUsername: 'other', adminDisplayName: 'O', password: adminPassword }),
    );
    expect(again.code).toBe('conflict');
  });

  it('starts in setup when the folder holds no store', async () => {
    const { call } = testBackend();
    expect((await call('app.state', {})).phase).toBe('setup');
  });

  it('refuses a wrong password with a message and audits the attempt', async () => {
    const { call } = await setUpStore();
    await call('session.signOut', {});
    const error = await rejection(call('session.signIn', { username: 'admin', password: 'not the password' }));
    expect(error.code).toBe('unauthorized');
    expect(error.message).toMatch(/username or password/);
    await call('session.signIn', { username: 'admin', password: adminPassword });
    const { events } = await call('audit.list', { action: 'session.sign_in_failed' });
    expect(events).toHaveLength(1);
    expect(events[0]?.actorName).toBe('admin');
  });

  it('slows down repeated failed sign-ins, and lets the person in after the wait', async () => {
    const clock = manualClock();
    const { call } = await setUpStore({ now: clock.now });
    await call('session.signOut', {});
    for (let i = 0; i < 4; i++) {
      expect((await rejection(call('session.signIn', { username: 'admin', password: `wrong ${i}` }))).code).toBe('unauthorized');
    }
    const throttled = await rejection(call('session.signIn', { username: 'admin', password: adminPassword }));
    expect(throttled.code).toBe('throttled');
    expect(throttled.retryAfterSeconds).toBeGreaterThan(0);
    clock.advance(60_000);
    expect((await call('session.signIn', { username: 'admin', password: adminPassword })).phase).toBe('active');
  });

  it('answers invalid input with field issues and unknown calls with not_found', async () => {
    const { backend } = testBackend();
    const bad = await backend.invoke('session.signIn', { username: 'A B', password: '' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('validation');
      expect(bad.error.issues?.map((i) => i.path).sort()).toEqual(['password', 'username']);
    }
    const unknown = await backend.invoke('patients.dropAll', {});
    expect(unknown.ok || unknown.error.code).toBe('not_found');
    const extra = await backend.invoke('app.state', { sneaky: true });
    expect(extra.ok || extra.error.code).toBe('validation');
  });
});

describe('roles', () => {
  it('refuses every call a role lacks the permission for, derived from the contract', async () => {
    const { call, backend } = await setUpStore();
    for (const role of roles.filter((r) => r !== 'admin')) {
      await call('staff.create', { username: role, displayName: `The ${role}`, role, password: `${role} password here` });
    }
    for (const role of roles.filter((r) => r !== 'admin')) {
      await call('session.signOut', {});
      await call('session.signIn', { username: role, password: `${role} password here` });
      const guarded = callNames.filter((name) => !['public', 'session'].includes(contract[name].access));
      for (const name of guarded) {
        const permission = contract[name].access as Permission;
        const result = await backend.invoke(name, {});
        if (can(role, permission)) continue;
        expect(result.ok ? 'ok' : result.error.code, `${role} calling ${name}`).toBe('forbidden');
      }
    }
    await call('session.signOut', {});
    await call('session.signIn', { username: 'admin', password: adminPassword });
    const denied = await call('audit.list', { action: 'access.denied' });
    expect(denied.total).toBeGreaterThan(0);
  });

  it('keeps at least one active administrator and forbids disabling yourself', async () => {
    const { call } = await setUpStore();
    const me = (await call('app.state', {})).session!;
    expect((await rejection(call('staff.disable', { id: me.staffId }))).code).toBe('conflict');
    expect((await rejection(call('staff.update', { id: me.staffId, role: 'marketing' }))).message).toMatch(/only active administrator/);
  });
});

describe('idle lock', () => {
  it('locks after the idle time, serves nothing until sign-in, and audits it', async () => {
    const clock = manualClock();
    const { call } = await setUpStore({ now: clock.now });
    await call('settings.update', { idleMinutes: 2 });
    clock.advance(60_000);
    await call('session.heartbeat', {});
    clock.advance(119_000);
    expect((await call('staff.list', {})).length).toBe(1); // activity resets the timer
    clock.advance(120_000);
    expect((await rejection(call('staff.list', {}))).code).toBe('locked');
    const state = await call('app.state', {});
    expect(state).toMatchObject({ phase: 'locked', session: null, lockedUsername: 'admin' });
    await call('session.signIn', { username: 'admin', password: adminPassword });
    const locks = await call('audit.list', { action: 'session.locked' });
    expect(locks.events[0]?.detail).toBe('idle');
  });

  it('counts a staff call as activity until it ends, so a call longer than the idle time does not lock the next one', async () => {
    // Every reading of this clock is 30 s after the one before: a call that reads it a few times lasts minutes.
    let at = Date.parse('2026-03-02T09:00:00.000Z');
    const now = () => new Date((at += 30_000));
    const { call } = await setUpStore({ now });
    await call('settings.update', { idleMinutes: 2 });
    for (let i = 0; i < 5; i++) {
      await call('patients.create', { firstName: `Ana${'abcde'[i]}`, lastName: 'Ortiz', dateOfBirth: '1980-04-23', allowDuplicate: true });
    }
    expect((await call('staff.list', {})).length).toBe(1);
    // A public call is not activity: reading the screen's state does not keep a session open.
    at += 90_000;
    for (let i = 0; i < 3; i++) await call('app.state', {});
    expect((await rejection(call('staff.list', {}))).code).toBe('locked');
  });
});

describe('encryption at rest', () => {
  it('writes none of the names, usernames or other text to disk in the clear', async () => {
    const { call, dataDir } = await setUpStore();
    await call('staff.create', { username: 'zebediah.q', displayName: 'Zebediah Quistgaard', role: 'frontdesk', password: 'a long enough password' });
    await call('settings.update', { practiceName: 'Xylophone Lane Dental' });
    const paths = storePaths(dataDir);
    // Every file in the data folder and below it (open-by/, and any other folder the backend makes).
    const files = (fs.readdirSync(dataDir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name));
    const needles = ['Zebediah', 'Quistgaard', 'zebediah.q', 'Xylophone', 'Riverside', 'Pat Privacy', 'staff.created', 'CREATE TABLE'];
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      for (const needle of needles) expect(bytes.includes(needle), `${needle} in ${file}`).toBe(false);
    }
    expect(files).toContain(paths.database);
    const raw = new Database(paths.database, { readonly: true });
    expect(() => raw.prepare('SELECT count(*) FROM staff').get()).toThrow(/file is not a database/);
    raw.close();
  });
});

describe('opening a store that cannot be opened', () => {
  it('reports a damaged data file and leaves it as it was', async () => {
    const { call, dataDir } = await setUpStore();
    await call('session.signOut', {});
    const paths = storePaths(dataDir);
    const fd = fs.openSync(paths.database, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0x41), 0, 4096, 0);
    fs.closeSync(fd);
    const before = sha256(paths.database);
    const error = await rejection(call('session.signIn', { username: 'admin', password: adminPassword }));
    expect(error.code).toBe('store_damaged');
    expect(error.message).toMatch(/damaged/);
    expect(sha256(paths.database)).toBe(before);
  });

  it('reports a missing data file and creates nothing', async () => {
    const { call, dataDir } = await setUpStore();
    await call('session.signOut', {});
    const paths = storePaths(dataDir);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(paths.database + suffix, { force: true });
    const error = await rejection(call('session.signIn', { username: 'admin', password: adminPassword }));
    expect(error.code).toBe('store_missing');
    expect(fs.existsSync(paths.database)).toBe(false);
  });

  it('refuses a store written by a newer version, and changes nothing on disk', async () => {
    const { call, dataDir } = await setUpStore();
    await call('session.signOut', {});
    const paths = storePaths(dataDir);
    const keyring = readKeyring(paths.keyring)!;
    const [unlocked] = await Store.unlock(paths, { username: 'admin', password: adminPassword });
    const store = Store.openWithKey(paths, keyring, unlocked!.dataKey);
    store.db.pragma('user_version = 99');
    store.db.pragma('journal_mode = DELETE');
    store.close();
    const before = sha256(paths.database);
    const error = await rejection(call('session.signIn', { username: 'admin', password: adminPassword }));
    expect(error.code).toBe('store_too_new');
    expect(error.message).toMatch(/newer Consent Desk/);
    expect(sha256(paths.database)).toBe(before);
    expect(fs.readdirSync(dataDir).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });
});

describe('passwords and recovery', () => {
  it('changes your own password: the old one stops working', async () => {
    const { call } = await setUpStore();
    const wrong = await rejection(call('session.changePassword', { currentPassword: 'nope nope nope', newPassword: 'a brand new password' }));
    expect(wrong.issues?.[0]?.path).toBe('currentPassword');
    await call('session.changePassword', { currentPassword: adminPassword, newPassword: 'a brand new password' });
    await call('session.signOut', {});
    expect((await rejection(call('session.signIn', { username: 'admin', password: adminPassword }))).code).toBe('unauthorized');
    expect((await call('session.signIn', { username: 'admin', password: 'a brand new password' })).phase).toBe('active');
  });

  it('opens the store with the recovery key and sets a new administrator password', async () => {
    const { call, recoveryKey } = await setUpStore();
    await call('session.signOut', {});
    const wrongKey = recoveryKey.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect((await rejection(call('session.recover', { recoveryKey: wrongKey, username: 'admin', newPassword: 'recovered password' }))).code).toBe(
      'unauthorized',
    );
    const state = await call('session.recover', { recoveryKey: recoveryKey.toLowerCase(), username: 'admin', newPassword: 'recovered password' });
    expect(state.phase).toBe('active');
    await call('session.signOut', {});
    expect((await call('session.signIn', { username: 'admin', password: 'recovered password' })).phase).toBe('active');
  });

  it('audits failed sign-ins that happened while the store was closed', async () => {
    const { call } = await setUpStore();
    await call('session.signOut', {});
    await rejection(call('session.signIn', { username: 'nobody', password: 'whatever it is' }));
    await call('session.signIn', { username: 'admin', password: adminPassword });
    const failed = await call('audit.list', { action: 'session.sign_in_failed' });
    expect(failed.events.map((e) => e.actorName)).toEqual(['nobody']);
    expect((await call('audit.verify', {})).intact).toBe(true);
  });
});

describe('what happens while the store is closed', () => {
  it('keeps failed sign-ins sealed beside the store, across processes, until it opens', async () => {
    const { call, backend, dataDir } = await setUpStore();
    await call('session.signOut', {});
    backend.close();
    // Another process (a CLI run, say) fails to sign in and ends.
    const other = testBackend({ dataDir });
    await rejection(other.call('session.signIn', { username: 'mallory.x', password: 'guessing away' }));
    other.backend.close();
    const sealed = fs.readFileSync(`${dataDir}/pending-audit.jsonl`);
    expect(sealed.includes('mallory')).toBe(false);

    const later = testBackend({ dataDir });
    await later.call('session.signIn', { username: 'admin', password: adminPassword });
    const failed = await later.call('audit.list', { action: 'session.sign_in_failed' });
    expect(failed.events.map((e) => e.actorName)).toEqual(['mallory.x']);
    expect(fs.existsSync(`${dataDir}/pending-audit.jsonl`)).toBe(false);
    expect((await later.call('audit.verify', {})).intact).toBe(true);
  });

  it('remembers failed sign-ins across processes, so restarting does not reset the wait', async () => {
    const { call, backend, dataDir } = await setUpStore();
    await call('session.signOut', {});
    backend.close();
    for (let i = 0; i < 4; i++) {
      const attempt = testBackend({ dataDir });
      await rejection(attempt.call('session.signIn', { username: 'admin', password: `wrong ${i}` }));
      attempt.backend.close();
    }
    const next = testBackend({ dataDir });
    expect((await rejection(next.call('session.signIn', { username: 'admin', password: adminPassword }))).code).toBe('throttled');
    expect(fs.readFileSync(`${dataDir}/sign-in-attempts.json`, 'utf8')).not.toContain('admin');
  });
});
