import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/contract/contract-events';
import { AppError } from '../../shared/errors';
import { createBackend, type Backend } from './backend';
import type { BackendOptions } from './backend-core';
import { practiceServerLink } from './practice-server-link';
import { walkAuditChainPg } from './store-pg/pg-audit-log';
import { moveStoreFromFile } from './store-pg/pg-move-from-file';
import { folderHeadMemory, headMemoryKey } from './store-pg/server-head-memory';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from './store-pg/testing/pg-cluster';
import { admin, auditPractice, frontDesk, marketing } from './testing/audit-practice';
import { manualClock } from './testing/manual-clock';
import { tempDataDir, testKdf } from './testing/test-backend';
import { FieldCipher } from './store-pg/field-crypto';
import { openSlot } from './crypto/key-slots';
import { readKeyringPg } from './store-pg/pg-staff-repository';
import { findStaffSlot } from './store/keyring';

/**
 * The backend itself, twice, on one practice server: two workstations with
 * data folders of their own (no store in either), each signing in through
 * its `PracticeServerLink`. A practice made on an encrypted file is moved
 * to the server first (migrate-store's core), so both open a store with
 * staff, consents and a published post. The front desk revokes on one; the
 * other hears it on the server's change feed and its dashboard asks for
 * the post to come down; the audit trail is one chain with both
 * workstations' events.
 */
const root = tempDataDir('practice-server');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** The address without its password, and the password for PGPASSWORD (migrate-store refuses a password in the address). */
function split(url: string): { address: string; secret: string } {
  const match = /^(postgresql:\/\/[^:@/]+):([^@/]+)@/.exec(url);
  if (!match) throw new Error('unexpected test cluster address');
  return { address: url.replace(`:${match[2]}@`, '@'), secret: decodeURIComponent(match[2]!) };
}

type Changes = EventPayload<'records.changed'>;

describe.skipIf(!pgAvailable)(`two workstations on one practice server${pgSkipReason}`, () => {
  const cluster = useThrowawayCluster();
  const clock = manualClock('2026-03-03T10:00:00.000Z');
  let practice: Awaited<ReturnType<typeof auditPractice>>;
  const opened: Backend[] = [];

  beforeAll(async () => {
    const fileDir = path.join(root, 'file');
    practice = await auditPractice({ dataDir: fileDir });
    practice.backend.close();
    const owner = split(cluster().ownerUrl);
    const before = process.env.PGPASSWORD;
    process.env.PGPASSWORD = owner.secret;
    try {
      const moved = await moveStoreFromFile({ from: fileDir, to: owner.address, appRole: cluster().appRole, credential: { username: admin.username, password: admin.password } });
      expect(moved.check.problems).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.PGPASSWORD;
      else process.env.PGPASSWORD = before;
    }
  }, 300_000);
  afterAll(() => {
    for (const b of opened) b.close();
  });

  /** A workstation: its own data folder and head memory, the server through the app role. */
  function workstation(name: string, options: Partial<BackendOptions> = {}) {
    const dataDir = path.join(root, name);
    fs.mkdirSync(dataDir, { recursive: true });
    const backend = createBackend({
      dataDir,
      kdf: testKdf,
      now: clock.now,
      workstation: name,
      practiceServer: practiceServerLink({
        connection: { connectionString: cluster().appUrl },
        headMemory: { keeper: folderHeadMemory(path.join(dataDir, 'keeper')), key: headMemoryKey(`${name} paired secret`), now: clock.now },
        description: 'the test practice server',
      }),
      ...options,
    });
    opened.push(backend);
    async function call<K extends Parameters<Backend['invoke']>[0]>(callName: K, input: unknown) {
      const result = await backend.invoke(callName, input);
      if (!result.ok) throw AppError.fromData(result.error);
      return result.value as never;
    }
    return { backend, call, dataDir };
  }

  it('signs in on both, and a revocation at the front desk flags the live post on marketing’s dashboard through the change feed', async () => {
    const desk = workstation('reception');
    let heard: (changes: Changes) => void = () => undefined;
    const marketingEvents: Changes[] = [];
    const back = workstation('back-office', {
      onEvent: (name, payload) => {
        if (name !== 'records.changed') return;
        marketingEvents.push(payload as Changes);
        heard(payload as Changes);
      },
    });

    // Nothing of the store is on either workstation: the sign-in screen is shown, not setup.
    expect(((await desk.call('app.state', {})) as { phase: string }).phase).toBe('signed_out');
    await expect(desk.call('session.signIn', { username: frontDesk.username, password: 'not the password' })).rejects.toMatchObject({ code: 'unauthorized' });
    const deskState = (await desk.call('session.signIn', frontDesk)) as { phase: string; session: { username: string } };
    expect(deskState).toMatchObject({ phase: 'active', session: { username: frontDesk.username } });
    await back.call('session.signIn', marketing);
    const before = (await back.call('posts.dashboard', {})) as { takedownRequired: { id: string }[] };
    expect(before.takedownRequired.map((p) => p.id)).not.toContain(practice.livePost.id);

    // Marketing hears of the revocation on the server's feed, with no call of its own.
    const revocationHeard = new Promise<Changes>((resolve) => {
      heard = (changes) => {
        if (changes.changes.some((c) => c.table === 'authorizations' && c.id === practice.kept.id)) resolve(changes);
      };
    });
    await desk.call('consents.revoke', { id: practice.kept.id, receivedOn: '2026-03-03', method: 'mail', note: '', scan: null });
    const event = await revocationHeard;
    expect(event.changes).toContainEqual({ table: 'authorizations', id: practice.kept.id, kind: 'revoked' });
    const after = (await back.call('posts.dashboard', {})) as { takedownRequired: { id: string }[] };
    expect(after.takedownRequired.map((p) => p.id)).toContain(practice.livePost.id);

    // What only the file has is refused in words, not as a crash.
    await desk.call('session.signOut', {});
    await desk.call('session.signIn', admin);
    await expect(desk.call('store.check', {})).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/not available yet while the store is on the test practice server/) });

    // One chain on the server, with both workstations' sign-ins in it.
    const check = (await desk.call('audit.verify', {})) as { intact: boolean };
    expect(check.intact).toBe(true);
    const server = new pg.Client({ connectionString: cluster().appUrl });
    await server.connect();
    try {
      const keyring = (await readKeyringPg(server))!;
      const dataKey = (await openSlot(findStaffSlot(keyring, admin.username)!, admin.password))!;
      const chain = await walkAuditChainPg(server, new FieldCipher([{ keyId: keyring.keyEpoch, dataKey }], keyring.keyEpoch));
      expect(chain.intact).toBe(true);
      const details = (await desk.call('audit.list', { limit: 500 })) as { events: { action: string; detail: string }[] };
      const signIns = details.events.filter((e) => e.action === 'session.signed_in').map((e) => e.detail);
      expect(signIns).toEqual(expect.arrayContaining([expect.stringMatching(/workstation reception$/), expect.stringMatching(/workstation back-office$/)]));
      expect(details.events.some((e) => e.action === 'consent.revoked')).toBe(true);
    } finally {
      await server.end();
    }
    // Neither data folder holds a store.
    for (const dir of [desk.dataDir, back.dataDir]) expect(fs.existsSync(path.join(dir, 'keyring.json'))).toBe(false);
  }, 300_000);
  it('sets up an empty server from the first workstation, and staff made there sign in on another with the key slots the server keeps', async () => {
    const database = 'practice_setup';
    const superuser = new pg.Client({ connectionString: cluster().superuserUrl });
    await superuser.connect();
    try {
      await superuser.query(`CREATE DATABASE ${database} OWNER ${cluster().ownerRole}`);
      await superuser.query(`GRANT CONNECT ON DATABASE ${database} TO ${cluster().appRole}`);
    } finally {
      await superuser.end();
    }
    const inDatabase = (url: string) => url.replace(`@/${cluster().database}?`, `@/${database}?`);
    const first = workstation('privacy-office', {
      practiceServer: practiceServerLink({
        connection: { connectionString: inDatabase(cluster().appUrl) },
        headMemory: { keeper: folderHeadMemory(path.join(root, 'privacy-office-keeper')), key: headMemoryKey('privacy office'), now: clock.now },
        description: 'the new practice server',
        owner: { connection: { connectionString: inDatabase(cluster().ownerUrl) }, appRole: cluster().appRole },
      }),
    });
    const other = workstation('front-room', {
      practiceServer: practiceServerLink({
        connection: { connectionString: inDatabase(cluster().appUrl) },
        headMemory: { keeper: folderHeadMemory(path.join(root, 'front-room-keeper')), key: headMemoryKey('front room'), now: clock.now },
        description: 'the new practice server',
      }),
    });

    expect(((await first.call('app.state', {})) as { phase: string }).phase).toBe('setup');
    const setup = (await first.call('setup.create', { practiceName: 'Lakeside Clinic', adminUsername: 'pat', adminDisplayName: 'Pat Privacy', password: admin.password })) as {
      recoveryKey: string;
      state: { phase: string; recoveryKeyUnconfirmed: boolean; practiceName: string };
    };
    expect(setup.state).toMatchObject({ phase: 'active', recoveryKeyUnconfirmed: true, practiceName: 'Lakeside Clinic' });
    // The built-in wording in each language, as a new file has it: authorizations can be drafted at once.
    const wording = (await first.call('templates.list', {})) as { language: string; version: number; active: boolean }[];
    expect(wording.filter((t) => t.active).map((t) => [t.language, t.version]).sort()).toEqual([['en', 1], ['es', 1]]);
    // Set up once: a second setup, from either workstation, is refused and changes nothing.
    await expect(first.call('setup.create', { practiceName: 'Other', adminUsername: 'eve', adminDisplayName: 'Eve', password: admin.password })).rejects.toMatchObject({ code: 'conflict' });
    await first.call('staff.create', { username: 'robin', displayName: 'Robin Reception', role: 'frontdesk', password: frontDesk.password });

    // The other workstation sees a store to sign in to, with the slot made on the first.
    expect(((await other.call('app.state', {})) as { phase: string }).phase).toBe('signed_out');
    await expect(other.call('session.signIn', { username: 'robin', password: admin.password })).rejects.toMatchObject({ code: 'unauthorized' });
    const signedIn = (await other.call('session.signIn', { username: 'robin', password: frontDesk.password })) as { session: { role: string }; practiceName: string };
    expect(signedIn).toMatchObject({ session: { role: 'frontdesk' }, practiceName: 'Lakeside Clinic' });
    await other.call('session.signOut', {});

    // The recovery key made at setup opens the server's store from the other workstation.
    await other.call('session.recover', { recoveryKey: setup.recoveryKey, username: 'pat', newPassword: 'a brand new passphrase for pat' });
    await other.call('session.signOut', {});
    await expect(first.call('session.signOut', {})).resolves.toBeTruthy();
    await expect(first.call('session.signIn', { username: 'pat', password: admin.password })).rejects.toMatchObject({ code: 'unauthorized' });
    await first.call('session.signIn', { username: 'pat', password: 'a brand new passphrase for pat' });
    const events = (await first.call('audit.list', { limit: 100 })) as { events: { action: string }[] };
    expect(events.events.map((e) => e.action)).toEqual(expect.arrayContaining(['store.created', 'staff.created', 'certificate.generated', 'staff.password_reset']));
    expect(((await first.call('audit.verify', {})) as { intact: boolean }).intact).toBe(true);
  }, 300_000);
});
