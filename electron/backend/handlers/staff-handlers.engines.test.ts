import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../shared/audit';
import type { BackupResealReport } from '../../../shared/compliance/backups';
import { AppError } from '../../../shared/errors';
import type { Settings } from '../../../shared/settings';
import type { StaffMember } from '../../../shared/staff';
import type { SettingsCore, StaffCore } from '../engine-core';
import type { StoreEngine } from '../store-engine/store-engine';
import { chainFieldsOf, handlerOutcome, type HandlerOutcome, conformanceEngines } from '../store-engine/testing/conformance-transcript';
import { pgEngineUnderTest, sqliteEngineUnderTest, type EngineUnderTest } from '../store-engine/testing/engines-under-test';
import { auditHeadOf, dispatcherFor } from '../store-engine/testing/handler-harness';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import { settingsHandlers } from './settings-handlers';
import { staffHandlers } from './staff-handlers';

/**
 * The staff and settings handlers, ported onto the store engine, run on
 * BOTH engines: an encrypted SQLite file and a real PostgreSQL (a throwaway
 * cluster). Sessions do not live in the store, so the test core names the
 * signed-in staff member; the key file's steps (slots, the data key's
 * rotation, the backups' re-sealing: the Store's on the app, not on the
 * engine) are recorded by the test core, which can refuse or fail them, and
 * can change a record between a call's read and its write (another
 * workstation). Every answer, error, key step and audit event goes into a
 * transcript, with the audit chain's head after each call; the last test
 * compares the two engines' transcripts byte for byte.
 */

type Entry = [string, unknown];
const transcripts = new Map<string, Entry[]>();

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const staffAt = '2026-12-01T08:00:00.000Z';
const member = (n: number, username: string, displayName: string): StaffMember => ({ id: uuid(n), username, displayName, role: 'admin', status: 'active', createdAt: staffAt, updatedAt: staffAt });
/** Who is signed in, and two more administrators, there before the first call. */
const admin = member(100, 'pat', 'Pat Privacy');
const morgan = member(101, 'morgan', 'Morgan Marketing');
const robin = member(102, 'robin', 'Robin Reception');
const casey = uuid(103);
const strong = 'tangerine orbit lantern';

interface TestCore extends StaffCore, SettingsCore {
  /** Make the next audit append fail (after the handler's own write in the same transaction). */
  failNextAudit: boolean;
  /** Run once before the next write begins: another workstation's change between the call's read and its write. */
  beforeNextWrite: (() => Promise<void>) | null;
  session: StaffMember;
  /** The next rotation fails with these words. */
  rotationFails: string | null;
  /** Another process holds the store. */
  notSoleUse: boolean;
  /** Every audit event the handlers appended (settings events name no subject to read them back by). */
  appended: AuditEvent[];
}

function testCore(under: EngineUnderTest, settings: Settings, note: (label: string, value: unknown) => void): TestCore {
  let nextId = 0;
  let minute = 0;
  let cached = settings;
  const inner = under.engine as StoreEngine<unknown>;
  const engine: StoreEngine<unknown> = {
    kind: inner.kind,
    records: {
      ...inner.records,
      audit: {
        ...inner.records.audit,
        async appendAudit(tx, entry) {
          const event = await inner.records.audit.appendAudit(tx, entry);
          core.appended.push(event);
          return event;
        },
      },
    },
    read: (fn, options) => inner.read(fn, options),
    async write(fn, options) {
      const hook = core.beforeNextWrite;
      core.beforeNextWrite = null;
      if (hook) await hook();
      return inner.write(fn, options);
    },
    close: () => inner.close(),
  };
  const backups: BackupResealReport = { resealed: ['/backups/a.cdbackup'], stillOpen: [{ file: '/backups/old/b.cdbackup', why: 'made before Consent Desk kept retired keys' }], elsewhere: 'elsewhere' };
  const core: TestCore = {
    engine,
    failNextAudit: false,
    beforeNextWrite: null,
    session: admin,
    rotationFails: null,
    notSoleUse: false,
    appended: [],
    timeZone: 'America/Chicago',
    today: () => '2026-12-01',
    nowIso: () => new Date(Date.UTC(2026, 11, 1, 9, minute++)).toISOString(),
    newId: () => uuid(++nextId),
    auditActor: () => {
      if (core.failNextAudit) {
        core.failNextAudit = false;
        throw new AppError('internal', 'Injected failure after the handler wrote.');
      }
      return { actorId: core.session.id, actorName: core.session.username };
    },
    requireSession: () => core.session,
    get settings() {
      return cached;
    },
    refreshSettings(next) {
      note('settings refreshed', next);
      cached = next;
    },
    async sweepExpired() {
      note('posts swept', true);
    },
    staffKeys: {
      async setSlot(staff, password) {
        note('key slot', { staffId: staff.id, username: staff.username, password });
      },
      async waitForSoleUse(what) {
        note('sole use', what);
        if (core.notSoleUse) throw new AppError('conflict', `Another Consent Desk process has this store open (process 4242): close it, then ${what} again. Nothing was changed.`);
      },
      async rotateDataKeyWithout(staffId) {
        note('rotation without', staffId);
        const failed = core.rotationFails;
        core.rotationFails = null;
        return failed;
      },
      async resealBackups() {
        note('backups re-sealed', true);
        return backups;
      },
    },
    async afterPatientChange() {
      throw new AppError('internal', 'No patient changes in the staff handlers.');
    },
    async afterConsentChange() {
      throw new AppError('internal', 'No consent changes in the staff handlers.');
    },
  };
  return core;
}

const engines = conformanceEngines;

describe.each(engines)('the staff and settings handlers on $name', ({ name, skip }) => {
  const cluster = name === 'postgres' && !skip ? useThrowawayCluster() : null;
  let under: EngineUnderTest;
  let core: TestCore;
  const log: Entry[] = [];
  const note = (label: string, value: unknown) => log.push([label, JSON.parse(JSON.stringify(value ?? '(nothing)'))]);

  beforeAll(async () => {
    if (skip) return;
    under = name === 'sqlite' ? sqliteEngineUnderTest({ staff: false, testTemplates: false }) : await pgEngineUnderTest(cluster!());
    await under.engine.write(async (tx) => {
      for (const s of [admin, morgan, robin]) await under.engine.records.staff.insertStaff(tx, s);
    });
    const settings = await under.engine.read((tx) => under.engine.records.settings.readSettings(tx));
    core = testCore(under, settings, note);
  }, 180_000);
  afterAll(async () => {
    await under?.close();
    if (!skip) transcripts.set(name, log);
  });

  const call = dispatcherFor({ ...staffHandlers, ...settingsHandlers }, () => core);
  const head = () => auditHeadOf(under.engine, { at: staffAt, action: 'staff.updated' });
  async function outcome(label: string, work: Promise<unknown>): Promise<HandlerOutcome> {
    const result = await handlerOutcome(work);
    note(label, result);
    note(`${label}: audit head`, await head());
    return result;
  }
  const auditOf = (subjectId: string) => under.engine.read((tx) => under.engine.records.audit.auditOfSubject(tx, subjectId)) as Promise<AuditEvent[]>;
  const staffById = (id: string) => under.engine.read((tx) => under.engine.records.staff.getStaffById(tx, id)) as Promise<StaffMember | undefined>;
  const settingsNow = () => under.engine.read((tx) => under.engine.records.settings.readSettings(tx)) as Promise<Settings>;
  /** Another workstation's change to a staff member, committed before the call's write begins. */
  const meanwhile = (id: string, changes: Partial<Pick<StaffMember, 'displayName' | 'role' | 'status'>>) => {
    core.beforeNextWrite = () => under.engine.write((tx) => under.engine.records.staff.updateStaff(tx, id, changes, '2026-12-01T08:30:00.000Z')).then(() => undefined);
  };
  const keyStepsSince = (from: number) => log.slice(from).filter(([label]) => ['key slot', 'sole use', 'rotation without', 'backups re-sealed'].includes(label)).map(([label]) => label);

  it.skipIf(skip)(`adds staff, refusing a username taken in any case and a weak password${name === 'postgres' ? pgSkipReason : ''}`, async () => {
    await outcome('list', call('staff.list', {}));
    const added = await outcome('add jamie', call('staff.create', { username: 'jamie.rivera', displayName: 'Jamie Rivera', role: 'frontdesk', password: strong }));
    expect(added).toEqual({ ok: expect.objectContaining({ id: uuid(1), username: 'jamie.rivera', status: 'active' }) });
    const taken = await outcome('a username taken', call('staff.create', { username: 'Jamie.Rivera', displayName: 'Another Jamie', role: 'frontdesk', password: strong }));
    expect(taken).toMatchObject({ error: { code: 'conflict', issues: [{ path: 'username' }] } });
    const weak = await outcome('a weak password', call('staff.create', { username: 'sam', displayName: 'Sam Short', role: 'frontdesk', password: 'password1234' }));
    expect(weak).toMatchObject({ error: { code: 'validation' } });
    // Taken between the read and the write (another workstation): refused in the write, nothing kept.
    const from = log.length;
    core.beforeNextWrite = () => under.engine.write((tx) => under.engine.records.staff.insertStaff(tx, { id: casey, username: 'casey', displayName: 'Casey Elsewhere', role: 'frontdesk', status: 'active', createdAt: staffAt, updatedAt: staffAt }));
    const raced = await outcome('a username taken meanwhile', call('staff.create', { username: 'casey', displayName: 'Casey Moreno', role: 'marketing', password: strong }));
    expect(raced).toEqual({ error: { code: 'conflict', message: 'The username “casey” is taken.', issues: [{ path: 'username', message: 'Choose another username.' }] } });
    expect(keyStepsSince(from)).toEqual([]);
    expect((await staffById(casey))?.displayName).toBe('Casey Elsewhere');
    await outcome('list after adding', call('staff.list', {}));
  });

  it.skipIf(skip)('changes a name and a role, refusing a stale copy and the last administrator’s role', async () => {
    const renamed = await outcome('rename jamie', call('staff.update', { id: uuid(1), displayName: 'Jamie Rivera-Moss' }));
    expect(renamed).toMatchObject({ ok: { displayName: 'Jamie Rivera-Moss', role: 'frontdesk' } });
    const before = await head();
    const same = await outcome('no change', call('staff.update', { id: uuid(1), displayName: 'Jamie Rivera-Moss', role: 'frontdesk' }));
    expect(same).toMatchObject({ ok: { displayName: 'Jamie Rivera-Moss' } });
    expect(await head()).toEqual(before);
    await outcome('an unknown staff member', call('staff.update', { id: uuid(99), displayName: 'Nobody' }));
    const promoted = await outcome('make jamie an administrator', call('staff.update', { id: uuid(1), role: 'admin' }));
    expect(promoted).toMatchObject({ ok: { role: 'admin' } });
    // Renamed on another workstation between this call's read and its write.
    meanwhile(morgan.id, { displayName: 'Morgan Elsewhere' });
    const stale = await outcome('a stale copy', call('staff.update', { id: morgan.id, role: 'marketing' }));
    expect(stale).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/Someone else changed this staff member/) } });
    expect(await staffById(morgan.id)).toMatchObject({ displayName: 'Morgan Elsewhere', role: 'admin' });
    await outcome('list after the changes', call('staff.list', {}));
  });

  it.skipIf(skip)('resets a password and disables an account, rotating the key and re-sealing the backups', async () => {
    let from = log.length;
    const reset = await outcome('reset jamie’s password', call('staff.resetPassword', { id: uuid(1), password: 'plum harbour quietly' }));
    expect(reset).toEqual({ ok: null });
    expect(keyStepsSince(from)).toEqual(['key slot']);
    from = log.length;
    const disabled = await outcome('disable robin', call('staff.disable', { id: robin.id }));
    expect(disabled).toMatchObject({ ok: { status: 'disabled', backups: { resealed: ['/backups/a.cdbackup'] } } });
    expect(keyStepsSince(from)).toEqual(['sole use', 'rotation without', 'backups re-sealed']);
    expect((await auditOf(robin.id)).map((e) => [e.action, e.detail])).toEqual([
      ['staff.disabled', ''],
      ['store.key_rotated', 'account disabled'],
      ['backup.resealed', '1 backup(s) re-sealed to the current key slots; 1 could not be: b.cdbackup'],
    ]);
    from = log.length;
    const again = await outcome('disable robin again', call('staff.disable', { id: robin.id }));
    expect(again).toMatchObject({ ok: { status: 'disabled', backups: { resealed: [] } } });
    expect(keyStepsSince(from)).toEqual([]);
    await outcome('reset a disabled account’s password', call('staff.resetPassword', { id: robin.id, password: strong }));
    await outcome('disable yourself', call('staff.disable', { id: admin.id }));
    await outcome('disable an unknown account', call('staff.disable', { id: uuid(99) }));
  });

  it.skipIf(skip)('undoes a disabling whose rotation fails, and refuses while another process holds the store', async () => {
    core.rotationFails = 'The disk is full.';
    const failed = await outcome('disable jamie, rotation failing', call('staff.disable', { id: uuid(1) }));
    expect(failed).toEqual({ error: { code: 'conflict', message: 'Jamie Rivera-Moss’s account was not disabled: The disk is full. Nothing was changed.' } });
    expect(await staffById(uuid(1))).toMatchObject({ status: 'active' });
    expect((await auditOf(uuid(1))).slice(-2).map((e) => [e.action, e.detail])).toEqual([
      ['staff.disabled', ''],
      ['staff.enabled', 'disabling undone: the data key could not be rotated'],
    ]);
    const before = await head();
    core.notSoleUse = true;
    const held = await outcome('disable jamie, store held', call('staff.disable', { id: uuid(1) }));
    core.notSoleUse = false;
    expect(held).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/Nothing was changed/) } });
    expect(await staffById(uuid(1))).toMatchObject({ status: 'active' });
    expect(await head()).toEqual(before);
  });

  it.skipIf(skip)('checks again in the write that an administrator remains and that the account is as read', async () => {
    // Jamie and Morgan are the active administrators besides Pat; Morgan is disabled elsewhere between the read and the write.
    await outcome('disable jamie', call('staff.disable', { id: uuid(1) }));
    let from = log.length;
    core.session = member(104, 'another-admin', 'Another Administrator');
    try {
      meanwhile(admin.id, { status: 'disabled' });
      const last = await outcome('disable the last other administrator', call('staff.disable', { id: morgan.id }));
      expect(last).toMatchObject({ error: { code: 'conflict', message: 'Morgan Elsewhere is the only active administrator: add another before you disable them.' } });
      expect(keyStepsSince(from)).toEqual(['sole use']);
      expect(await staffById(morgan.id)).toMatchObject({ status: 'active' });
      await outcome('change the last administrator’s role', call('staff.update', { id: morgan.id, role: 'marketing' }));
      expect(log.find(([label]) => label === 'change the last administrator’s role')?.[1]).toEqual({
        error: { code: 'conflict', message: 'Morgan Elsewhere is the only active administrator: add another before you change their role.' },
      });
      expect(await staffById(morgan.id)).toMatchObject({ role: 'admin', status: 'active' });
      // The same change from a copy gone stale (saved again elsewhere, same name, between the read and the write): refused as stale,
      // the one check that the account is as read coming before the rule; nothing kept.
      const stamp = '2026-12-01T08:45:00.000Z';
      core.beforeNextWrite = () => under.engine.write((tx) => under.engine.records.staff.updateStaff(tx, morgan.id, { displayName: 'Morgan Elsewhere' }, stamp)).then(() => undefined);
      const staleLast = await outcome('change a stale copy of the last administrator’s role', call('staff.update', { id: morgan.id, role: 'marketing' }));
      expect(staleLast).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/Someone else changed this staff member/) } });
      expect(await staffById(morgan.id)).toMatchObject({ role: 'admin', status: 'active', updatedAt: stamp });
    } finally {
      core.session = admin;
    }
    // Renamed elsewhere while the account was being disabled: nothing rotated, nothing disabled.
    from = log.length;
    meanwhile(casey, { displayName: 'Casey Renamed' });
    const stale = await outcome('disable a stale copy', call('staff.disable', { id: casey }));
    expect(stale).toMatchObject({ error: { code: 'conflict' } });
    expect(keyStepsSince(from)).toEqual(['sole use']);
    expect(await staffById(casey)).toMatchObject({ status: 'active' });
  });

  it.skipIf(skip)('enables an account with a new password, the slot made before the write', async () => {
    let from = log.length;
    const enabled = await outcome('enable pat', call('staff.enable', { id: admin.id, password: 'plum harbour quietly' }));
    expect(enabled).toMatchObject({ ok: { status: 'active' } });
    expect(keyStepsSince(from)).toEqual(['key slot']);
    from = log.length;
    await outcome('enable an active account', call('staff.enable', { id: admin.id, password: strong }));
    expect(keyStepsSince(from)).toEqual([]);
    await outcome('enable with a weak password', call('staff.enable', { id: uuid(1), password: 'password1234' }));
    meanwhile(uuid(1), { displayName: 'Jamie Elsewhere' });
    const stale = await outcome('enable a stale copy', call('staff.enable', { id: uuid(1), password: strong }));
    expect(stale).toMatchObject({ error: { code: 'conflict' } });
    expect(await staffById(uuid(1))).toMatchObject({ status: 'disabled' });
    await outcome('list at the end', call('staff.list', {}));
  });

  it.skipIf(skip)('reads and changes the settings, sweeping posts for another zone or age of majority', async () => {
    await outcome('settings', call('settings.get', {}));
    const changed = await outcome('change the name and zone', call('settings.update', { practiceName: 'Lakeside Dental', timeZone: 'America/New_York' }));
    expect(changed).toMatchObject({ ok: { practiceName: 'Lakeside Dental', timeZone: 'America/New_York' } });
    expect(log.slice(-4).map(([label]) => label)).toEqual(['settings refreshed', 'posts swept', 'change the name and zone', 'change the name and zone: audit head']);
    const before = await head();
    const from = log.length;
    const same = await outcome('no change', call('settings.update', { practiceName: 'Lakeside Dental' }));
    expect(same).toMatchObject({ ok: { practiceName: 'Lakeside Dental' } });
    expect(await head()).toEqual(before);
    expect(log.slice(from).map(([label]) => label)).toEqual(['no change', 'no change: audit head']);
    await outcome('change the phone', call('settings.update', { practicePhone: '555-0100' }));
    expect(log.slice(-3).map(([label]) => label)).toEqual(['settings refreshed', 'change the phone', 'change the phone: audit head']);
    await outcome('change the age of majority', call('settings.update', { ageOfMajority: 19, idleMinutes: 10 }));
    await outcome('an unknown zone', call('settings.update', { timeZone: 'Mars/Olympus' }));
    // Changed elsewhere to the same name between the read and the write: nothing left to change, nothing audited.
    core.beforeNextWrite = () => under.engine.write((tx) => under.engine.records.settings.writeSettings(tx, { practiceName: 'Lakeside Family Dental' })).then(() => undefined);
    const head2 = await head();
    await outcome('changed meanwhile to the same', call('settings.update', { practiceName: 'Lakeside Family Dental' }));
    expect(await head()).toEqual(head2);
    await outcome('settings at the end', call('settings.get', {}));
    const settingsEvents = core.appended.filter((e) => e.subjectType === 'settings');
    note('settings audit', settingsEvents.map(chainFieldsOf));
    expect(settingsEvents.map((e) => [e.action, e.actorName, e.detail])).toEqual([
      ['settings.updated', 'pat', expect.stringMatching(/^practiceName: {2}→ Lakeside Dental; timeZone: .+ → America\/New_York$/)],
      ['settings.updated', 'pat', 'practicePhone:  → 555-0100'],
      ['settings.updated', 'pat', 'idleMinutes: 5 → 10; ageOfMajority: 18 → 19'],
    ]);
  });

  it.skipIf(skip)('rolls back a call that fails after its write: no account, no change, no audit event', async () => {
    const headBefore = await head();
    const settingsBefore = await settingsNow();
    const jamie = await staffById(uuid(1));
    const marketing = await staffById(morgan.id);
    const from = log.length;
    core.failNextAudit = true;
    expect(await outcome('add failing after the insert', call('staff.create', { username: 'never.kept', displayName: 'Never Kept', role: 'frontdesk', password: strong }))).toMatchObject({ error: { code: 'internal' } });
    core.failNextAudit = true;
    expect(await outcome('rename failing after the update', call('staff.update', { id: morgan.id, displayName: 'Never Renamed' }))).toMatchObject({ error: { code: 'internal' } });
    core.failNextAudit = true;
    expect(await outcome('disable failing after the update', call('staff.disable', { id: morgan.id }))).toMatchObject({ error: { code: 'internal' } });
    core.failNextAudit = true;
    expect(await outcome('enable failing after the update', call('staff.enable', { id: uuid(1), password: strong }))).toMatchObject({ error: { code: 'internal' } });
    core.failNextAudit = true;
    expect(await outcome('settings failing after the write', call('settings.update', { practiceName: 'Never Named', timeZone: 'Europe/Lisbon' }))).toMatchObject({ error: { code: 'internal' } });
    expect(await under.engine.read((tx) => under.engine.records.staff.getStaffByUsername(tx, 'never.kept'))).toBeUndefined();
    expect(await staffById(morgan.id)).toEqual(marketing);
    expect(await staffById(uuid(1))).toEqual(jamie);
    expect(await settingsNow()).toEqual(settingsBefore);
    expect(await head()).toEqual(headBefore);
    // No slot for the account never added, no rotation for the account never disabled, no refresh or sweep for settings never written;
    // the enabling's slot comes before its write (as before the port) and is the one step left.
    expect(log.slice(from).filter(([label]) => ['key slot', 'rotation without', 'backups re-sealed', 'settings refreshed', 'posts swept'].includes(label))).toEqual([
      ['key slot', { staffId: uuid(1), username: 'jamie.rivera', password: strong }],
    ]);
  });

  it.skipIf(skip)('wrote one audit event per change, naming the actor', async () => {
    for (const id of [uuid(1), uuid(2), admin.id, robin.id, morgan.id, casey]) note(`audit of ${id}`, (await auditOf(id)).map(chainFieldsOf));
    expect((await auditOf(uuid(1))).map((e) => [e.action, e.actorName, e.detail])).toEqual([
      ['staff.created', 'pat', 'role frontdesk'],
      ['staff.updated', 'pat', 'name'],
      ['staff.updated', 'pat', 'role frontdesk → admin'],
      ['staff.password_reset', 'pat', ''],
      ['staff.disabled', 'pat', ''],
      ['staff.enabled', 'pat', 'disabling undone: the data key could not be rotated'],
      ['staff.disabled', 'pat', ''],
      ['store.key_rotated', 'pat', 'account disabled'],
      ['backup.resealed', 'pat', '1 backup(s) re-sealed to the current key slots; 1 could not be: b.cdbackup'],
    ]);
  });
});

describe.skipIf(!pgAvailable)(`both engines${pgSkipReason}`, () => {
  it('gave the same answers, key steps and audit events to the same calls', () => {
    const sqlite = transcripts.get('sqlite');
    const postgres = transcripts.get('postgres');
    expect(sqlite?.length).toBeGreaterThan(60);
    // Entry by entry first, so a difference names its step; then the whole, byte for byte.
    for (const [i, entry] of (sqlite ?? []).entries()) expect(postgres?.[i]).toEqual(entry);
    expect(JSON.stringify(postgres)).toBe(JSON.stringify(sqlite));
  });
});
