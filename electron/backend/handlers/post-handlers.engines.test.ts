import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../../../shared/calendar';
import { contract, type CallOutput, type ParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { builtInPolicy } from '../../../shared/program/policy';
import type { Db } from '../store/database';
import { settleCoverage } from '../posts/kept-coverage';
import type { CheckContext } from '../posts/post-checks';
import { afterConsentChangeIn, afterPatientChangeIn, settleCoverageIn } from '../posts/post-checks-engine';
import type { PostStateChange } from '../program/incident-opening';
import { pgEngineUnderTest, sqliteEngineUnderTest, testStaff, type EngineUnderTest } from '../store-engine/testing/engines-under-test';
import { chainFieldsOf, normalise, handlerOutcome, type HandlerOutcome } from '../store-engine/testing/conformance-transcript';
import { createPgStaffRepository } from '../store-pg/pg-staff-repository';
import { patientRecord, signatureOf, terms } from '../store-pg/testing/pg-fixtures';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import { patientHandlers } from './patient-handlers';
import { postHandlers, type PostsCore } from './post-handlers';

/**
 * The posts handlers, ported onto the store engine, run on BOTH engines: an
 * encrypted SQLite file (its writes ending as the Store's do, with
 * `settleCoverage`) and a real PostgreSQL (a throwaway cluster; its writes
 * ending with `settleCoverageIn`). Staff and sessions do not live on
 * PostgreSQL yet, so the test core names the signed-in actor; the compliance
 * program's incidents are not on the engine yet, so the core records what
 * would open. Every answer, refusal, audit event and incident goes into a
 * transcript; the last test compares the engines' transcripts byte for byte.
 */

type PostCall = keyof typeof postHandlers;
type Entry = [string, unknown];
const transcripts = new Map<string, Entry[]>();

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const today = '2026-12-01';
const timeZone = 'America/New_York';
const ctx: CheckContext = { today, timeZone, ageOfMajority: 18, practice: { name: 'Riverside PT', contact: { phone: '', email: '', website: '', address: '' } } };

const ofeliaId = uuid(101);
const brunoId = uuid(102);
const consentId = uuid(201);
const testimonialId = uuid(301);
const brunoTestimonialId = uuid(302);

interface TestCore extends PostsCore {
  incidents: unknown[];
  checks: number;
  /** Make the next incident fail (a later step of the transaction that takes a post down failing). */
  failNextIncident: boolean;
}

function testCore(under: EngineUnderTest): TestCore {
  let ids = 0;
  let minute = 0;
  const core: TestCore = {
    engine: under.engine,
    timeZone,
    incidents: [],
    checks: 0,
    failNextIncident: false,
    today: () => today,
    nowIso: () => new Date(Date.UTC(2026, 11, 1, 14, minute++)).toISOString(),
    newId: () => uuid(++ids),
    auditActor: () => ({ actorId: 'staff-admin', actorName: 'pat' }),
    checkContext: () => ctx,
    takeCheck: () => {
      core.checks++;
    },
    dayOfInstant: (iso) => dayOf(new Date(iso), timeZone),
    requireSession: () => ({ id: 'staff-admin', displayName: 'Pat Privacy' }),
    afterPatientChange: (tx, change) => afterPatientChangeIn(core, tx, change),
    afterConsentChange: async (tx, change) => {
      await afterConsentChangeIn(core, tx, change);
    },
    async openIncidentForPostChange(_tx, change: PostStateChange) {
      if (core.failNextIncident) {
        core.failNextIncident = false;
        throw new AppError('internal', 'Injected failure while the incident opened.');
      }
      core.incidents.push({ postId: change.post.id, from: change.from, to: change.to, consent: change.consent?.id ?? null, reason: change.reason, at: change.at });
    },
  };
  return core;
}


const engines: { name: 'sqlite' | 'postgres'; skip: boolean }[] = [
  { name: 'sqlite', skip: false },
  { name: 'postgres', skip: !pgAvailable },
];

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

describe.each(engines)('the posts handlers on $name', ({ name, skip }) => {
  const cluster = name === 'postgres' && !skip ? useThrowawayCluster() : null;
  let under: EngineUnderTest;
  let core: TestCore;
  /** How many audit events of one action the engine holds (events without a subject included). */
  let countOf: (action: string) => Promise<number>;
  const log: Entry[] = [];
  const note = (label: string, value: unknown) => log.push([label, normalise(value ?? '(nothing)')]);

  beforeAll(async () => {
    if (skip) return;
    if (name === 'sqlite') {
      const sqlite = sqliteEngineUnderTest({ hooks: { beforeCommit: (db: Db) => void settleCoverage(db, ctx) } });
      under = sqlite;
      countOf = async (action) => sqlite.db.prepare('SELECT count(*) FROM audit_events WHERE action = ?').pluck().get(action) as number;
    } else {
      let records: EngineUnderTest['engine']['records'] | null = null;
      const pg = await pgEngineUnderTest(cluster!(), { beforeCommit: async (tx) => void (await settleCoverageIn(records!, tx, ctx)) });
      records = pg.engine.records;
      under = pg;
      const staff = createPgStaffRepository(pg.cipher);
      await pg.engine.write(async (tx) => {
        for (const s of testStaff) {
          await staff.insertStaff(tx, { id: s.id, username: s.id, displayName: s.displayName, role: 'admin', status: 'active', createdAt: '2026-12-01T08:00:00.000Z', updatedAt: '2026-12-01T08:00:00.000Z' });
        }
      });
      countOf = async (action) => Number((await pg.pool.query<{ n: string }>('SELECT count(*) AS n FROM audit_events WHERE action = $1', [action])).rows[0]!.n);
    }
    core = testCore(under);
    // The records the posts rely on, written through the engine's records: two patients, a final consent, two testimonials.
    const r = under.engine.records;
    const at = (m: number) => new Date(Date.UTC(2026, 11, 1, 10, m)).toISOString();
    const pdf = Buffer.from('%PDF-1.7 authorization of Ofelia Marchetti');
    await under.engine.write(async (tx) => {
      await r.patients.insertPatient(tx, { ...patientRecord({ firstName: 'Ofelia', lastName: 'Marchetti', dateOfBirth: '1969-03-11', city: 'Springfield' }, at(0)), id: ofeliaId });
      await r.patients.insertPatient(tx, { ...patientRecord({ firstName: 'Bruno', lastName: 'Okafor', dateOfBirth: '1990-07-30' }, at(1)), id: brunoId });
      await r.consents.insertDraft(tx, { id: consentId, patientId: ofeliaId, templateId: 'template-1', terms: terms({ kind: 'date', date: '2027-01-15' }), createdAt: at(2), createdBy: 'staff-frontdesk' });
      await r.consents.recordPatientSignature(tx, consentId, signatureOf('Ofelia Marchetti', 'The authorization text', at(3)));
      await r.consents.finalizeAuthorization(tx, consentId, { witnessId: 'staff-admin', witnessedAt: at(4), contentSha256: 'c'.repeat(64), pdf, pdfSha256: sha256(pdf) });
      await r.testimonials.insertTestimonial(tx, { id: testimonialId, patientId: ofeliaId, title: 'Back on the bike', quote: 'I can ride to work again.', createdAt: at(5), createdBy: 'staff-marketing' });
      await r.testimonials.insertTestimonial(tx, { id: brunoTestimonialId, patientId: brunoId, title: 'Walking again', quote: 'No more cane.', createdAt: at(6), createdBy: 'staff-marketing' });
    });
  }, 180_000);
  afterAll(async () => {
    await under?.close();
    if (!skip) transcripts.set(name, log);
  });

  /** A call as the dispatcher makes it: input through the contract's schema (defaults, trimming), then the handler. */
  async function call<K extends PostCall>(callName: K, input: unknown): Promise<CallOutput<K>> {
    const parsed = contract[callName].input.parse(input) as ParsedInput<K>;
    const handler = postHandlers[callName] as (core: PostsCore, input: ParsedInput<K>) => Promise<CallOutput<K>>;
    return handler(core, parsed);
  }
  async function outcome(label: string, work: Promise<unknown>): Promise<HandlerOutcome> {
    const result = await handlerOutcome(work);
    note(label, result);
    return result;
  }
  const post = (id: string) => under.engine.read((tx) => under.engine.records.posts.getPost(tx, id));
  const auditOf = (subjectId: string) => under.engine.read((tx) => under.engine.records.audit.auditOfSubject(tx, subjectId));
  const draft = (fields: Record<string, unknown> = {}) => ({
    testimonialId,
    consentId,
    channel: 'facebook',
    caption: 'Ofelia is back on her bike!',
    mediaIds: [],
    purpose: 'advertising',
    thirdPartyPays: false,
    ...fields,
  });

  it.skipIf(skip)(`checks and plans posts, approves what the consent covers and refuses what it does not${name === 'postgres' ? pgSkipReason : ''}`, async () => {
    const check = await outcome('check', call('posts.check', draft()));
    expect(check).toMatchObject({ ok: { verdict: { covered: true } } });
    const tiktok = await outcome('check tiktok', call('posts.check', draft({ channel: 'tiktok' })));
    expect(tiktok).toMatchObject({ ok: { verdict: { covered: false } } });

    const created = await outcome('create', call('posts.create', draft()));
    expect(created).toMatchObject({ ok: { id: uuid(1), state: 'draft', rowVersion: 1, verdict: { covered: true }, patientFirstName: 'Ofelia' } });
    await outcome('create tiktok', call('posts.create', draft({ channel: 'tiktok' })));
    await outcome('create with a phone number', call('posts.create', draft({ caption: 'Ofelia says: call us at 555-201-3344 to book!' })));
    await outcome('create for Bruno', call('posts.create', draft({ testimonialId: brunoTestimonialId, consentId: null, caption: 'Walking again!' })));
    await outcome('create with a testimonial that is not there', call('posts.create', draft({ testimonialId: uuid(999) })));

    const refused = await outcome('approve tiktok', call('posts.approve', { id: uuid(2) }));
    expect(refused).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/TikTok/) } });
    expect(await post(uuid(2))).toMatchObject({ state: 'draft' });
    const approved = await outcome('approve', call('posts.approve', { id: uuid(1) }));
    expect(approved).toMatchObject({ ok: { state: 'approved', reliedConsentPdfSha256: expect.any(String) } });
    await outcome('approve nothing', call('posts.approve', { id: uuid(99) }));
    await outcome('get nothing', call('posts.get', { id: uuid(99) }));
    await outcome('blocked by identifiers', call('posts.approve', { id: uuid(3) }));
    await outcome('identifiers approved', call('posts.approveIdentifiers', { id: uuid(3), reason: 'The practice’s own booking line, on purpose.' }));
    expect(await post(uuid(3))).toMatchObject({ identifiersApproval: { byName: 'Pat Privacy' } });
    await outcome('identifiers approved, then approve', call('posts.approve', { id: uuid(3) }));
    expect(core.checks).toBe(7);
  });

  it.skipIf(skip)('edits a post, refusing an edit made on an older copy: nothing written, nothing audited', async () => {
    const read = await call('posts.get', { id: uuid(1) });
    note('get', read);
    const eventsBefore = (await auditOf(uuid(1))).length;
    const stale = await outcome('stale edit', call('posts.update', { ...draft({ caption: 'Ofelia rides again!' }), id: uuid(1), rowVersion: read.rowVersion! - 1 }));
    expect(stale).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/Someone else changed this post/) } });
    expect(await post(uuid(1))).toMatchObject({ state: 'approved', caption: 'Ofelia is back on her bike!', rowVersion: read.rowVersion });
    expect((await auditOf(uuid(1))).length).toBe(eventsBefore);

    const edited = await outcome('edit withdraws the approval', call('posts.update', { ...draft({ caption: 'Ofelia rides again!' }), id: uuid(1), rowVersion: read.rowVersion }));
    expect(edited).toMatchObject({ ok: { state: 'draft', caption: 'Ofelia rides again!', rowVersion: read.rowVersion! + 1 } });
    const voided = await outcome('new words void the identifiers approval', call('posts.update', { ...draft({ caption: 'Ofelia says: call 555-201-3344 today!' }), id: uuid(3) }));
    expect(voided).toMatchObject({ ok: { state: 'draft', identifiersApproval: null } });
    await outcome('edit moving to another patient', call('posts.update', { ...draft({ testimonialId: brunoTestimonialId }), id: uuid(1) }));
    await outcome('edit of nothing', call('posts.update', { ...draft(), id: uuid(99) }));

    await call('posts.approve', { id: uuid(1) });
    await outcome('publish in the future', call('posts.publish', { id: uuid(1), publishedOn: '2026-12-02', url: 'https://www.facebook.com/riverside/posts/1' }));
    await outcome('publish before the approval', call('posts.publish', { id: uuid(1), publishedOn: '2026-11-30', url: 'https://www.facebook.com/riverside/posts/1' }));
    const published = await outcome('publish', call('posts.publish', { id: uuid(1), publishedOn: today, url: 'https://www.facebook.com/riverside/posts/1' }));
    expect(published).toMatchObject({ ok: { state: 'published', publishedAt: today } });
  });

  it.skipIf(skip)('pages the Posts list and the dashboard alike on both engines', async () => {
    for (const [sort, direction] of [['updatedAt', 'desc'], ['createdAt', 'asc'], ['state', 'asc'], ['channel', 'desc']] as const) {
      await outcome(`page by ${sort} ${direction}`, call('posts.page', { sort, direction, limit: 3 }));
    }
    await outcome('page 2', call('posts.page', { limit: 2, offset: 2 }));
    await outcome('page of facebook drafts', call('posts.page', { state: 'draft', channel: 'facebook' }));
    const uncovered = await outcome('page of uncovered', call('posts.page', { uncoveredOnly: true }));
    expect(uncovered).toMatchObject({ ok: { total: 3 } });
    const dashboard = await call('posts.dashboard', {});
    note('dashboard', dashboard);
    expect(dashboard.expiring.within60.map((e) => [e.consent.id, e.daysLeft, e.posts.map((p) => p.id)])).toEqual([[consentId, 45, [uuid(1), uuid(2), uuid(3)]]]);
    expect(dashboard.counts).toMatchObject({ draft: 3, published: 1 });
    const first = await outcome('check chunk 1', call('posts.checkChunk', { after: null, limit: 3 }));
    const next = (first as { ok: { next: { createdAt: string; id: string } } }).ok.next;
    expect(next).not.toBeNull();
    await outcome('check chunk 2', call('posts.checkChunk', { after: next, limit: 3 }));
    await outcome('every post', call('posts.list', {}));
  });

  it.skipIf(skip)('takes a published post down when a patient’s change leaves it uncovered; a failure part-way leaves nothing', async () => {
    const patient = (await under.engine.read((tx) => under.engine.records.patients.getPatient(tx, ofeliaId)))!;
    const { id, createdAt: _c, updatedAt: _u, rowVersion: _v, ...fields } = patient;
    // Her last name corrected to a word the caption uses: the caption now discloses her full name, which the consent does not cover.
    const renamed = { ...fields, lastName: 'Rides' };
    const before = await post(uuid(1));
    const eventsBefore = await auditOf(uuid(1));
    core.failNextIncident = true;
    const failed = await outcome('last name corrected, failing part-way', patientHandlers['patients.update'](core, { id, ...renamed }));
    expect(failed).toMatchObject({ error: { code: 'internal' } });
    expect(await post(uuid(1))).toEqual(before);
    expect(await auditOf(uuid(1))).toEqual(eventsBefore);
    expect((await under.engine.read((tx) => under.engine.records.patients.getPatient(tx, ofeliaId)))!.lastName).toBe('Marchetti');

    await outcome('last name corrected', patientHandlers['patients.update'](core, { id, ...renamed }));
    expect(await post(uuid(1))).toMatchObject({ state: 'takedown_required', takedownReason: expect.any(String) });
    note('incidents', core.incidents);
    expect(core.incidents).toMatchObject([{ postId: uuid(1), from: 'published', to: 'takedown_required', consent: consentId }]);
    const dashboard = await call('posts.dashboard', {});
    note('dashboard after the change', dashboard);
    expect(dashboard.takedownRequired.map((p) => p.id)).toEqual([uuid(1)]);
    await outcome('taken down', call('posts.recordTakedown', { id: uuid(1) }));
    await outcome('taken down again', call('posts.recordTakedown', { id: uuid(1) }));
  });

  it.skipIf(skip)('takes down what a consent’s revocation leaves uncovered, in the revocation’s transaction (what the consents port will call)', async () => {
    const fresh = await call('posts.create', draft({ caption: 'Back on the bike!' }));
    await call('posts.approve', { id: fresh.id });
    await call('posts.publish', { id: fresh.id, publishedOn: today, url: 'https://www.facebook.com/riverside/posts/5' });
    const pdf = Buffer.from('%PDF-1.7 revocation acknowledgment for Ofelia');
    const revokedAt = core.nowIso();
    const changed = await under.engine.write(async (tx) => {
      expect(await under.engine.records.consents.recordRevocation(tx, consentId, { revokedAt, receivedOn: today, method: 'in_person', note: 'At the front desk', scan: null, scanType: null, scanSha256: null, revokedBy: 'staff-frontdesk', pdf, pdfSha256: sha256(pdf) })).toBe(true);
      return afterConsentChangeIn(core, tx, { consentId, at: revokedAt });
    });
    note('changed by the revocation', changed);
    expect(changed.map((p) => [p.id, p.state])).toEqual([[fresh.id, 'takedown_required']]);
    expect(await post(fresh.id)).toMatchObject({ state: 'takedown_required', takedownReason: expect.stringMatching(/on or after the day the revocation was received/) });
    note('incidents after the revocation', core.incidents);
    await outcome('get after the revocation', call('posts.get', { id: fresh.id }));
  });

  it.skipIf(skip)('refuses to approve without the policy acknowledged, keeping the refusal’s audit event', async () => {
    await under.engine.write((tx) =>
      under.engine.records.program.policy.insertPolicyVersion(tx, { id: uuid(401), text: builtInPolicy, at: core.nowIso(), by: 'staff-admin', practiceName: 'Riverside PT' }),
    );
    const refused = await outcome('approve without the policy acknowledged', call('posts.approve', { id: uuid(4) }));
    expect(refused).toMatchObject({ error: { code: 'forbidden' } });
    expect(await post(uuid(4))).toMatchObject({ state: 'draft' });
    expect(await countOf('post.blocked_by_policy')).toBe(1);
  });

  it.skipIf(skip)('audited each call that succeeded, by the acting staff member or the system', async () => {
    for (const n of [1, 2, 3, 4, 5, 99]) {
      const events = (await auditOf(uuid(n))).map(chainFieldsOf);
      note(`audit of post ${n}`, events);
    }
    expect((await auditOf(uuid(1))).map((e) => [e.actorName, e.action])).toEqual([
      ['pat', 'post.created'],
      ['pat', 'post.approved'],
      ['pat', 'post.updated'],
      ['pat', 'post.approved'],
      ['pat', 'post.published'],
      ['system', 'post.takedown_required'],
      ['pat', 'post.taken_down'],
    ]);
    expect(await countOf('post.checked')).toBe(2);
    expect(await auditOf(uuid(99))).toEqual([]);
    note('kept verdicts', await under.engine.read(async (tx) => Promise.all([1, 2, 3, 4, 5].map((n) => under.engine.records.coverage.keptVerdict(tx, uuid(n))))));
  });
});

describe.skipIf(!pgAvailable)(`both engines${pgSkipReason}`, () => {
  it('gave the same answers, audit events and incidents to the same calls', () => {
    const sqlite = transcripts.get('sqlite');
    const postgres = transcripts.get('postgres');
    expect(sqlite?.length).toBeGreaterThan(40);
    // Entry by entry first, so a difference names its step; then the whole, byte for byte.
    for (const [i, entry] of (sqlite ?? []).entries()) expect(postgres?.[i]).toEqual(entry);
    expect(JSON.stringify(postgres)).toBe(JSON.stringify(sqlite));
  });
});
