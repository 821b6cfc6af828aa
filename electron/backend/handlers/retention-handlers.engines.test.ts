import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallOutput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { StaffMember } from '../../../shared/staff';
import type { SessionCore } from '../engine-core';
import { pgEngineUnderTest, sqliteEngineUnderTest, testStaff, type EngineUnderTest } from '../store-engine/testing/engines-under-test';
import { chainFieldsOf, conformanceEngines, handlerOutcome, normalise, type HandlerOutcome } from '../store-engine/testing/conformance-transcript';
import { auditHeadOf, dispatcherFor, failingAfterWork, type WriteFailureSwitch } from '../store-engine/testing/handler-harness';
import { createPgStaffRepository } from '../store-pg/pg-staff-repository';
import { patientRecord, postRecord, signatureOf, terms } from '../store-pg/testing/pg-fixtures';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import { retentionHandlers } from './retention-handlers';

/**
 * The retention review and the purge, ported onto the store engine, run on
 * BOTH engines: an encrypted SQLite file and a real PostgreSQL (a throwaway
 * cluster), over the same records written through each engine's
 * repositories: an authorization revoked more than six years ago (its post
 * taken down), one still within its six years, one past them with a post
 * still up, and a draft. Every answer, refusal and audit event (with its
 * hash) goes into a transcript with the chain's head after each call; the
 * last test compares the two engines' transcripts byte for byte. A purge or
 * a refusal whose write fails after its work leaves the authorization, no
 * purge record and no event.
 */

type Entry = [string, unknown];
const transcripts = new Map<string, Entry[]>();

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const today = '2033-03-01';
const timeZone = 'America/Chicago';
const at = (month: number, day: number, minute = 0) => new Date(Date.UTC(2026, month - 1, day, 15, minute)).toISOString();
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

const admin: StaffMember = { id: 'staff-admin', username: 'pat', displayName: 'Pat Privacy', role: 'admin', status: 'active', createdAt: at(1, 1), updatedAt: at(1, 1) };

const ofelia = uuid(1);
const anh = uuid(2);
// Ids as the contract takes them (uuids).
const old = uuid(101);
const within = uuid(102);
const stillUp = uuid(103);
const draft = uuid(104);

interface TestCore extends SessionCore, WriteFailureSwitch {}

function testCore(under: EngineUnderTest): TestCore {
  let minute = 0;
  const core: TestCore = {
    engine: failingAfterWork(under.engine, () => core),
    failNextWriteAfterWork: false,
    writes: 0,
    timeZone,
    today: () => today,
    nowIso: () => new Date(Date.UTC(2033, 2, 1, 16, minute++)).toISOString(),
    newId: () => crypto.randomUUID(),
    requireSession: () => admin,
    auditActor: () => ({ actorId: admin.id, actorName: admin.username }),
    async afterPatientChange() {
      throw new AppError('internal', 'No patient changes in retention.');
    },
    async afterConsentChange() {
      throw new AppError('internal', 'No consent changes in retention.');
    },
  };
  return core;
}

describe.each(conformanceEngines)('the retention handlers on $name', ({ name, skip }) => {
  const cluster = name === 'postgres' && !skip ? useThrowawayCluster() : null;
  let under: EngineUnderTest;
  let core: TestCore;
  const log: Entry[] = [];
  const note = (label: string, value: unknown) => log.push([label, normalise(value ?? '(nothing)')]);
  const call = dispatcherFor(retentionHandlers, () => core);

  beforeAll(async () => {
    if (skip) return;
    if (name === 'sqlite') {
      under = sqliteEngineUnderTest();
    } else {
      const pg = await pgEngineUnderTest(cluster!());
      under = pg;
      const staff = createPgStaffRepository(pg.cipher);
      await pg.engine.write(async (tx) => {
        for (const s of testStaff) await staff.insertStaff(tx, { id: s.id, username: s.id, displayName: s.displayName, role: 'admin', status: 'active', createdAt: at(1, 1), updatedAt: at(1, 1) });
      });
    }
    core = testCore(under);
    const r = under.engine.records;
    const pdf = (of: string) => Buffer.from(`%PDF-1.7 ${of}`);
    await under.engine.write(async (tx) => {
      await r.patients.insertPatient(tx, { ...patientRecord({ firstName: 'Ofelia', lastName: 'Marchetti', dateOfBirth: '1969-03-11' }, at(1, 2)), id: ofelia });
      await r.patients.insertPatient(tx, { ...patientRecord({ firstName: 'Thị Ánh', lastName: 'Nguyễn', dateOfBirth: '1979-02-11' }, at(1, 2, 1)), id: anh });
      // Anh's, revoked on 2 March 2026 (kept through 2032); Ofelia's ending 30 June 2027 (kept through 2033-06-30); Anh's second, ended 30 June 2026, its post still up.
      const consents: [string, string, string][] = [
        [old, anh, '2027-06-30'],
        [within, ofelia, '2027-06-30'],
        [stillUp, anh, '2026-06-30'],
      ];
      for (const [i, [id, patientId, ends]] of consents.entries()) {
        await r.consents.insertDraft(tx, { id, patientId, templateId: 'template-1', terms: terms({ kind: 'date', date: ends }), createdAt: at(1, 10, i), createdBy: 'staff-frontdesk' });
        await r.consents.recordPatientSignature(tx, id, signatureOf(patientId === anh ? 'Thị Ánh Nguyễn' : 'Ofelia Marchetti', 'The authorization text', at(1, 10, 10 + i)));
        await r.consents.finalizeAuthorization(tx, id, { witnessId: 'staff-admin', witnessedAt: at(1, 10, 20 + i), contentSha256: 'c'.repeat(64), pdf: pdf(id), pdfSha256: sha256(pdf(id)) });
      }
      await r.consents.insertDraft(tx, { id: draft, patientId: ofelia, templateId: 'template-1', terms: terms(), createdAt: at(1, 11), createdBy: 'staff-frontdesk' });
      const letter = pdf('revocation acknowledgment');
      await r.consents.recordRevocation(tx, old, { revokedAt: at(3, 2), receivedOn: '2026-03-02', method: 'mail', note: 'By letter', scan: null, scanType: null, scanSha256: null, revokedBy: 'staff-frontdesk', pdf: letter, pdfSha256: sha256(letter) });
      await r.testimonials.insertTestimonial(tx, { id: 'testimonial-1', patientId: anh, title: 'Back on the stairs', quote: 'I can climb stairs again.', createdAt: at(1, 12), createdBy: 'staff-marketing' });
      const posts: [string, string, 'taken_down' | 'published'][] = [
        ['post-old', old, 'taken_down'],
        ['post-up', stillUp, 'published'],
      ];
      for (const [i, [id, consentId, state]] of posts.entries()) {
        await r.posts.insertPost(tx, postRecord({ id, testimonialId: 'testimonial-1', patientId: anh, consentId, caption: `Caption ${id}`, at: at(1, 13, i) }), 'staff-marketing');
        await r.posts.setPostState(tx, id, 'published', at(1, 14, i), { publishedAt: '2026-01-14', publishedUrl: `https://facebook.example/${id}` });
        if (state === 'taken_down') {
          await r.posts.setPostState(tx, id, 'takedown_required', at(3, 2, 1), { takedownRequiredAt: at(3, 2, 1), takedownReason: 'The consent was revoked.' });
          await r.posts.setPostState(tx, id, 'taken_down', at(3, 3), { takenDownAt: at(3, 3), takenDownBy: 'staff-marketing' });
        }
      }
    });
  }, 180_000);
  afterAll(async () => {
    await under?.close();
    if (!skip) transcripts.set(name, log);
  });

  const head = () => auditHeadOf(under.engine, { at: '2033-03-01T15:59:00.000Z', action: 'retention.reviewed' });
  async function outcome(label: string, work: Promise<unknown>): Promise<HandlerOutcome> {
    const result = await handlerOutcome(work);
    note(label, result);
    note(`${label}: audit head`, await head());
    return result;
  }
  const okOf = <T,>(o: HandlerOutcome) => (o as { ok: T }).ok;
  const purges = () => under.engine.records.programReviews.purges;
  const auditOf = (id: string) => under.engine.read((tx) => under.engine.records.audit.auditOfSubject(tx, id));

  it.skipIf(skip)(`reviews every signed authorization with its verdict, audited${name === 'postgres' ? pgSkipReason : ''}`, async () => {
    const before = await head();
    const all = okOf<CallOutput<'retention.review'>>(await outcome('review', call('retention.review', { purgeableOnly: false })));
    expect(all).toMatchObject({ today, reviewed: 3, purgeable: 1 });
    expect(all.rows.map((r) => [r.authorizationId, r.patientName, r.verdict.purgeable])).toEqual([
      [old, 'Thị Ánh Nguyễn', true],
      [within, 'Ofelia Marchetti', false],
      [stillUp, 'Thị Ánh Nguyễn', false],
    ]);
    expect((await head()).seq).toBe(before.seq + 1);
    const purgeable = okOf<CallOutput<'retention.review'>>(await outcome('review, purgeable only', call('retention.review', { purgeableOnly: true })));
    expect(purgeable.rows.map((r) => r.authorizationId)).toEqual([old]);
  });

  it.skipIf(skip)('refuses a purge the rule forbids, the refusal audited, and an unknown authorization', async () => {
    const unknownBefore = await head();
    expect(await outcome('purge an unknown authorization', call('retention.purge', { id: uuid(199) }))).toMatchObject({ error: { code: 'not_found' } });
    expect(await head()).toEqual(unknownBefore);
    const writes = core.writes;
    const inside = await outcome('purge within six years', call('retention.purge', { id: within }));
    // One transaction: the check and the refusal's event.
    expect(core.writes).toBe(writes + 1);
    expect(inside).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/must be kept through June 29, 2033/) } });
    const up = await outcome('purge with a post still up', call('retention.purge', { id: stillUp }));
    expect(up).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/1 post\(s\) relying on it still need taking down/) } });
    for (const id of [within, stillUp]) expect((await auditOf(id)).map((e) => e.action)).toEqual(['consent.purge_refused']);
    expect(await outcome('purge a draft', call('retention.purge', { id: draft }))).toMatchObject({ error: { code: 'conflict' } });
  });

  it.skipIf(skip)('leaves the authorization, no purge record and no event when the write fails after its work', async () => {
    for (const [label, id] of [
      ['a purge failing after its write', old],
      ['a refusal failing after its event', within],
    ] as const) {
      const before = await head();
      const events = (await auditOf(id)).length;
      const writes = core.writes;
      core.failNextWriteAfterWork = true;
      expect(await outcome(label, call('retention.purge', { id }))).toMatchObject({ error: { code: 'internal' } });
      expect(core.writes).toBe(writes + 1);
      expect(await head()).toEqual(before);
      expect(await auditOf(id)).toHaveLength(events);
      expect(await under.engine.read((tx) => under.engine.records.consents.getAuthorization(tx, id))).toMatchObject({ id });
      expect(await under.engine.read((tx) => purges().listPurges(tx))).toEqual([]);
    }
    expect(await under.engine.read((tx) => under.engine.records.posts.getPost(tx, 'post-old'))).toMatchObject({ consentId: old });
  });

  it.skipIf(skip)('purges what the rule allows, audited, and the post keeps its history', async () => {
    const writes = core.writes;
    const result = await outcome('purge', call('retention.purge', { id: old }));
    expect(result).toMatchObject({ ok: { authorizationId: old, keptThrough: '2032-03-02', postsKept: 1 } });
    // One transaction: the purge and its event commit together.
    expect(core.writes).toBe(writes + 1);
    expect(await under.engine.read((tx) => under.engine.records.consents.getAuthorization(tx, old))).toBeUndefined();
    note('purge records', await under.engine.read((tx) => purges().listPurges(tx)));
    expect(await under.engine.read((tx) => purges().postsOfPurged(tx, old))).toEqual(['post-old']);
    expect(await outcome('purge again', call('retention.purge', { id: old }))).toMatchObject({ error: { code: 'not_found' } });
    const review = okOf<CallOutput<'retention.review'>>(await outcome('review after the purge', call('retention.review', { purgeableOnly: false })));
    expect(review).toMatchObject({ reviewed: 2, purgeable: 0 });
  });

  it.skipIf(skip)('recorded each refusal and the purge as events about the authorization, with their hashes', async () => {
    for (const id of [old, within, stillUp, draft]) note(`events about ${id}`, (await auditOf(id)).map(chainFieldsOf));
    const purged = await auditOf(old);
    expect(purged.map((e) => [e.action, e.actorName])).toEqual([['consent.purged', 'pat']]);
    expect(purged[0]!.detail).toBe(`patient ${anh}; kept through 2032-03-02; PDF SHA-256 ${sha256(Buffer.from(`%PDF-1.7 ${old}`))}; revocation SHA-256 ${sha256(Buffer.from('%PDF-1.7 revocation acknowledgment'))}; 1 post(s) kept with their history`);
  });
});

describe.skipIf(!pgAvailable)(`both engines${pgSkipReason}`, () => {
  it('gave the same answers, refusals and audit events to the same calls', () => {
    const sqlite = transcripts.get('sqlite');
    const postgres = transcripts.get('postgres');
    expect(sqlite?.length).toBeGreaterThan(25);
    // Entry by entry first, so a difference names its step; then the whole, byte for byte.
    for (const [i, entry] of (sqlite ?? []).entries()) expect(postgres?.[i]).toEqual(entry);
    expect(JSON.stringify(postgres)).toBe(JSON.stringify(sqlite));
  });
});
