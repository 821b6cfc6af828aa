import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Patient } from '../../../shared/patients';
import type { Assessment } from '../../../shared/program/incident';
import type { ReplyCheck } from '../../../shared/posts/review-reply';
import { createPgProgramIncidentRecords } from '../store-pg/pg-program-incidents-repository';
import { createPgStaffRepository } from '../store-pg/pg-staff-repository';
import type { ProgramIncidentRecords } from '../store-pg/store-interface-program-incidents';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import { postRecord, signatureOf, terms } from '../store-pg/testing/pg-fixtures';
import { createSqliteProgramIncidentRecords } from './sqlite-program-incident-records';
import { pgEngineUnderTest, sqliteEngineUnderTest, testStaff, type EngineUnderTest } from './testing/engines-under-test';
import { outcome, type Entry, conformanceEngines } from './testing/conformance-transcript';

/**
 * ONE conformance suite for the compliance program's incidents (with their
 * documents), post review threads, review schedules and checked replies,
 * run on both engines, transcripts compared byte for byte; on the server,
 * the raw rows are searched for every free text, PDF and hash, and the
 * records are refused any change the SQLite triggers refuse.
 */

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute)).toISOString();
const today = '2026-12-10';

const transcripts = new Map<string, Entry[]>();

const secrets = {
  note: 'Found by Quillon Vantablack at the front desk',
  summary: 'Caption named the knee surgery of Ofelia Zarathustra',
  nature: 'Her first name and her words about the Marblehead clinic',
  rationale: 'Viewed by about 212 followers of the Tuesday feed',
  individualNote: 'Letter handed over at the Yarrowby appointment',
  outcome: 'Closed after Xanthippe confirmed the removal',
  reply: 'Thanks Ofelia, hope the Zarathustra knee heals well!',
  url: 'https://social.example/p/zarathustra-reply-77',
  body: 'Is the Quillonesque caption covered by her consent?',
  pdf: 'PDF incident letter for Ofelia Zarathustra, Yarrowby',
  contentSha256: 'e'.repeat(63) + 'f',
};

const assessment: Assessment = {
  identifiers: ['first_name', 'testimonial'],
  sensitivity: 'low',
  natureNotes: secrets.nature,
  recipients: 'The public, on the practice page.',
  viewed: 'yes',
  viewedEvidence: 'Views counted by the platform.',
  takedownNotes: 'Taken down the next morning.',
  removalRequests: [{ platform: 'Facebook', requestedOn: '2026-12-02', reference: 'FB-1', outcome: 'Removed' }],
  otherMitigation: '',
  probability: 'not_low',
};

const patient: Patient = {
  id: '5a1e0000-0000-4000-8000-000000000001',
  firstName: 'Ofelia',
  lastName: 'Zarathustra',
  dateOfBirth: '1961-04-03',
  recordNumber: null,
  phone: null,
  email: null,
  city: null,
  createdAt: at(0),
  updatedAt: at(0),
};

const check = (safe: boolean): ReplyCheck => ({
  safe,
  concerns: safe ? [] : [{ kind: 'family', start: 7, end: 13, text: 'Ofelia', message: 'A name' }],
  language: 'en',
  suggestion: 'Thank you!',
  suggestions: { en: 'Thank you!', es: '¡Gracias!' },
});

const member = (s: (typeof testStaff)[number]) => ({ id: s.id, username: s.id, displayName: s.displayName, role: 'admin' as const, status: 'active' as const, createdAt: at(0), updatedAt: at(0) });

describe.each(conformanceEngines)('incidents, review threads, schedules and checked replies on $name', ({ name, skip }) => {
  const cluster = name === 'postgres' && !skip ? useThrowawayCluster() : null;
  let under: EngineUnderTest;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let records: ProgramIncidentRecords<any>;
  const log: Entry[] = [];
  const note = (label: string, value: unknown) => log.push([label, value]);
  const write = <T>(fn: (tx: unknown) => Promise<T>) => under.engine.write(fn as never) as Promise<T>;
  const read = <T>(fn: (tx: unknown) => Promise<T>) => under.engine.read(fn as never) as Promise<T>;

  beforeAll(async () => {
    if (skip) return;
    if (name === 'sqlite') {
      under = sqliteEngineUnderTest();
      records = createSqliteProgramIncidentRecords();
    } else {
      const pgUnder = await pgEngineUnderTest(cluster!());
      under = pgUnder;
      records = createPgProgramIncidentRecords(pgUnder.cipher);
      const staff = createPgStaffRepository(pgUnder.cipher);
      await pgUnder.engine.write(async (tx) => {
        for (const s of testStaff) await staff.insertStaff(tx, member(s));
      });
    }
    // The shared records an incident and a review thread name: a patient, a testimonial, a consent and its post.
    const r = under.engine.records;
    await under.engine.write(async (tx: unknown) => {
      await r.patients.insertPatient(tx, patient);
      await r.consents.insertDraft(tx, { id: 'auth-1', patientId: patient.id, templateId: 'template-1', terms: terms(), createdAt: at(1), createdBy: 'staff-frontdesk' });
      await r.testimonials.insertTestimonial(tx, { id: 'testimonial-1', patientId: patient.id, title: 'Back on the trail', quote: 'I walk again.', createdAt: at(2), createdBy: 'staff-marketing' });
      for (const id of ['post-1', 'post-2']) {
        await r.posts.insertPost(tx, postRecord({ id, testimonialId: 'testimonial-1', patientId: patient.id, consentId: id === 'post-1' ? 'auth-1' : null, caption: `Caption of ${id}`, at: at(3) }), 'staff-marketing');
      }
    });
  }, 180_000);
  afterAll(async () => {
    await under?.close();
    if (!skip) transcripts.set(name, log);
  });

  it.skipIf(skip)(`keeps review schedules one per channel${name === 'postgres' ? pgSkipReason : ''}`, async () => {
    const s = records.reviewSchedules;
    note('no schedules', await outcome(read((tx) => s.listSchedules(tx))));
    await write(async (tx) => {
      await s.upsertSchedule(tx, { id: 'sched-ig', channel: 'instagram', frequency: 'monthly', assigneeId: 'staff-marketing', startsOn: '2026-12-01', active: true, endedOn: null, at: at(5) });
      await s.upsertSchedule(tx, { id: 'sched-fb', channel: 'facebook', frequency: 'weekly', assigneeId: 'staff-admin', startsOn: '2026-11-30', active: true, endedOn: null, at: at(6) });
    });
    // The channel's second schedule changes the first; its id stays.
    await write((tx) => s.upsertSchedule(tx, { id: 'sched-other', channel: 'instagram', frequency: 'quarterly', assigneeId: 'staff-admin', startsOn: '2027-01-01', active: false, endedOn: '2026-12-31', at: at(7) }));
    note('schedules', await outcome(read((tx) => s.listSchedules(tx))));
    note('by id', await outcome(read((tx) => s.getSchedule(tx, 'sched-ig'))));
    note('replaced id', await outcome(read((tx) => s.getSchedule(tx, 'sched-other'))));
    note('by channel', await outcome(read((tx) => s.scheduleOfChannel(tx, 'facebook'))));
    note('no channel', await outcome(read((tx) => s.scheduleOfChannel(tx, 'tiktok'))));
    expect(await read((tx) => s.scheduleOfChannel(tx, 'instagram'))).toMatchObject({ id: 'sched-ig', frequency: 'quarterly', assigneeName: 'Pat Privacy', active: false });
  });

  it.skipIf(skip)('keeps checked replies and post review threads', async () => {
    const c = records.replyChecks;
    note('no checks', await outcome(read((tx) => c.countReplyChecks(tx))));
    await write(async (tx) => {
      await c.recordReplyCheck(tx, { id: 'reply-1', at: at(10), by: 'staff-marketing', reply: secrets.reply, check: check(false) });
      await c.recordReplyCheck(tx, { id: 'reply-2', at: at(11), by: 'staff-admin', reply: 'Thank you for the kind words!', check: check(true) });
      await c.recordReplyCheck(tx, { id: 'reply-3', at: at(40), by: 'staff-admin', reply: 'See you soon.', check: check(true) });
    });
    note('count', await outcome(read((tx) => c.countReplyChecks(tx))));
    note('in range', await outcome(read((tx) => c.listReplyChecks(tx, { fromIso: at(10), toIso: at(40) }))));
    note('limited', await outcome(read((tx) => c.listReplyChecks(tx, { fromIso: at(0), toIso: at(59) }, 2))));
    note('counted in range', await outcome(read((tx) => c.countReplyChecksIn(tx, { fromIso: at(10), toIso: at(40) }))));
    note('counted in none', await outcome(read((tx) => c.countReplyChecksIn(tx, { fromIso: at(50), toIso: at(59) }))));

    const m = records.postReviews;
    await write(async (tx) => {
      await m.insertReviewMessage(tx, { id: 'msg-1', postId: 'post-1', at: at(12), by: 'staff-marketing', kind: 'request', body: secrets.body, contentSha256: secrets.contentSha256 });
      await m.insertReviewMessage(tx, { id: 'msg-2', postId: 'post-2', at: at(13), by: 'staff-marketing', kind: 'request', body: 'And this one?', contentSha256: 'a'.repeat(64) });
      await m.insertReviewMessage(tx, { id: 'msg-3', postId: 'post-1', at: at(13), by: 'staff-admin', kind: 'comment', body: 'Drop the clinic name.', contentSha256: secrets.contentSha256 });
      await m.insertReviewMessage(tx, { id: 'msg-4', postId: 'post-1', at: at(14), by: 'staff-admin', kind: 'approve', body: '', contentSha256: 'b'.repeat(64) });
    });
    note('thread', await outcome(read((tx) => m.threadOf(tx, 'post-1'))));
    note('no thread', await outcome(read((tx) => m.threadOf(tx, 'post-none'))));
    note('all threads', await outcome(read(async (tx) => [...(await m.allThreads(tx)).entries()])));
    note('threads in range', await outcome(read(async (tx) => [...(await m.allThreads(tx, { fromIso: at(13), toIso: at(14) })).entries()])));
  });

  it.skipIf(skip)('opens, works and closes incidents, with their documents, and refuses a closed one any change but its HHS notice', async () => {
    const i = records.incidents;
    note('none', await outcome(read((tx) => i.listIncidents(tx, today))));
    await write(async (tx) => {
      await i.insertIncident(tx, { id: 'inc-post', trigger: 'takedown_required', at: at(20), by: 'staff-admin', discoveredOn: '2026-12-01', discoveryNote: secrets.note, summary: secrets.summary, postId: 'post-1', patientId: patient.id });
      await i.insertIncident(tx, {
        id: 'inc-reply',
        trigger: 'phi_reply',
        at: at(21),
        by: null,
        discoveredOn: '2026-12-01',
        discoveryNote: '',
        summary: 'A reply named a patient.',
        postId: null,
        patientId: null,
        reply: { checkId: 'reply-1', channel: 'instagram', url: secrets.url, postedOn: '2026-11-30' },
      });
      await i.insertIncident(tx, { id: 'inc-other', trigger: 'other', at: at(22), by: 'staff-frontdesk', discoveredOn: '2026-11-20', discoveryNote: 'Old one', summary: 'Something else', postId: null, patientId: null });
    });
    note('second for the post', await outcome(write((tx) => i.insertIncident(tx, { id: 'inc-again', trigger: 'other', at: at(23), by: 'staff-admin', discoveredOn: '2026-12-02', discoveryNote: '', summary: 'Again', postId: 'post-1', patientId: null }))));
    note('of the post', await outcome(read((tx) => i.incidentOfPost(tx, 'post-1'))));
    note('of no post', await outcome(read((tx) => i.incidentOfPost(tx, 'post-2'))));

    await write(async (tx) => {
      await i.saveDiscovery(tx, 'inc-post', '2026-11-29', `${secrets.note}, two days earlier`);
      await i.saveAssessment(tx, 'inc-post', { assessment, at: at(24), by: 'staff-admin' });
      await i.saveDecision(tx, 'inc-post', { decision: 'required', rationale: secrets.rationale, affectedCount: 1, largestStateCount: 1, at: at(25), by: 'staff-admin' });
      await i.insertIncidentDocument(tx, { id: 'doc-report', incidentId: 'inc-post', kind: 'report', language: 'en', at: at(26), by: 'staff-admin', pdf: Buffer.from(`%PDF report ${secrets.summary}`), sha256: '1'.repeat(64) });
      await i.insertIncidentDocument(tx, { id: 'doc-letter', incidentId: 'inc-post', kind: 'letter', language: 'es', at: at(26), by: 'staff-admin', pdf: Buffer.from(secrets.pdf), sha256: '2'.repeat(64) });
      await i.saveNotice(tx, 'inc-post', 'individual', '2026-12-03', secrets.individualNote);
      await i.setIncidentPatient(tx, 'inc-reply', patient.id);
      await i.setIncidentPatient(tx, 'inc-other', patient.id);
      await i.setIncidentPatient(tx, 'inc-other', null);
    });
    note('worked', await outcome(read((tx) => i.getIncident(tx, 'inc-post', today))));
    note('letter', await outcome(read((tx) => i.getIncidentDocument(tx, 'doc-letter'))));
    note('no document', await outcome(read((tx) => i.getIncidentDocument(tx, 'doc-none'))));
    expect((await read((tx) => i.getIncidentDocument(tx, 'doc-letter')))?.pdf.toString()).toBe(secrets.pdf);

    await write((tx) => i.saveClosed(tx, 'inc-post', { outcome: secrets.outcome, at: at(30), by: 'staff-admin' }));
    note('closed: assessment', await outcome(write((tx) => i.saveAssessment(tx, 'inc-post', { assessment: { ...assessment, probability: 'low' }, at: at(31), by: 'staff-admin' }))));
    note('closed: decision', await outcome(write((tx) => i.saveDecision(tx, 'inc-post', { decision: 'not_required', rationale: 'x', affectedCount: 1, largestStateCount: 1, at: at(31), by: 'staff-admin' }))));
    note('closed: media notice', await outcome(write((tx) => i.saveNotice(tx, 'inc-post', 'media', '2026-12-04', 'x'))));
    note('closed: patient', await outcome(write((tx) => i.setIncidentPatient(tx, 'inc-post', null))));
    note('closed: closed again', await outcome(write((tx) => i.saveClosed(tx, 'inc-post', { outcome: 'again', at: at(32), by: 'staff-admin' }))));
    note('closed: HHS notice', await outcome(write((tx) => i.saveNotice(tx, 'inc-post', 'hhs', '2027-02-01', 'Yearly log'))));
    note('closed: HHS notice again', await outcome(write((tx) => i.saveNotice(tx, 'inc-post', 'hhs', '2027-02-02', 'Twice'))));

    note('all', await outcome(read((tx) => i.listIncidents(tx, today))));
    note('open during December', await outcome(read((tx) => i.listIncidents(tx, today, { from: '2026-12-01', toIso: '2027-01-01T00:00:00.000Z' }))));
    note('opened before', await outcome(read((tx) => i.listIncidents(tx, today, { from: '2026-12-01', toIso: at(21) }))));
    note('unknown', await outcome(read((tx) => i.getIncident(tx, 'inc-none', today))));
    const closed = await read((tx) => i.getIncident(tx, 'inc-post', today));
    expect(closed).toMatchObject({ state: 'closed', outcome: secrets.outcome, patientName: 'Ofelia Zarathustra', notices: { individual: '2026-12-03', media: null, hhs: '2027-02-01' } });
    expect(closed?.post).toMatchObject({ id: 'post-1', testimonialTitle: 'Back on the trail', consentLanguage: 'en' });
    expect((await read((tx) => i.getIncident(tx, 'inc-reply', today)))?.reply).toEqual({ checkId: 'reply-1', text: secrets.reply, channel: 'instagram', url: secrets.url, postedOn: '2026-11-30' });
  });

  it.skipIf(skip)('lists the work queues: counts and first rows in the order to deal with them', async () => {
    const r = under.engine.records;
    const bruno: Patient = { ...patient, id: '5a1e0000-0000-4000-8000-000000000002', firstName: 'Bruno', lastName: 'Okafor', dateOfBirth: '1970-02-02' };
    const pdf = Buffer.from('%PDF-1.7 signed');
    const sign = async (tx: unknown, id: string, minute: number) => {
      await r.consents.recordPatientSignature(tx, id, signatureOf(id === 'auth-q-signed' ? 'Bruno Okafor' : 'Ofelia Zarathustra', 'Text shown', at(minute)));
    };
    const witness = (tx: unknown, id: string, minute: number) => r.consents.finalizeAuthorization(tx, id, { witnessId: 'staff-admin', witnessedAt: at(minute), contentSha256: 'c'.repeat(64), pdf, pdfSha256: 'd'.repeat(64) });
    await write(async (tx) => {
      await r.patients.insertPatient(tx, bruno);
      const drafts: [string, string, ReturnType<typeof terms>][] = [
        ['auth-q-draft', patient.id, terms()],
        ['auth-q-signed', bruno.id, terms()],
        ['auth-q-soon', bruno.id, terms({ kind: 'date', date: '2026-12-20' })],
        ['auth-q-later', patient.id, terms({ kind: 'date', date: '2027-03-01' })],
        ['auth-q-event', bruno.id, terms({ kind: 'event', event: 'the end of treatment' })],
        ['auth-q-revoked', patient.id, terms()],
        ['auth-q-revoked-2', bruno.id, terms()],
      ];
      for (const [i, [id, patientId, t]] of drafts.entries()) await r.consents.insertDraft(tx, { id, patientId, templateId: 'template-1', terms: t, createdAt: at(40 + i), createdBy: 'staff-frontdesk' });
      for (const [i, id] of ['auth-q-signed', 'auth-q-soon', 'auth-q-later', 'auth-q-event', 'auth-q-revoked', 'auth-q-revoked-2'].entries()) await sign(tx, id, 47 + i);
      for (const [i, id] of ['auth-q-later', 'auth-q-soon', 'auth-q-event', 'auth-q-revoked', 'auth-q-revoked-2'].entries()) await witness(tx, id, 53 + i);
      const revocation = { receivedOn: '2026-12-01', method: 'in_person' as const, note: 'At the desk', scan: null, scanType: null, scanSha256: null, revokedBy: 'staff-frontdesk', pdf, pdfSha256: 'e'.repeat(64) };
      await r.consents.recordRevocation(tx, 'auth-q-revoked', { ...revocation, revokedAt: at(58) });
      await r.consents.recordRevocation(tx, 'auth-q-revoked-2', { ...revocation, revokedAt: at(59), receivedOn: '2026-11-30' });

      const post = (id: string, patientId: string, minute: number) => postRecord({ id, testimonialId: 'testimonial-1', patientId, consentId: null, caption: `Caption of ${id}`, at: at(minute) });
      for (const [i, id] of ['post-q-approved', 'post-q-review', 'post-q-down', 'post-q-grown', 'post-q-up'].entries()) await r.posts.insertPost(tx, post(id, i % 2 ? bruno.id : patient.id, 30 + i), 'staff-marketing');
      await r.posts.setPostState(tx, 'post-q-approved', 'approved', at(35), { approvedBy: 'staff-admin', approvedAt: at(35) });
      for (const [i, id] of ['post-q-review', 'post-q-down', 'post-q-grown', 'post-q-up'].entries()) {
        await r.posts.setPostState(tx, id, 'published', at(36 + i), { publishedAt: at(40 - i), publishedUrl: `https://facebook.example/${id}` });
      }
      await r.posts.setReview(tx, 'post-q-review', { at: at(41), reason: 'A parent’s authorization ended' });
      await r.posts.setPostState(tx, 'post-q-down', 'takedown_required', at(42), { takedownRequiredAt: at(42), takedownReason: 'Revoked' });
      const uncovered = (code: 'revoked' | 'came_of_age') => ({ covered: false, reasons: [{ code, message: 'Not covered.' }], changesOn: null });
      await r.coverage.keepVerdict(tx, 'post-q-down', uncovered('revoked'));
      await r.coverage.keepVerdict(tx, 'post-q-up', uncovered('revoked'));
      await r.coverage.keepVerdict(tx, 'post-q-grown', uncovered('came_of_age'));
      await r.coverage.keepVerdict(tx, 'post-q-review', { covered: true, reasons: [], changesOn: null });
    });
    const q = records.workQueue;
    for (const limit of [1, 10]) {
      note(`drafts to sign, ${limit}`, await outcome(read((tx) => q.draftsToSign(tx, limit))));
      note(`awaiting witness, ${limit}`, await outcome(read((tx) => q.awaitingWitness(tx, limit))));
      note(`expiring, ${limit}`, await outcome(read((tx) => q.expiringBetween(tx, '2026-12-10', '2027-03-01', limit))));
      note(`events to record, ${limit}`, await outcome(read((tx) => q.eventsToRecord(tx, limit))));
      note(`revoked since, ${limit}`, await outcome(read((tx) => q.revokedSince(tx, at(58), limit))));
      for (const kind of ['takedown_required', 'review_required', 'draft', 'approved'] as const) note(`posts ${kind}, ${limit}`, await outcome(read((tx) => q.postsWaiting(tx, kind, limit))));
      note(`live uncovered, ${limit}`, await outcome(read((tx) => q.liveUncoveredPosts(tx, limit))));
    }
    note('expiring: none in range', await outcome(read((tx) => q.expiringBetween(tx, '2027-03-02', '2027-12-31', 10))));
    note('revoked since: none', await outcome(read((tx) => q.revokedSince(tx, at(60), 10))));
    expect(await read((tx) => q.expiringBetween(tx, '2026-12-10', '2027-03-01', 10))).toMatchObject({ count: 2, rows: [{ id: 'auth-q-soon', due: '2026-12-20' }, { id: 'auth-q-later' }] });
    expect(await read((tx) => q.revokedSince(tx, at(0), 10))).toMatchObject({ count: 2, rows: [{ id: 'auth-q-revoked-2', since: '2026-11-30' }, { id: 'auth-q-revoked', firstName: 'Ofelia' }] });
    expect((await read((tx) => q.liveUncoveredPosts(tx, 10))).rows.map((row) => row.id)).toEqual(['post-q-up', 'post-q-down']);
  });

  it.skipIf(skip || name === 'sqlite')('keeps every free text, PDF and hash sealed on the server, and its records unchanged', async () => {
    const tables = ['incidents', 'incident_documents', 'post_review_messages', 'review_schedules', 'reply_checks'];
    const raw = await read(async (tx) => {
      const parts: string[] = [];
      for (const table of tables) {
        parts.push(...((await (tx as { query(sql: string): Promise<unknown> }).query(`SELECT t::text AS row FROM ${table} t`)) as { rows: { row: string }[] }).rows.map((r) => r.row));
      }
      return parts.join('\n').toLowerCase();
    });
    expect(raw).toContain('inc-reply');
    expect(raw).toContain('doc-letter');
    const words = [...Object.values(secrets), 'Ofelia', 'Zarathustra', 'Drop the clinic name', '1'.repeat(64), '2'.repeat(64), 'a'.repeat(64), 'Yearly log', '"family"', 'Marblehead'];
    for (const secret of words) {
      expect(raw, secret).not.toContain(secret.toLowerCase());
      expect(raw, secret).not.toContain(Buffer.from(secret, 'utf8').toString('hex'));
    }
    const query = (statement: string) => write((tx) => (tx as { query(sql: string): Promise<unknown> }).query(statement));
    for (const [statement, refusal] of [
      ["UPDATE incident_documents SET language = 'en'", /permission denied/],
      ['DELETE FROM incident_documents', /permission denied/],
      ["UPDATE post_review_messages SET kind = 'decline'", /permission denied/],
      ['DELETE FROM post_review_messages', /permission denied/],
      ["UPDATE reply_checks SET decision = 'pass'", /permission denied/],
      ['DELETE FROM reply_checks', /permission denied/],
      ['DELETE FROM incidents', /permission denied/],
      ['DELETE FROM review_schedules', /permission denied/],
      ["UPDATE incidents SET decision = 'not_required' WHERE id = 'inc-post'", /a closed incident does not change/],
      ["UPDATE incidents SET opened_at = 'x' WHERE id = 'inc-other'", /how an incident was opened does not change/],
      ["UPDATE incidents SET reply = NULL, reply_check_id = NULL WHERE id = 'inc-reply'", /how an incident was opened does not change/],
    ] as const) {
      await expect(query(statement), statement).rejects.toThrow(refusal);
    }
  });
});

describe.skipIf(!pgAvailable)(`incidents, review threads, schedules and checked replies: both engines${pgSkipReason}`, () => {
  it('gave the same answers and refusals for the same inputs', () => {
    const sqlite = transcripts.get('sqlite');
    const postgres = transcripts.get('postgres');
    expect(sqlite?.length).toBeGreaterThan(50);
    for (const [i, entry] of (sqlite ?? []).entries()) expect(postgres?.[i]).toEqual(entry);
    expect(JSON.stringify(postgres)).toBe(JSON.stringify(sqlite));
  });
});
