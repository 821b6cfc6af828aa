import crypto from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditEvent } from '../../../shared/audit';
import { contract, type CallOutput, type ParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { builtInPolicy, policyTextIn, type PolicyVersion } from '../../../shared/program/policy';
import type { Language } from '../../../shared/authorization/scope';
import type { Settings } from '../../../shared/settings';
import type { StaffMember } from '../../../shared/staff';
import { generatePracticeCertificate, type CertificateBundle } from '../crypto/practice-certificate';
import type { PolicyCore } from '../engine-core';
import { trainingCycleKey } from '../program/program-queries';
import { createPgSettingsRepository } from '../store-pg/pg-staff-repository';
import type { SettingsRepository } from '../store-pg/store-interface-staff';
import { createSqliteStaffRecords } from '../store-engine/sqlite-staff-records';
import { chainFieldsOf, handlerOutcome, type HandlerOutcome, conformanceEngines } from '../store-engine/testing/conformance-transcript';
import { pgEngineUnderTest, sqliteEngineUnderTest, testStaff, type EngineUnderTest } from '../store-engine/testing/engines-under-test';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import { policyHandlers } from './policy-handlers';
import { auditHeadOf } from '../store-engine/testing/handler-harness';

/**
 * The policy handlers (the policy, its draft, acknowledgments, its PDF and
 * `program.mine`), ported onto the store engine, run on BOTH engines: an
 * encrypted SQLite file and a real PostgreSQL (a throwaway cluster).
 * Sessions do not live in the store, so the test core names the signed-in
 * staff member and checks the password itself; the keyed settings are read
 * through each engine's settings repository. Every answer, error and audit
 * event goes into a transcript, with the audit chain's head after each call
 * (read by an append that is rolled back); the last test compares the two
 * engines' transcripts byte for byte.
 *
 * The PDFs are real (pdf-lib, signed with the same certificate on both
 * engines), so the clock and the six random letters of a font subset's name
 * are fixed, as in consent-handlers.engines.test.ts.
 */

type PolicyCall = keyof typeof policyHandlers;
type Entry = [string, unknown];
const transcripts = new Map<string, Entry[]>();

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const today = '2026-12-01';
const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 8, minute)).toISOString();
const staffAt = '2026-12-01T08:00:00.000Z';

const settings: Settings = {
  practiceName: 'Riverside Physical Therapy',
  idleMinutes: 5,
  patientModeIdleMinutes: 20,
  timeZone: 'America/Chicago',
  ageOfMajority: 18,
  practiceAddress: '12 River Road, Springfield',
  practiceEmail: 'privacy@riverside.example',
  practicePhone: '(555) 010-0100',
  practiceWebsite: '',
};

const member = (id: string, role: StaffMember['role']): StaffMember => ({ id, username: id, displayName: testStaff.find((s) => s.id === id)!.displayName, role, status: 'active', createdAt: staffAt, updatedAt: staffAt });
const admin = member('staff-admin', 'admin');
const marketing = member('staff-marketing', 'marketing');
const frontdesk = member('staff-frontdesk', 'frontdesk');
const passwords = new Map([
  [admin.id, 'admin password'],
  [marketing.id, 'marketing password'],
  [frontdesk.id, 'frontdesk password'],
]);

interface TestCore extends PolicyCore {
  signedIn: StaffMember;
  /** Make the next audit append fail (after the handler's own write in the same transaction). */
  failNextAudit: boolean;
  /** Work done while the password is checked (another workstation meanwhile). */
  duringPasswordCheck: (() => Promise<void>) | null;
}

function testCore(under: EngineUnderTest): TestCore {
  let nextId = 0;
  let minute = 0;
  const core: TestCore = {
    engine: under.engine,
    signedIn: admin,
    failNextAudit: false,
    duringPasswordCheck: null,
    settings,
    workstation: 'front-desk-1',
    timeZone: settings.timeZone,
    today: () => today,
    now: () => new Date(Date.UTC(2026, 11, 1, 9, minute)),
    nowIso: () => new Date(Date.UTC(2026, 11, 1, 9, minute++)).toISOString(),
    newId: () => uuid(++nextId),
    auditActor: () => {
      if (core.failNextAudit) {
        core.failNextAudit = false;
        throw new AppError('internal', 'Injected failure after the handler wrote.');
      }
      return { actorId: core.signedIn.id, actorName: core.signedIn.username };
    },
    requireSession: () => core.signedIn,
    async confirmPassword(staff, password) {
      const work = core.duringPasswordCheck;
      core.duringPasswordCheck = null;
      await work?.();
      if (passwords.get(staff.id) !== password) throw new AppError('unauthorized', 'That password is not right.', { issues: [{ path: 'password', message: 'Enter the password of the staff member signed in.' }] });
    },
    async afterPatientChange() {
      throw new AppError('internal', 'No patient changes in the policy handlers.');
    },
    async afterConsentChange() {
      throw new AppError('internal', 'No consent changes in the policy handlers.');
    },
  };
  return core;
}

const engines = conformanceEngines;

let certificate: Promise<CertificateBundle> | null = null;

// The PDFs' only other sources of change: the clock (pdf-lib's dates) and the six letters of a font subset's tag (pdf-layout.ts).
const realRandomBytes = crypto.randomBytes;
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-01T15:00:00.000Z'));
  vi.spyOn(crypto, 'randomBytes').mockImplementation(((size: number, callback?: unknown) =>
    size === 6 && callback === undefined ? Buffer.from('policy') : (realRandomBytes as (...a: unknown[]) => Buffer)(size, callback)) as typeof crypto.randomBytes);
});
afterAll(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const shown = (version: PolicyVersion, language: Language) => crypto.createHash('sha256').update(policyTextIn(version.text, language, settings.practiceName), 'utf8').digest('hex');

describe.each(engines)('the policy handlers on $name', ({ name, skip }) => {
  const cluster = name === 'postgres' && !skip ? useThrowawayCluster() : null;
  let under: EngineUnderTest;
  let core: TestCore;
  let settingsRepo: SettingsRepository<unknown>;
  const log: Entry[] = [];
  const note = (label: string, value: unknown) => log.push([label, JSON.parse(JSON.stringify(value ?? '(nothing)'))]);

  beforeAll(async () => {
    if (skip) return;
    certificate ??= generatePracticeCertificate(settings.practiceName, new Date('2026-11-01T00:00:00.000Z'));
    const bundle = await certificate;
    if (name === 'sqlite') {
      const sqlite = sqliteEngineUnderTest({ testTemplates: false });
      settingsRepo = createSqliteStaffRecords({ keyringFile: path.join(sqlite.dir, 'keyring.json') }).settings as SettingsRepository<unknown>;
      under = sqlite;
    } else {
      const pg = await pgEngineUnderTest(cluster!());
      settingsRepo = createPgSettingsRepository(pg.cipher) as SettingsRepository<unknown>;
      under = pg;
      await pg.engine.write(async (tx) => {
        for (const s of testStaff) await pg.engine.records.staff.insertStaff(tx, { id: s.id, username: s.id, displayName: s.displayName, role: 'admin', status: 'active', createdAt: staffAt, updatedAt: staffAt });
      });
    }
    // What program.mine gathers besides the policy: a training cycle, a session and a quiz, a review schedule with one review, an open incident.
    const { programReviews, programIncidents, practice } = under.engine.records;
    await under.engine.write(async (tx) => {
      await practice.certificates.activateCertificate(tx, uuid(900), bundle, at(1));
      await settingsRepo.writeSetting(tx, trainingCycleKey, 6);
      await programReviews.training.insertTrainingSession(tx, { id: uuid(901), heldOn: '2026-06-15', topic: 'Consent basics', trainer: 'Pat', notes: '', attendeeIds: [marketing.id, admin.id], at: at(2), by: admin.id });
      await programReviews.training.insertQuizResult(tx, { id: uuid(902), staffId: marketing.id, at: at(3), language: 'en', correct: 7, total: 8, passed: true, answers: { a: 1 } });
      await programIncidents.reviewSchedules.upsertSchedule(tx, { id: uuid(903), channel: 'instagram', frequency: 'monthly', assigneeId: marketing.id, startsOn: '2026-09-01', active: true, endedOn: null, at: at(4) });
      await programIncidents.reviewSchedules.upsertSchedule(tx, { id: uuid(904), channel: 'facebook', frequency: 'weekly', assigneeId: admin.id, startsOn: '2026-11-16', active: true, endedOn: null, at: at(5) });
      await programReviews.channelReviews.insertChannelReview(tx, {
        id: uuid(905), scheduleId: uuid(903), channel: 'instagram', periodStart: '2026-10-01', periodEnd: '2026-10-31', at: at(6), on: '2026-11-02', by: marketing.id, notes: 'Checked.', confirmations: [], removedComments: [],
      });
      await programIncidents.incidents.insertIncident(tx, { id: uuid(906), trigger: 'other', at: at(7), by: admin.id, discoveredOn: '2026-10-01', discoveryNote: 'A photo', summary: 'A photo showed a chart', postId: null, patientId: null });
    });
    core = testCore(under);
  }, 180_000);
  afterAll(async () => {
    await under?.close();
    if (!skip) transcripts.set(name, log);
  });

  /** A call as the dispatcher makes it: input through the contract's schema, then the handler. */
  async function call<K extends PolicyCall>(callName: K, input: unknown): Promise<CallOutput<K>> {
    const parsed = contract[callName].input.parse(input) as ParsedInput<K>;
    const handler = policyHandlers[callName] as unknown as (core: PolicyCore, input: ParsedInput<K>) => Promise<CallOutput<K>>;
    return handler(core, parsed);
  }
  /** Files are noted by name, type, size and hash (their bytes are compared through the hash). */
  const noted = (value: unknown) =>
    value && typeof value === 'object' && 'base64' in value ? { ...(value as Record<string, unknown>), base64: `${(value as { base64: string }).base64.length} characters` } : value;
  /**
   * The audit chain's head: an event appended and rolled back names the last
   * event's hash (the whole chain before it) and the next sequence number.
   */
  const head = () => auditHeadOf(under.engine, { at: at(59), action: 'policy.draft_saved' });
  async function outcome(label: string, work: Promise<unknown>): Promise<HandlerOutcome> {
    const result = await handlerOutcome(work);
    note(label, 'ok' in result ? { ok: noted(result.ok) } : result);
    note(`${label}: audit head`, await head());
    return result;
  }
  const auditOf = (subjectId: string) => under.engine.read((tx) => under.engine.records.audit.auditOfSubject(tx, subjectId)) as Promise<AuditEvent[]>;
  const policy = () => under.engine.records.program.policy;
  const okOf = <T,>(o: HandlerOutcome) => (o as { ok: T }).ok;

  it.skipIf(skip)(`answers program.mine and policy.admin before any policy, and refuses an acknowledgment${name === 'postgres' ? pgSkipReason : ''}`, async () => {
    for (const who of [admin, marketing, frontdesk]) {
      core.signedIn = who;
      await outcome(`mine as ${who.role}`, call('program.mine', {}));
    }
    core.signedIn = marketing;
    const mine = okOf<CallOutput<'program.mine'>>(await outcome('mine as marketing again', call('program.mine', {})));
    expect(mine).toMatchObject({ policy: null, acknowledgment: { state: 'no_policy' }, incidents: null, postReviewsWaiting: null, lastQuiz: { correct: 7 } });
    expect(mine.reviews.map((r) => r.channel)).toEqual(expect.arrayContaining(['instagram']));
    expect(mine.reviews.every((r) => r.scheduleId === uuid(903))).toBe(true);
    const nothing = await outcome('acknowledge with no policy', call('policy.acknowledge', { versionId: uuid(99), language: 'en', textSha256: 'a'.repeat(64), password: 'marketing password' }));
    expect(nothing).toMatchObject({ error: { code: 'not_found' } });
    core.signedIn = admin;
    const adminView = okOf<CallOutput<'policy.admin'>>(await outcome('admin before any policy', call('policy.admin', {})));
    expect(adminView).toMatchObject({ versions: [], draft: null });
    expect(adminView.staff.map((s) => s.staffId).sort()).toEqual(testStaff.map((s) => s.id).sort());
    expect(adminView.staff.find((s) => s.staffId === marketing.id)?.training).toMatchObject({ lastTrainedOn: '2026-06-15' });
  });

  it.skipIf(skip)('keeps a draft, refuses a version with a gap (audited), and publishes', async () => {
    core.signedIn = admin;
    const text = structuredClone(builtInPolicy);
    text.en.title = 'Our social-media rules';
    const draft = await outcome('save the draft', call('policy.saveDraft', { text }));
    expect(draft).toMatchObject({ ok: { text: { en: { title: 'Our social-media rules' } }, updatedByName: 'Pat Privacy' } });
    const before = await head();
    const gap = structuredClone(builtInPolicy);
    gap.es.sections.reviews.body = '';
    const refused = await outcome('publish with a gap', call('policy.publish', { text: gap }));
    expect(refused).toMatchObject({ error: { code: 'validation', issues: expect.arrayContaining([{ path: 'text.es.sections.reviews.body', message: expect.any(String) }]) } });
    // The refusal is audited (one event), nothing published.
    expect((await head()).seq).toBe(before.seq + 1);
    expect(await under.engine.read((tx) => policy().listPolicyVersions(tx, settings.timeZone))).toEqual([]);

    const v1 = okOf<PolicyVersion>(await outcome('publish version 1', call('policy.publish', { text })));
    expect(v1).toMatchObject({ version: 1, publishedOn: today });
    await outcome('admin after publishing', call('policy.admin', {}));
    expect((await call('policy.admin', {})).draft).toBeNull();
  });

  it.skipIf(skip)('acknowledges the text on screen with the password, refusing another text, a wrong password and a superseded version', async () => {
    core.signedIn = marketing;
    const v1 = (await call('program.mine', {})).policy!;
    expect(v1.version).toBe(1);
    const es = shown(v1, 'es');
    const other = await outcome('acknowledge another text', call('policy.acknowledge', { versionId: v1.id, language: 'en', textSha256: es, password: 'marketing password' }));
    expect(other).toMatchObject({ error: { code: 'conflict' } });
    const wrong = await outcome('acknowledge with a wrong password', call('policy.acknowledge', { versionId: v1.id, language: 'es', textSha256: es, password: 'not it' }));
    expect(wrong).toMatchObject({ error: { code: 'unauthorized' } });
    expect(await under.engine.read((tx) => policy().listAcknowledgments(tx))).toEqual([]);
    const done = await outcome('acknowledge', call('policy.acknowledge', { versionId: v1.id, language: 'es', textSha256: es, password: 'marketing password' }));
    expect(done).toMatchObject({ ok: { state: 'current', version: 1, acknowledgedOn: today } });
    await outcome('mine after acknowledging', call('program.mine', {}));

    // Another workstation publishes version 2 while the password is checked: refused, nothing saved.
    core.signedIn = frontdesk;
    const acksBefore = await under.engine.read((tx) => policy().listAcknowledgments(tx));
    core.duringPasswordCheck = async () => {
      const text = structuredClone(builtInPolicy);
      text.en.intro += ' Updated after our yearly review.';
      await under.engine.write((tx) => policy().insertPolicyVersion(tx, { id: uuid(800), text, at: at(30), by: admin.id, practiceName: settings.practiceName }));
    };
    const meanwhile = await outcome('acknowledge while version 2 is published', call('policy.acknowledge', { versionId: v1.id, language: 'en', textSha256: shown(v1, 'en'), password: 'frontdesk password' }));
    expect(meanwhile).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/newer version of the policy \(version 2\)/) } });
    expect(await under.engine.read((tx) => policy().listAcknowledgments(tx))).toEqual(acksBefore);
    const old = await outcome('acknowledge version 1 again', call('policy.acknowledge', { versionId: v1.id, language: 'en', textSha256: shown(v1, 'en'), password: 'frontdesk password' }));
    expect(old).toMatchObject({ error: { code: 'conflict' } });
    core.signedIn = marketing;
    const mine = await outcome('mine with version 2 in force', call('program.mine', {}));
    expect(mine).toMatchObject({ ok: { acknowledgment: { state: 'missing', version: 2, lastVersionAcknowledged: 1 } } });
  });

  it.skipIf(skip)('rolls back a call that fails after its write: no acknowledgment, no version, no draft, no audit event', async () => {
    core.signedIn = frontdesk;
    const v2 = (await call('program.mine', {})).policy!;
    const acksBefore = await under.engine.read((tx) => policy().listAcknowledgments(tx));
    const headBefore = await head();
    core.failNextAudit = true;
    const ack = await outcome('acknowledge failing after the insert', call('policy.acknowledge', { versionId: v2.id, language: 'en', textSha256: shown(v2, 'en'), password: 'frontdesk password' }));
    expect(ack).toMatchObject({ error: { code: 'internal' } });
    expect(await under.engine.read((tx) => policy().listAcknowledgments(tx))).toEqual(acksBefore);
    expect(await auditOf(v2.id)).toEqual([]);

    core.signedIn = admin;
    const draftBefore = await under.engine.read((tx) => policy().getPolicyDraft(tx));
    core.failNextAudit = true;
    const draft = await outcome('save a draft failing after the write', call('policy.saveDraft', { text: builtInPolicy }));
    expect(draft).toMatchObject({ error: { code: 'internal' } });
    expect(await under.engine.read((tx) => policy().getPolicyDraft(tx))).toEqual(draftBefore);

    core.failNextAudit = true;
    const published = await outcome('publish failing after the insert', call('policy.publish', { text: builtInPolicy }));
    expect(published).toMatchObject({ error: { code: 'internal' } });
    expect((await under.engine.read((tx) => policy().listPolicyVersions(tx, settings.timeZone))).map((v) => v.version)).toEqual([2, 1]);
    expect(await head()).toEqual(headBefore);

    const v3 = await outcome('publish version 3', call('policy.publish', { text: builtInPolicy }));
    expect(v3).toMatchObject({ ok: { version: 3 } });
  });

  it.skipIf(skip)('gives a version as a signed PDF, the same bytes on both engines, and refuses an unknown version', async () => {
    core.signedIn = marketing;
    const versions = await under.engine.read((tx) => policy().listPolicyVersions(tx, settings.timeZone));
    const v1 = versions.find((v) => v.version === 1)!;
    for (const language of ['en', 'es'] as const) {
      const pdf = await outcome(`pdf of version 1 (${language})`, call('policy.pdf', { versionId: v1.id, language }));
      expect(pdf).toMatchObject({ ok: { fileName: `social-media-policy-v1-${language}.pdf`, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    }
    const unknown = await outcome('pdf of an unknown version', call('policy.pdf', { versionId: uuid(99), language: 'en' }));
    expect(unknown).toMatchObject({ error: { code: 'not_found' } });
  });

  it.skipIf(skip)('wrote one audit event per call that succeeded, naming the actor', async () => {
    const versions = await under.engine.read((tx) => policy().listPolicyVersions(tx, settings.timeZone));
    for (const v of versions) {
      const events = (await auditOf(v.id)).map(chainFieldsOf);
      note(`audit of version ${v.version}`, events);
    }
    const v1 = versions.find((v) => v.version === 1)!;
    expect((await auditOf(v1.id)).map((e) => [e.action, e.actorName])).toEqual([
      ['policy.published', admin.username],
      ['policy.acknowledged', marketing.username],
      ['policy.pdf_exported', marketing.username],
      ['policy.pdf_exported', marketing.username],
    ]);
    // Version 2 came from "another workstation" straight through the repository: no event of this core's.
    expect(await auditOf(uuid(800))).toEqual([]);
    note('acknowledgments', await under.engine.read((tx) => policy().listAcknowledgments(tx)));
  });
});

describe.skipIf(!pgAvailable)(`both engines${pgSkipReason}`, () => {
  it('gave the same answers and audit events to the same calls', () => {
    const sqlite = transcripts.get('sqlite');
    const postgres = transcripts.get('postgres');
    expect(sqlite?.length).toBeGreaterThan(40);
    // Entry by entry first, so a difference names its step; then the whole, byte for byte.
    for (const [i, entry] of (sqlite ?? []).entries()) expect(postgres?.[i]).toEqual(entry);
    expect(JSON.stringify(postgres)).toBe(JSON.stringify(sqlite));
  });
});
