import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../../../shared/calendar';
import { contract, type ParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { PostReviewCore } from '../engine-core';
import { settleCoverage } from '../posts/kept-coverage';
import type { CheckContext } from '../posts/post-checks';
import { afterConsentChangeIn, afterPatientChangeIn, settleCoverageIn } from '../posts/post-checks-engine';
import type { Db } from '../store/database';
import { chainFieldsOf, handlerOutcome, normalise, type HandlerOutcome, conformanceEngines } from '../store-engine/testing/conformance-transcript';
import { pgEngineUnderTest, sqliteEngineUnderTest, testStaff, type EngineUnderTest } from '../store-engine/testing/engines-under-test';
import { createPgStaffRepository } from '../store-pg/pg-staff-repository';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import { patientRecord, signatureOf, terms } from '../store-pg/testing/pg-fixtures';
import { postHandlers, type PostsCore } from './post-handlers';
import { postReviewHandlers } from './post-review-handlers';
import { dispatcherFor } from '../store-engine/testing/handler-harness';

/**
 * "Ask before posting", ported onto the store engine, run on BOTH engines:
 * an encrypted SQLite file and a real PostgreSQL (a throwaway cluster). The
 * posts are made by the posts handlers (already on the engine); the test
 * core names the signed-in staff member, switched between marketing and the
 * privacy officer as the screens would be. Every answer, refusal and audit
 * event goes into a transcript; the last test compares the engines'
 * transcripts byte for byte. Ids and instants are fixed so they can be equal.
 */

type Entry = [string, unknown];
const transcripts = new Map<string, Entry[]>();

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const today = '2026-12-01';
const timeZone = 'America/New_York';
const ctx: CheckContext = { today, timeZone, ageOfMajority: 18, practice: { name: 'Riverside PT', contact: { phone: '', email: '', website: '', address: '' } } };

const ofeliaId = uuid(101);
const consentId = uuid(201);
const testimonialId = uuid(301);

const marketing = { id: 'staff-marketing', username: 'morgan', displayName: 'Morgan Marketing' };
const officer = { id: 'staff-admin', username: 'pat', displayName: 'Pat Privacy' };

interface TestCore extends PostsCore, PostReviewCore {
  requireSession(): { id: string; displayName: string };
  actor: typeof marketing;
  /** Make the next audit append fail once it has written (a later step of the call's transaction failing after its writes). */
  failAfterNextAudit: boolean;
}

/** The engine as the handlers see it, its audit append able to fail after it wrote. */
function engineWithFailingAudit(under: EngineUnderTest, core: () => TestCore): EngineUnderTest['engine'] {
  const engine = under.engine;
  const audit = engine.records.audit;
  const records = {
    ...engine.records,
    audit: {
      ...audit,
      async appendAudit(tx: unknown, entry: Parameters<typeof audit.appendAudit>[1]) {
        const event = await audit.appendAudit(tx, entry);
        if (core().failAfterNextAudit) {
          core().failAfterNextAudit = false;
          throw new AppError('internal', 'Injected failure after the message and its audit event were written.');
        }
        return event;
      },
    },
  };
  return {
    kind: engine.kind,
    records,
    read: (fn, options) => engine.read(fn, options),
    write: (fn, options) => engine.write(fn, options),
    close: () => engine.close(),
  };
}

function testCore(under: EngineUnderTest): TestCore {
  let ids = 0;
  let minute = 0;
  const core: TestCore = {
    engine: engineWithFailingAudit(under, () => core),
    timeZone,
    actor: marketing,
    failAfterNextAudit: false,
    today: () => today,
    nowIso: () => new Date(Date.UTC(2026, 11, 1, 14, minute++)).toISOString(),
    newId: () => uuid(++ids),
    auditActor: () => ({ actorId: core.actor.id, actorName: core.actor.username }),
    checkContext: () => ctx,
    takeCheck: () => undefined,
    dayOfInstant: (iso) => dayOf(new Date(iso), timeZone),
    requireSession: () => ({ id: core.actor.id, displayName: core.actor.displayName }),
    afterPatientChange: (tx, change) => afterPatientChangeIn(core, tx, change),
    afterConsentChange: async (tx, change) => {
      await afterConsentChangeIn(core, tx, change);
    },
    async openIncidentForPostChange() {
      throw new AppError('internal', 'No post is taken down here.');
    },
  };
  return core;
}

const engines = conformanceEngines;

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

describe.each(engines)('the post review handlers on $name', ({ name, skip }) => {
  const cluster = name === 'postgres' && !skip ? useThrowawayCluster() : null;
  let under: EngineUnderTest;
  let core: TestCore;
  /** How many review messages the engine holds, whatever post they are on. */
  let messageCount: () => Promise<number>;
  const log: Entry[] = [];
  const note = (label: string, value: unknown) => log.push([label, normalise(value ?? '(nothing)')]);

  beforeAll(async () => {
    if (skip) return;
    if (name === 'sqlite') {
      const sqlite = sqliteEngineUnderTest({ hooks: { beforeCommit: (db: Db) => void settleCoverage(db, ctx) } });
      under = sqlite;
      messageCount = async () => sqlite.db.prepare('SELECT count(*) FROM post_review_messages').pluck().get() as number;
    } else {
      let records: EngineUnderTest['engine']['records'] | null = null;
      const pg = await pgEngineUnderTest(cluster!(), { beforeCommit: async (tx) => void (await settleCoverageIn(records!, tx, ctx)) });
      records = pg.engine.records;
      under = pg;
      // The messages name their writer, joined from staff (on the server too).
      const staff = createPgStaffRepository(pg.cipher);
      await pg.engine.write(async (tx) => {
        for (const s of testStaff) {
          await staff.insertStaff(tx, { id: s.id, username: s.id, displayName: s.displayName, role: 'admin', status: 'active', createdAt: '2026-12-01T08:00:00.000Z', updatedAt: '2026-12-01T08:00:00.000Z' });
        }
      });
      messageCount = async () => Number((await pg.pool.query<{ n: string }>('SELECT count(*) AS n FROM post_review_messages')).rows[0]!.n);
    }
    core = testCore(under);
    // What the posts rely on, written through the engine's records: a patient, her final consent, her testimonial.
    const r = under.engine.records;
    const at = (m: number) => new Date(Date.UTC(2026, 11, 1, 10, m)).toISOString();
    const pdf = Buffer.from('%PDF-1.7 authorization of Ofelia Marchetti');
    await under.engine.write(async (tx) => {
      await r.patients.insertPatient(tx, { ...patientRecord({ firstName: 'Ofelia', lastName: 'Marchetti', dateOfBirth: '1969-03-11', city: 'Springfield' }, at(0)), id: ofeliaId });
      await r.consents.insertDraft(tx, { id: consentId, patientId: ofeliaId, templateId: 'template-1', terms: terms({ kind: 'date', date: '2027-01-15' }), createdAt: at(2), createdBy: 'staff-frontdesk' });
      await r.consents.recordPatientSignature(tx, consentId, signatureOf('Ofelia Marchetti', 'The authorization text', at(3)));
      await r.consents.finalizeAuthorization(tx, consentId, { witnessId: 'staff-admin', witnessedAt: at(4), contentSha256: 'c'.repeat(64), pdf, pdfSha256: sha256(pdf) });
      await r.testimonials.insertTestimonial(tx, { id: testimonialId, patientId: ofeliaId, title: 'Back on the bike', quote: 'I can ride to work again.', createdAt: at(5), createdBy: 'staff-marketing' });
    });
  }, 180_000);
  afterAll(async () => {
    await under?.close();
    if (!skip) transcripts.set(name, log);
  });

  const call = dispatcherFor(postReviewHandlers, () => core);
  async function outcome(label: string, work: Promise<unknown>): Promise<HandlerOutcome> {
    const result = await handlerOutcome(work);
    note(label, result);
    return result;
  }
  const auditOf = (subjectId: string) => under.engine.read((tx) => under.engine.records.audit.auditOfSubject(tx, subjectId));
  const threadOf = (postId: string) => under.engine.read((tx) => under.engine.records.programIncidents.postReviews.threadOf(tx, postId));
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
  const newPost = async (fields: Record<string, unknown> = {}) => postHandlers['posts.create'](core, contract['posts.create'].input.parse(draft(fields)) as ParsedInput<'posts.create'>);

  it.skipIf(skip)(`keeps a post's thread: request, comment, decision, refusing what the thread's state does not allow${name === 'postgres' ? pgSkipReason : ''}`, async () => {
    core.actor = marketing;
    const post = await newPost();
    expect(post.id).toBe(uuid(1));
    const other = await newPost({ caption: 'Ofelia rides to work again.' });

    const none = await outcome('thread before any message', call('postReviews.thread', { postId: post.id }));
    expect(none).toEqual({ ok: { postId: post.id, state: 'none', changedSince: false, messages: [] } });
    const early = await outcome('comment before the request', call('postReviews.message', { postId: post.id, kind: 'comment', body: 'Hello?' }));
    expect(early).toMatchObject({ error: { code: 'conflict', message: 'Send the post for review first.' } });
    await outcome('thread of no post', call('postReviews.thread', { postId: uuid(999) }));
    const missing = await outcome('request for no post', call('postReviews.message', { postId: uuid(999), kind: 'request', body: 'Fine?' }));
    expect(missing).toMatchObject({ error: { code: 'not_found' } });
    await outcome('request without words', call('postReviews.message', { postId: post.id, kind: 'request', body: '  ' }));
    await outcome('a decision sent as a message', call('postReviews.message', { postId: post.id, kind: 'approve', body: '' }));
    expect(await threadOf(post.id)).toEqual([]);

    const asked = await outcome('request', call('postReviews.message', { postId: post.id, kind: 'request', body: 'Is the quote fine with her first name?' }));
    expect(asked).toMatchObject({ ok: { state: 'waiting', changedSince: false, messages: [{ id: uuid(3), byStaffId: marketing.id, byName: 'Morgan Marketing', kind: 'request' }] } });
    const again = await outcome('request again', call('postReviews.message', { postId: post.id, kind: 'request', body: 'Again' }));
    expect(again).toMatchObject({ error: { code: 'conflict', message: 'This post is waiting for the privacy officer already.' } });
    await outcome('request for the other post', call('postReviews.message', { postId: other.id, kind: 'request', body: 'And this one?' }));

    core.actor = officer;
    const declineWithout = await outcome('decline without a reason', call('postReviews.decide', { postId: post.id, kind: 'decline', body: '' }));
    expect(declineWithout).toMatchObject({ error: { code: 'validation', issues: [{ path: 'body' }] } });
    await outcome('comment', call('postReviews.decide', { postId: post.id, kind: 'comment', body: 'Looking at it now.' }));
    const queue = await outcome('queue, both waiting', call('postReviews.queue', {}));
    expect(queue).toMatchObject({ ok: [{ postId: other.id, state: 'waiting', requestedByName: 'Morgan Marketing' }, { postId: post.id, state: 'waiting', messages: 2 }] });
    const approved = await outcome('approve', call('postReviews.decide', { postId: post.id, kind: 'approve', body: 'Fine as it is.' }));
    expect(approved).toMatchObject({ ok: { state: 'approved' } });
    const twice = await outcome('approve again', call('postReviews.decide', { postId: post.id, kind: 'approve', body: 'Still fine.' }));
    expect(twice).toMatchObject({ error: { code: 'conflict', message: 'Only a post waiting for review can be approved.' } });
    const late = await outcome('decline after the approval', call('postReviews.decide', { postId: post.id, kind: 'decline', body: 'Her surname shows in the photo.' }));
    expect(late).toMatchObject({ error: { code: 'conflict', message: 'Only a post waiting for review can be declined.' } });
    await outcome('decline the other', call('postReviews.decide', { postId: other.id, kind: 'decline', body: 'Her surname is in the photo caption.' }));
    await outcome('decide for no post', call('postReviews.decide', { postId: uuid(999), kind: 'approve', body: '' }));
    await outcome('queue, both decided', call('postReviews.queue', {}));
  });

  it.skipIf(skip)('says when the post changed since the decision, takes a new request then, and refuses one for a published post', async () => {
    core.actor = marketing;
    const read = await postHandlers['posts.get'](core, { id: uuid(1) });
    await postHandlers['posts.update'](core, contract['posts.update'].input.parse({ ...draft({ caption: 'Ofelia is back on the stairs, after her knee surgery!' }), id: read.id }) as ParsedInput<'posts.update'>);
    const changed = await outcome('thread after the edit', call('postReviews.thread', { postId: uuid(1) }));
    expect(changed).toMatchObject({ ok: { state: 'approved', changedSince: true } });
    const again = await outcome('request after the edit', call('postReviews.message', { postId: uuid(1), kind: 'request', body: 'I added the surgery; still fine?' }));
    expect(again).toMatchObject({ ok: { state: 'waiting', changedSince: false } });

    const published = await newPost({ caption: 'Back on the bike!' });
    core.actor = officer;
    await postHandlers['posts.approve'](core, { id: published.id });
    await postHandlers['posts.publish'](core, contract['posts.publish'].input.parse({ id: published.id, publishedOn: today, url: 'https://www.facebook.com/riverside/posts/9' }) as ParsedInput<'posts.publish'>);
    core.actor = marketing;
    const late = await outcome('request for a published post', call('postReviews.message', { postId: published.id, kind: 'request', body: 'Was this fine?' }));
    expect(late).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/already published/) } });
    expect(await threadOf(published.id)).toEqual([]);
    core.actor = officer;
    await outcome('queue with the new request', call('postReviews.queue', {}));
  });

  it.skipIf(skip)('rolls back a message whose call fails after its writes: neither the message nor its audit event stays', async () => {
    const before = await threadOf(uuid(1));
    const eventsBefore = await auditOf(uuid(1));
    const messagesBefore = await messageCount();
    core.failAfterNextAudit = true;
    const failed = await outcome('comment failing after its writes', call('postReviews.decide', { postId: uuid(1), kind: 'comment', body: 'One moment.' }));
    expect(failed).toMatchObject({ error: { code: 'internal' } });
    expect(core.failAfterNextAudit).toBe(false);
    expect(await threadOf(uuid(1))).toEqual(before);
    expect(await auditOf(uuid(1))).toEqual(eventsBefore);
    expect(await messageCount()).toBe(messagesBefore);
    await outcome('thread after the failure', call('postReviews.thread', { postId: uuid(1) }));
    const decided = await outcome('approve after the failure', call('postReviews.decide', { postId: uuid(1), kind: 'approve', body: 'Fine with the surgery.' }));
    expect(decided).toMatchObject({ ok: { state: 'approved', changedSince: false } });
  });

  it.skipIf(skip)('audited each message by who wrote it, with the content hash it was about', async () => {
    for (const n of [1, 2, 999]) {
      const events = (await auditOf(uuid(n))).map(chainFieldsOf);
      note(`audit of post ${n}`, events);
    }
    const reviewEvents = (await auditOf(uuid(1))).filter((e) => e.action.startsWith('post_review.'));
    expect(reviewEvents.map((e) => [e.actorName, e.action])).toEqual([
      ['morgan', 'post_review.requested'],
      ['pat', 'post_review.commented'],
      ['pat', 'post_review.approved'],
      ['morgan', 'post_review.requested'],
      ['pat', 'post_review.approved'],
    ]);
    const thread = await threadOf(uuid(1));
    expect(reviewEvents.map((e) => e.detail)).toEqual(thread.map((m) => `content SHA-256 ${m.contentSha256}`));
    expect(await auditOf(uuid(999))).toEqual([]);
    note('messages kept', await messageCount());
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
