import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../../../shared/calendar';
import { contract, type ParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Role } from '../../../shared/roles';
import type { Settings } from '../../../shared/settings';
import type { ChannelReviewCore } from '../engine-core';
import { settleCoverage } from '../posts/kept-coverage';
import type { CheckContext } from '../posts/post-checks';
import { afterConsentChangeIn, afterPatientChangeIn, settleCoverageIn } from '../posts/post-checks-engine';
import type { Db } from '../store/database';
import { chainFieldsOf, handlerOutcome, normalise, type HandlerOutcome, conformanceEngines } from '../store-engine/testing/conformance-transcript';
import { pgEngineUnderTest, sqliteEngineUnderTest, testStaff, type EngineUnderTest } from '../store-engine/testing/engines-under-test';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import { patientRecord, signatureOf, terms } from '../store-pg/testing/pg-fixtures';
import { channelReviewHandlers } from './channel-review-handlers';
import { postHandlers, type PostsCore } from './post-handlers';
import { dispatcherFor } from '../store-engine/testing/handler-harness';

/**
 * The channel reviews and checked replies, ported onto the store engine, run
 * on BOTH engines: an encrypted SQLite file and a real PostgreSQL (a
 * throwaway cluster). The live posts are made by the posts handlers (already
 * on the engine); the staff who review are written through the engine's
 * staff records; the test core names the signed-in staff member. Every
 * answer, refusal, audit event and incident goes into a transcript; the last
 * test compares the engines' transcripts byte for byte. Ids and instants are
 * fixed so they can be equal.
 */

type Entry = [string, unknown];
const transcripts = new Map<string, Entry[]>();

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const today = '2026-12-01';
const timeZone = 'America/New_York';
const ctx: CheckContext = { today, timeZone, ageOfMajority: 18, practice: { name: 'Riverside PT', contact: { phone: '', email: '', website: '', address: '' } } };
const settings: Settings = { practiceName: 'Riverside PT', idleMinutes: 5, patientModeIdleMinutes: 20, timeZone, ageOfMajority: 18, practiceAddress: '', practiceEmail: '', practicePhone: '', practiceWebsite: '' };

const ofeliaId = uuid(101);
/** Her consent allows Facebook and Instagram. */
const twoChannels = (() => {
  const t = terms({ kind: 'date', date: '2027-01-15' });
  return { ...t, scope: { ...t.scope, channels: ['facebook' as const, 'instagram' as const] } };
})();
const consentId = uuid(201);
const testimonialId = uuid(301);

type Actor = { id: string; username: string; displayName: string; role: Role; status: 'active' | 'disabled' };
const reviewer: Actor = { id: uuid(501), username: 'morgan', displayName: 'Morgan Marketing', role: 'marketing', status: 'active' };
const frontDesk: Actor = { id: uuid(502), username: 'robin', displayName: 'Robin Reception', role: 'frontdesk', status: 'active' };
const gone: Actor = { id: uuid(503), username: 'alex', displayName: 'Alex Away', role: 'marketing', status: 'disabled' };
const other: Actor = { id: uuid(504), username: 'sam', displayName: 'Sam Social', role: 'marketing', status: 'active' };
const officer: Actor = { id: uuid(505), username: 'pat', displayName: 'Pat Privacy', role: 'admin', status: 'active' };
const staff = [reviewer, frontDesk, gone, other, officer];

interface TestCore extends PostsCore, ChannelReviewCore {
  requireSession(): Actor;
  actor: Actor;
  /** Fail the call once the audit append this many appends from now has written (a later step of its transaction failing after its writes). */
  failAtAudit: number;
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
        if (core().failAtAudit > 0 && --core().failAtAudit === 0) throw new AppError('internal', 'Injected failure after the call wrote.');
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
    settings,
    actor: officer,
    failAtAudit: 0,
    today: () => today,
    nowIso: () => new Date(Date.UTC(2026, 11, 1, 14, minute++)).toISOString(),
    newId: () => uuid(++ids),
    auditActor: () => ({ actorId: core.actor.id, actorName: core.actor.username }),
    checkContext: () => ctx,
    takeCheck: () => undefined,
    dayOfInstant: (iso) => dayOf(new Date(iso), timeZone),
    requireSession: () => core.actor,
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

describe.each(engines)('the channel review handlers on $name', ({ name, skip }) => {
  const cluster = name === 'postgres' && !skip ? useThrowawayCluster() : null;
  let under: EngineUnderTest;
  let core: TestCore;
  const log: Entry[] = [];
  const note = (label: string, value: unknown) => log.push([label, normalise(value ?? '(nothing)')]);

  beforeAll(async () => {
    if (skip) return;
    if (name === 'sqlite') {
      under = sqliteEngineUnderTest({ hooks: { beforeCommit: (db: Db) => void settleCoverage(db, ctx) } });
    } else {
      let records: EngineUnderTest['engine']['records'] | null = null;
      const pg = await pgEngineUnderTest(cluster!(), { beforeCommit: async (tx) => void (await settleCoverageIn(records!, tx, ctx)) });
      records = pg.engine.records;
      under = pg;
    }
    core = testCore(under);
    const r = under.engine.records;
    const at = (m: number) => new Date(Date.UTC(2026, 11, 1, 10, m)).toISOString();
    // The staff the reviews name, written through the engine's staff records (the SQLite file has the shared test staff already).
    await under.engine.write(async (tx) => {
      const members = name === 'postgres' ? [...testStaff.map((s) => ({ ...s, username: s.id, role: 'admin' as const, status: 'active' as const })), ...staff] : staff;
      for (const [i, s] of members.entries()) {
        await r.staff.insertStaff(tx, { id: s.id, username: s.username, displayName: s.displayName, role: s.role, status: s.status, createdAt: at(i), updatedAt: at(i) });
      }
    });
    // What the posts rely on: a patient, her final consent, her testimonial.
    const pdf = Buffer.from('%PDF-1.7 authorization of Ofelia Marchetti');
    await under.engine.write(async (tx) => {
      await r.patients.insertPatient(tx, { ...patientRecord({ firstName: 'Ofelia', lastName: 'Marchetti', dateOfBirth: '1969-03-11', city: 'Springfield' }, at(10)), id: ofeliaId });
      await r.consents.insertDraft(tx, { id: consentId, patientId: ofeliaId, templateId: 'template-1', terms: twoChannels, createdAt: at(12), createdBy: 'staff-frontdesk' });
      await r.consents.recordPatientSignature(tx, consentId, signatureOf('Ofelia Marchetti', 'The authorization text', at(13)));
      await r.consents.finalizeAuthorization(tx, consentId, { witnessId: 'staff-admin', witnessedAt: at(14), contentSha256: 'c'.repeat(64), pdf, pdfSha256: sha256(pdf) });
      await r.testimonials.insertTestimonial(tx, { id: testimonialId, patientId: ofeliaId, title: 'Back on the bike', quote: 'I can ride to work again.', createdAt: at(15), createdBy: 'staff-marketing' });
    });
  }, 180_000);
  afterAll(async () => {
    await under?.close();
    if (!skip) transcripts.set(name, log);
  });

  const call = dispatcherFor(channelReviewHandlers, () => core);
  async function outcome(label: string, work: Promise<unknown>): Promise<HandlerOutcome> {
    const result = await handlerOutcome(work);
    note(label, result);
    return result;
  }
  const auditOf = (subjectId: string) => under.engine.read((tx) => under.engine.records.audit.auditOfSubject(tx, subjectId));
  const reviewsOf = (scheduleId: string) => under.engine.read((tx) => under.engine.records.programReviews.channelReviews.listChannelReviews(tx, { scheduleId }));
  const replyCount = () => under.engine.read((tx) => under.engine.records.programIncidents.replyChecks.countReplyChecks(tx));
  const incidents = () => under.engine.read((tx) => under.engine.records.programIncidents.incidents.listIncidents(tx, today));
  /** A post made, approved and published by the posts handlers. */
  async function publishedPost(channel: string, caption: string): Promise<string> {
    const post = await postHandlers['posts.create'](core, contract['posts.create'].input.parse({ testimonialId, consentId, channel, caption, mediaIds: [], purpose: 'advertising', thirdPartyPays: false }) as ParsedInput<'posts.create'>);
    await postHandlers['posts.approve'](core, { id: post.id });
    await postHandlers['posts.publish'](core, contract['posts.publish'].input.parse({ id: post.id, publishedOn: today, url: `https://example.org/${channel}/${post.id}` }) as ParsedInput<'posts.publish'>);
    return post.id;
  }
  let fb1: string;
  let fb2: string;
  let scheduleId: string;
  const confirm = (...ids: string[]) => ids.map((postId) => ({ postId, outcome: 'still_covered', note: '' }));

  it.skipIf(skip)(`keeps a channel's schedule, refusing an assignee who cannot see the posts${name === 'postgres' ? pgSkipReason : ''}`, async () => {
    core.actor = officer;
    fb1 = await publishedPost('facebook', 'Ofelia is back on her bike!');
    fb2 = await publishedPost('facebook', 'Back on the bike, Ofelia says.');
    await publishedPost('instagram', 'Ofelia rides again.');
    await postHandlers['posts.create'](core, contract['posts.create'].input.parse({ testimonialId, consentId, channel: 'facebook', caption: 'A draft for later.', mediaIds: [], purpose: 'advertising', thirdPartyPays: false }) as ParsedInput<'posts.create'>);

    const first = await outcome('overview before any schedule', call('channelReviews.overview', {}));
    expect(first).toMatchObject({ ok: { schedules: [], liveChannels: ['facebook', 'instagram'], canManage: true } });
    expect((first as { ok: { assignable: { id: string }[] } }).ok.assignable.map((s) => s.id)).toEqual(expect.arrayContaining([reviewer.id, other.id, officer.id]));
    expect((first as { ok: { assignable: { id: string }[] } }).ok.assignable.map((s) => s.id)).not.toContain(frontDesk.id);

    const input = { channel: 'facebook', frequency: 'monthly', assigneeId: reviewer.id, startsOn: '2026-10-10', active: true };
    const wrong = await outcome('assigned to the front desk', call('channelReviews.setSchedule', { ...input, assigneeId: frontDesk.id }));
    expect(wrong).toMatchObject({ error: { code: 'validation', issues: [{ path: 'assigneeId' }] } });
    await outcome('assigned to a disabled account', call('channelReviews.setSchedule', { ...input, assigneeId: gone.id }));
    await outcome('assigned to nobody', call('channelReviews.setSchedule', { ...input, assigneeId: uuid(999) }));
    await outcome('a start that is no day', call('channelReviews.setSchedule', { ...input, startsOn: '2026-13-01' }));
    const set = await outcome('schedule', call('channelReviews.setSchedule', input));
    expect(set).toMatchObject({ ok: { startsOn: '2026-10-01', assigneeName: 'Morgan Marketing', periods: [{ start: '2026-10-01', state: 'missed' }, { start: '2026-11-01', state: 'missed' }, { start: '2026-12-01', state: 'due' }] } });
    scheduleId = (set as { ok: { id: string } }).ok.id;
    await outcome('instagram weekly', call('channelReviews.setSchedule', { ...input, channel: 'instagram', frequency: 'weekly', assigneeId: other.id, startsOn: '2026-11-20' }));
    await outcome('overview with schedules', call('channelReviews.overview', {}));
  });

  it.skipIf(skip)('completes a review only when it confirms every live post, by the assignee or the officer, once per period', async () => {
    core.actor = reviewer;
    const list = await outcome('checklist', call('channelReviews.checklist', { scheduleId, periodStart: '2026-11-01' }));
    expect((list as { ok: { posts: { id: string; covered: boolean }[] } }).ok.posts.map((p) => [p.id, p.covered])).toEqual([
      [fb2, true],
      [fb1, true],
    ]);
    await outcome('checklist of a period to come', call('channelReviews.checklist', { scheduleId, periodStart: '2027-01-01' }));
    await outcome('checklist of no schedule', call('channelReviews.checklist', { scheduleId: uuid(999), periodStart: '2026-11-01' }));

    const base = { scheduleId, periodStart: '2026-11-01', removedComments: [], notes: '' };
    const half = await outcome('one post unconfirmed', call('channelReviews.complete', { ...base, confirmations: confirm(fb1) }));
    expect(half).toMatchObject({ error: { code: 'validation', message: expect.stringMatching(/1 is not confirmed/) } });
    await outcome('a post twice', call('channelReviews.complete', { ...base, confirmations: confirm(fb1, fb1, fb2) }));
    await outcome('a comment removed tomorrow', call('channelReviews.complete', { ...base, confirmations: confirm(fb1, fb2), removedComments: [{ postId: fb1, removedOn: '2026-12-02', note: 'A relative named her surgery.' }] }));
    await outcome('a comment on another post', call('channelReviews.complete', { ...base, confirmations: confirm(fb1, fb2), removedComments: [{ postId: uuid(999), removedOn: '2026-11-20', note: 'A relative named her surgery.' }] }));
    await outcome('action taken without saying what', call('channelReviews.complete', { ...base, confirmations: [{ postId: fb1, outcome: 'action_taken', note: '' }, ...confirm(fb2)] }));
    core.actor = other;
    const notMine = await outcome('by someone else', call('channelReviews.complete', { ...base, confirmations: confirm(fb1, fb2) }));
    expect(notMine).toMatchObject({ error: { code: 'forbidden', message: 'This review is assigned to Morgan Marketing.' } });
    expect(await reviewsOf(scheduleId)).toEqual([]);

    core.actor = reviewer;
    const done = await outcome('complete', call('channelReviews.complete', {
      ...base,
      confirmations: [{ postId: fb1, outcome: 'still_covered', note: '' }, { postId: fb2, outcome: 'action_taken', note: 'Hid a comment naming her surgery.' }],
      removedComments: [{ postId: fb2, removedOn: '2026-11-20', note: 'A relative named her hip surgery and the date.' }, { postId: null, removedOn: '2026-11-21', note: 'A comment on the page itself.' }],
      notes: 'All fine otherwise.',
    }));
    expect(done).toMatchObject({ ok: { completedOn: today, completedByName: 'Morgan Marketing', removedComments: [{ removedOn: '2026-11-20' }, { removedOn: '2026-11-21' }] } });
    const twice = await outcome('complete again', call('channelReviews.complete', { ...base, confirmations: confirm(fb1, fb2) }));
    expect(twice).toMatchObject({ error: { code: 'conflict', message: 'This period has been reviewed already.' } });
    core.actor = officer;
    await outcome('the officer completes the missed October', call('channelReviews.complete', { ...base, periodStart: '2026-10-01', confirmations: confirm(fb1, fb2) }));
    await outcome('checklist of a reviewed period', call('channelReviews.checklist', { scheduleId, periodStart: '2026-11-01' }));
  });

  it.skipIf(skip)('refuses a new frequency over periods already reviewed, and stops a schedule', async () => {
    core.actor = officer;
    const refused = await outcome('weekly from the past', call('channelReviews.setSchedule', { channel: 'facebook', frequency: 'weekly', assigneeId: reviewer.id, startsOn: '2026-10-01', active: true }));
    expect(refused).toMatchObject({ error: { code: 'validation', issues: [{ path: 'startsOn' }] } });
    const before = await auditOf(scheduleId);
    await outcome('weekly from this week', call('channelReviews.setSchedule', { channel: 'facebook', frequency: 'weekly', assigneeId: reviewer.id, startsOn: '2026-12-01', active: true }));
    const stopped = await outcome('stopped', call('channelReviews.setSchedule', { channel: 'facebook', frequency: 'weekly', assigneeId: reviewer.id, startsOn: '2026-12-01', active: false }));
    expect(stopped).toMatchObject({ ok: { id: scheduleId, active: false, endedOn: today } });
    expect((await auditOf(scheduleId)).length).toBe(before.length + 2);
    await outcome('overview after the changes', call('channelReviews.overview', {}));
  });

  it.skipIf(skip)('rolls back a call that fails after its writes: no review, no checked reply, no incident, no audit event stays', async () => {
    core.actor = other;
    const instagram = (await call('channelReviews.overview', {})).schedules.find((s) => s.channel === 'instagram')!;
    const period = instagram.periods.at(-1)!.start;
    const eventsBefore = await auditOf(instagram.id);
    core.failAtAudit = 1;
    const failed = await outcome('review failing after its writes', call('channelReviews.complete', { scheduleId: instagram.id, periodStart: period, confirmations: confirm((await call('channelReviews.checklist', { scheduleId: instagram.id, periodStart: period })).posts[0]!.id), removedComments: [], notes: '' }));
    expect(failed).toMatchObject({ error: { code: 'internal' } });
    expect(await reviewsOf(instagram.id)).toEqual([]);
    expect(await auditOf(instagram.id)).toEqual(eventsBefore);

    const repliesBefore = await replyCount();
    const incidentsBefore = await incidents();
    // The third append is the incident's: the checked reply, both its events and the incident were written by then.
    core.failAtAudit = 3;
    const flaggedFailing = await outcome('flagged reply failing after its incident', call('channelReviews.reportReply', { text: 'So glad your root canal went well, Tom!', channel: 'google_reviews', url: 'https://maps.example/review/1', postedOn: '2026-11-30' }));
    expect(flaggedFailing).toMatchObject({ error: { code: 'internal' } });
    expect(core.failAtAudit).toBe(0);
    expect(await replyCount()).toBe(repliesBefore);
    expect(await incidents()).toEqual(incidentsBefore);
  });

  it.skipIf(skip)('keeps a posted reply the checker flags with its incident, a safe one without, and lists them', async () => {
    core.actor = reviewer;
    await outcome('posted tomorrow', call('channelReviews.reportReply', { text: 'Thank you!', channel: 'facebook', url: '', postedOn: '2026-12-02' }));
    const flagged = await outcome('flagged reply', call('channelReviews.reportReply', { text: 'So glad your root canal went well, Tom! See you at your next cleaning.', channel: 'google_reviews', url: 'https://maps.example/review/1', postedOn: '2026-11-30' }));
    expect(flagged).toMatchObject({ ok: { check: { safe: false }, incidentId: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
    const safe = await outcome('safe reply', call('channelReviews.reportReply', { text: 'Thank you for your kind words! Please call our office any time.', channel: 'facebook', url: '', postedOn: null }));
    expect(safe).toMatchObject({ ok: { check: { safe: true }, incidentId: null } });
    const kept = await outcome('replies kept', call('channelReviews.replyChecks', { from: '2026-11-01', to: '2026-12-31' }));
    expect((kept as { ok: { decision: string }[] }).ok.map((k) => k.decision)).toEqual(['pass', 'flag']);
    await outcome('replies kept before', call('channelReviews.replyChecks', { from: '2026-10-01', to: '2026-10-31' }));
    const incidentId = (flagged as { ok: { incidentId: string } }).ok.incidentId;
    const incident = await under.engine.read((tx) => under.engine.records.programIncidents.incidents.getIncident(tx, incidentId, today));
    expect(incident).toMatchObject({ trigger: 'phi_reply', discoveredOn: today, reply: { channel: 'google_reviews', postedOn: '2026-11-30' }, patientId: null });
    note('incident opened', incident);
    note('audit of the incident', (await auditOf(incidentId)).map(chainFieldsOf));
  });

  it.skipIf(skip)('audited each change by who made it', async () => {
    const overview = await call('channelReviews.overview', {});
    for (const s of overview.schedules) note(`audit of schedule ${s.channel}`, (await auditOf(s.id)).map(chainFieldsOf));
    const replies = await call('channelReviews.replyChecks', { from: '2026-11-01', to: '2026-12-31' });
    for (const r of replies) note(`audit of reply ${r.id}`, (await auditOf(r.id)).map(chainFieldsOf));
    expect((await auditOf(scheduleId)).map((e) => [e.actorName, e.action])).toEqual([
      ['pat', 'review.schedule_changed'],
      ['morgan', 'review.completed'],
      ['pat', 'review.completed'],
      ['pat', 'review.schedule_changed'],
      ['pat', 'review.schedule_changed'],
    ]);
    expect((await auditOf(replies[1]!.id)).map((e) => e.action)).toEqual(['reply.checked', 'review.reply_reported']);
    expect(await auditOf(uuid(999))).toEqual([]);
  });
});

describe.skipIf(!pgAvailable)(`both engines${pgSkipReason}`, () => {
  it('gave the same answers, refusals, audit events and incidents to the same calls', () => {
    const sqlite = transcripts.get('sqlite');
    const postgres = transcripts.get('postgres');
    expect(sqlite?.length).toBeGreaterThan(30);
    // Entry by entry first, so a difference names its step; then the whole, byte for byte.
    for (const [i, entry] of (sqlite ?? []).entries()) expect(postgres?.[i]).toEqual(entry);
    expect(JSON.stringify(postgres)).toBe(JSON.stringify(sqlite));
  });
});
