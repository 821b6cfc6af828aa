import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditEvent } from '../../../shared/audit';
import { AppError } from '../../../shared/errors';
import type { Patient } from '../../../shared/patients';
import { builtInPolicy, policyTextIn } from '../../../shared/program/policy';
import type { ComplianceProgramReport } from '../../../shared/program/program-report';
import type { ProgramStatus } from '../../../shared/program/program-status';
import type { ReplyCheck } from '../../../shared/posts/review-reply';
import type { Settings } from '../../../shared/settings';
import { generatePracticeCertificate, type CertificateBundle } from '../crypto/practice-certificate';
import type { ProgramCore } from '../engine-core';
import { trainingCycleKey } from '../program/program-queries';
import { complianceProgramReport } from '../program/program-report-query';
import type { Db } from '../store/database';
import { PgStoreEngine } from '../store-engine/pg-store-engine';
import type { StoreEngine } from '../store-engine/store-engine';
import pg from 'pg';
import { chainFieldsOf, conformanceEngines, handlerOutcome, type HandlerOutcome } from '../store-engine/testing/conformance-transcript';
import { pgEngineUnderTest, sqliteEngineUnderTest, testStaff, type EngineUnderTest } from '../store-engine/testing/engines-under-test';
import { auditHeadOf, dispatcherFor } from '../store-engine/testing/handler-harness';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import { postRecord } from '../store-pg/testing/pg-fixtures';
import type * as ProgramReportPdf from '../pdf/program-report-pdf';
import { programHandlers } from './program-handlers';

/**
 * The compliance program's status and report handlers (`program.status`,
 * `program.report`, `program.reportPdf`), ported onto the store engine, run
 * on BOTH engines: an encrypted SQLite file and a real PostgreSQL (a
 * throwaway cluster). What they read (the policy and its acknowledgments,
 * training and quizzes, review schedules and reviews, post review threads,
 * checked replies, incidents, live posts) is written through the engine's
 * records. Every answer, refusal and committed audit event goes into a
 * transcript with the audit chain's head after each call; the last test
 * compares the engines' transcripts byte for byte. The PDF is real (pdf-lib,
 * signed with the same certificate on both engines; the clock and a font
 * subset's six random letters fixed, as in policy-handlers.engines.test.ts)
 * and is drawn with no transaction open.
 */

/** How many engine transactions are open when the report's PDF is drawn (the PDF module wrapped, the rest of it real). */
const drawing = vi.hoisted(() => ({ open: 0, openAtDraw: [] as number[] }));
vi.mock('../pdf/program-report-pdf', async (importOriginal) => {
  const real = await importOriginal<typeof ProgramReportPdf>();
  return {
    ...real,
    programReportPdf: (...args: Parameters<typeof real.programReportPdf>) => {
      drawing.openAtDraw.push(drawing.open);
      return real.programReportPdf(...args);
    },
  };
});

type Entry = [string, unknown];
const transcripts = new Map<string, Entry[]>();

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const today = '2026-12-15';
const timeZone = 'America/Chicago';
/** 15:00 UTC on a day of 2026 (09:00 in Chicago, that day there). */
const on = (day: string, minute = 0) => new Date(`${day}T15:${String(minute).padStart(2, '0')}:00.000Z`).toISOString();
const staffAt = '2026-09-01T15:00:00.000Z';

const settings: Settings = {
  practiceName: 'Riverside Physical Therapy',
  idleMinutes: 5,
  patientModeIdleMinutes: 20,
  timeZone,
  ageOfMajority: 18,
  practiceAddress: '12 River Road, Springfield',
  practiceEmail: 'privacy@riverside.example',
  practicePhone: '(555) 010-0100',
  practiceWebsite: '',
};

const officer = { id: 'staff-admin', username: 'staff-admin' };
const ofelia: Patient = { id: uuid(700), firstName: 'Ofelia', lastName: 'Marchetti', dateOfBirth: '1969-03-11', recordNumber: null, phone: null, email: null, city: null, createdAt: staffAt, updatedAt: staffAt };
const check = (safe: boolean): ReplyCheck => ({
  safe,
  concerns: safe ? [] : [{ kind: 'family', start: 7, end: 13, text: 'Ofelia', message: 'A name' }],
  language: 'en',
  suggestion: 'Thank you!',
  suggestions: { en: 'Thank you!', es: '¡Gracias!' },
});
const sha256 = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The engine as the handlers see it: it keeps every audit event a committed
 * write appended (a write that fails keeps none of its own), lists the
 * transactions asked for, counts those open (for the PDF's drawing), and
 * can make the append of one action fail after the call wrote it.
 */
function recordingEngine(engine: StoreEngine<unknown>) {
  const committed: AuditEvent[] = [];
  const transactions: string[] = [];
  let pending: AuditEvent[] = [];
  const failing = new Set<string>();
  const open = async <T,>(work: () => Promise<T>) => {
    drawing.open += 1;
    try {
      return await work();
    } finally {
      drawing.open -= 1;
    }
  };
  const wrapped: StoreEngine<unknown> = {
    kind: engine.kind,
    records: {
      ...engine.records,
      audit: {
        ...engine.records.audit,
        async appendAudit(tx, entry) {
          const event = await engine.records.audit.appendAudit(tx, entry);
          if (failing.has(entry.action)) throw new AppError('internal', `Injected failure at ${entry.action}, after it was appended.`);
          pending.push(event);
          return event;
        },
      },
    },
    read: (fn, options) => {
      transactions.push(`read${options?.isolation ? ` (${options.isolation})` : ''}`);
      return open(() => engine.read(fn, options));
    },
    async write(fn, options) {
      transactions.push(`write${options?.isolation ? ` (${options.isolation})` : ''}`);
      const result = await open(() =>
        engine.write(async (tx) => {
          pending = []; // a retried transaction (PostgreSQL) starts again
          return fn(tx);
        }, options),
      );
      committed.push(...pending);
      pending = [];
      return result;
    },
    close: () => engine.close(),
  };
  return { engine: wrapped, committed, transactions, failing };
}

function testCore(engine: StoreEngine<unknown>): ProgramCore {
  let minute = 0;
  return {
    engine,
    settings,
    timeZone,
    today: () => today,
    now: () => new Date(on(today, minute)),
    nowIso: () => on(today, minute++),
    newId: () => {
      throw new AppError('internal', 'The program status and report take no ids (the certificate is made already).');
    },
    auditActor: () => ({ actorId: officer.id, actorName: officer.username }),
    afterPatientChange: async () => {
      throw new AppError('internal', 'No patient changes in the program handlers.');
    },
    afterConsentChange: async () => {
      throw new AppError('internal', 'No consent changes in the program handlers.');
    },
  };
}

let certificate: Promise<CertificateBundle> | null = null;

// The PDF's only other sources of change: the clock (pdf-lib's dates) and the six letters of a font subset's tag (pdf-layout.ts).
const realRandomBytes = crypto.randomBytes;
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(on(today, 30)));
  vi.spyOn(crypto, 'randomBytes').mockImplementation(((size: number, callback?: unknown) =>
    size === 6 && callback === undefined ? Buffer.from('report') : (realRandomBytes as (...a: unknown[]) => Buffer)(size, callback)) as typeof crypto.randomBytes);
});
afterAll(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe.each(conformanceEngines)('the program status and report handlers on $name', ({ name, skip }) => {
  const cluster = name === 'postgres' && !skip ? useThrowawayCluster() : null;
  let under: EngineUnderTest;
  let recording: ReturnType<typeof recordingEngine>;
  let core: ProgramCore;
  const log: Entry[] = [];
  const note = (label: string, value: unknown) => log.push([label, JSON.parse(JSON.stringify(value ?? '(nothing)'))]);
  const head = () => auditHeadOf(under.engine, { at: on(today, 59), action: 'program.status_viewed' });
  const call = dispatcherFor(programHandlers, () => core);
  /** The PDF is noted by its name, type, hash and size (its bytes are compared through the hash). */
  const noted = (value: unknown) => (value && typeof value === 'object' && 'base64' in value ? { ...(value as Record<string, unknown>), base64: `${(value as { base64: string }).base64.length} characters` } : value);
  async function outcome(label: string, work: Promise<unknown>): Promise<HandlerOutcome> {
    const result = await handlerOutcome(work);
    note(label, 'ok' in result ? { ok: noted(result.ok) } : result);
    note(`${label}: audit head`, await head());
    return result;
  }

  beforeAll(async () => {
    if (skip) return;
    certificate ??= generatePracticeCertificate(settings.practiceName, new Date('2026-09-01T00:00:00.000Z'));
    const bundle = await certificate;
    under = name === 'sqlite' ? sqliteEngineUnderTest({ staff: false }) : await pgEngineUnderTest(cluster!());
    const r = under.engine.records;
    await under.engine.write(async (tx) => {
      for (const s of testStaff) await r.staff.insertStaff(tx, { id: s.id, username: s.id, displayName: s.displayName, role: s.id === 'staff-admin' ? 'admin' : s.id === 'staff-marketing' ? 'marketing' : 'frontdesk', status: 'active', createdAt: staffAt, updatedAt: staffAt });
    });
    const { program, programIncidents, programReviews, practice } = r;
    await under.engine.write(async (tx) => {
      await practice.certificates.activateCertificate(tx, uuid(900), bundle, on('2026-09-01'));
      await r.settings.writeSetting(tx, trainingCycleKey, 6);
      // Version 1 since September, version 2 since December; marketing acknowledged version 1, the officer version 2.
      await program.policy.insertPolicyVersion(tx, { id: uuid(801), text: builtInPolicy, at: on('2026-09-15'), by: 'staff-admin', practiceName: settings.practiceName });
      const v2 = structuredClone(builtInPolicy);
      v2.en.intro += ' Updated after our yearly review.';
      await program.policy.insertPolicyVersion(tx, { id: uuid(802), text: v2, at: on('2026-12-02'), by: 'staff-admin', practiceName: settings.practiceName });
      await program.policy.insertAcknowledgment(tx, { id: uuid(811), staffId: 'staff-marketing', versionId: uuid(801), acknowledgedAt: on('2026-11-05'), acknowledgedOn: '2026-11-05', language: 'es', textSha256: sha256(policyTextIn(builtInPolicy, 'es', settings.practiceName)), workstation: 'front-desk-1' });
      await program.policy.insertAcknowledgment(tx, { id: uuid(812), staffId: 'staff-admin', versionId: uuid(802), acknowledgedAt: on('2026-12-03'), acknowledgedOn: '2026-12-03', language: 'en', textSha256: sha256(policyTextIn(v2, 'en', settings.practiceName)), workstation: 'front-desk-1' });
      // Training in November (one session voided), quizzes in and out of it.
      await programReviews.training.insertTrainingSession(tx, { id: uuid(821), heldOn: '2026-11-20', topic: 'Consent basics', trainer: 'Pat', notes: '', attendeeIds: ['staff-marketing', 'staff-admin'], at: on('2026-11-20'), by: 'staff-admin' });
      await programReviews.training.insertTrainingSession(tx, { id: uuid(822), heldOn: '2026-11-21', topic: 'Recorded twice', trainer: 'Pat', notes: '', attendeeIds: ['staff-frontdesk'], at: on('2026-11-21'), by: 'staff-admin' });
      await programReviews.training.voidTrainingSession(tx, uuid(822), { at: on('2026-11-22'), by: 'staff-admin', reason: 'Recorded twice.' });
      await programReviews.training.insertQuizResult(tx, { id: uuid(823), staffId: 'staff-marketing', at: on('2026-11-21', 5), language: 'en', correct: 7, total: 8, passed: true, answers: { a: 1 } });
      await programReviews.training.insertQuizResult(tx, { id: uuid(824), staffId: 'staff-frontdesk', at: on('2026-12-04'), language: 'es', correct: 3, total: 8, passed: false, answers: { a: 0 } });
      // Instagram reviewed monthly (October done late, with a removed comment); Facebook weekly, never reviewed; TikTok has live posts and no schedule.
      await programIncidents.reviewSchedules.upsertSchedule(tx, { id: uuid(831), channel: 'instagram', frequency: 'monthly', assigneeId: 'staff-marketing', startsOn: '2026-10-01', active: true, endedOn: null, at: on('2026-10-01') });
      await programIncidents.reviewSchedules.upsertSchedule(tx, { id: uuid(832), channel: 'facebook', frequency: 'weekly', assigneeId: 'staff-admin', startsOn: '2026-11-30', active: true, endedOn: null, at: on('2026-11-30') });
      await programReviews.channelReviews.insertChannelReview(tx, {
        id: uuid(833), scheduleId: uuid(831), channel: 'instagram', periodStart: '2026-10-01', periodEnd: '2026-10-31', at: on('2026-11-03'), on: '2026-11-03', by: 'staff-marketing', notes: 'Checked.', confirmations: [],
        removedComments: [{ id: uuid(834), postId: null, removedOn: '2026-11-02', note: 'A relative named her surgery.' }],
      });
      // Live posts, a review thread on one of them, checked replies.
      await r.patients.insertPatient(tx, ofelia);
      await r.testimonials.insertTestimonial(tx, { id: uuid(701), patientId: ofelia.id, title: 'Back on the bike', quote: 'I ride again.', createdAt: staffAt, createdBy: 'staff-marketing' });
      for (const [i, channel] of ['facebook', 'tiktok'].entries()) {
        const id = uuid(841 + i);
        await r.posts.insertPost(tx, { ...postRecord({ id, testimonialId: uuid(701), patientId: ofelia.id, consentId: null, caption: `On ${channel}`, at: on('2026-11-01', i) }), channel }, 'staff-marketing');
        await r.posts.setPostState(tx, id, 'published', on('2026-11-02', i), { publishedAt: '2026-11-02', publishedUrl: `https://${channel}.example/${id}` });
      }
      for (const [i, [kind, day]] of ([['request', '2026-11-01'], ['comment', '2026-11-01'], ['approve', '2026-11-02'], ['request', '2026-12-10'], ['decline', '2026-12-11']] as const).entries()) {
        await programIncidents.postReviews.insertReviewMessage(tx, { id: uuid(851 + i), postId: uuid(841), at: on(day, i), by: i % 2 ? 'staff-admin' : 'staff-marketing', kind, body: `A ${kind}`, contentSha256: 'c'.repeat(64) });
      }
      await programIncidents.replyChecks.recordReplyCheck(tx, { id: uuid(861), at: on('2026-11-10'), by: 'staff-marketing', reply: 'Thanks Ofelia!', check: check(false) });
      await programIncidents.replyChecks.recordReplyCheck(tx, { id: uuid(862), at: on('2026-11-11'), by: 'staff-marketing', reply: 'Thank you!', check: check(true) });
      // An incident open past its 60 days, and one closed in November.
      await programIncidents.incidents.insertIncident(tx, { id: uuid(871), trigger: 'other', at: on('2026-10-01'), by: 'staff-admin', discoveredOn: '2026-10-01', discoveryNote: 'A photo', summary: 'A photo showed a chart', postId: null, patientId: null });
      await programIncidents.incidents.insertIncident(tx, { id: uuid(872), trigger: 'other', at: on('2026-11-12'), by: 'staff-admin', discoveredOn: '2026-11-12', discoveryNote: 'A caption', summary: 'A caption named a treatment', postId: null, patientId: null });
      await programIncidents.incidents.saveDecision(tx, uuid(872), { decision: 'not_required', rationale: 'Seen by nobody.', affectedCount: 1, largestStateCount: 1, at: on('2026-11-13'), by: 'staff-admin' });
      await programIncidents.incidents.saveClosed(tx, uuid(872), { outcome: 'Removed within the hour.', at: on('2026-11-14'), by: 'staff-admin' });
    });
    recording = recordingEngine(under.engine);
    core = testCore(recording.engine);
  }, 180_000);
  afterAll(async () => {
    await under?.close();
    if (!skip) transcripts.set(name, log);
  });

  it.skipIf(skip)(`answers where the program stands today, audited, in one read and one write${name === 'postgres' ? pgSkipReason : ''}`, async () => {
    const before = recording.transactions.length;
    const status = (await outcome('status', call('program.status', {}))) as { ok: ProgramStatus };
    expect(status.ok).toMatchObject({ asOf: today, policy: { version: 2, publishedOn: '2026-12-02' }, trainingCycleMonths: 6, unscheduledChannels: ['tiktok'], overdue: true });
    expect(status.ok.staff.map((s) => [s.staffId, s.acknowledgment.state])).toEqual(expect.arrayContaining([['staff-admin', 'current'], ['staff-marketing', 'missing']]));
    expect(status.ok.reviews.map((s) => [s.channel, s.missed.length])).toEqual([['facebook', 2], ['instagram', 1]]);
    expect(status.ok.incidents.map((i) => i.id)).toEqual([uuid(871)]);
    expect(recording.transactions.slice(before)).toEqual(['read (repeatable read)', 'write']);
    expect(recording.committed.at(-1)).toMatchObject({ action: 'program.status_viewed', actorName: officer.username, detail: `${status.ok.problems.length} overdue item(s)` });
  });

  it.skipIf(skip)('reports the program over a period, audited, and refuses a range that ends before it starts', async () => {
    const before = recording.transactions.length;
    const november = (await outcome('report, November', call('program.report', { from: '2026-11-01', to: '2026-11-30' }))) as { ok: ComplianceProgramReport };
    expect(november.ok).toMatchObject({
      asOf: '2026-11-30',
      generatedOn: today,
      policyVersions: [{ version: 1, publishedByName: 'Pat Privacy', supersededOn: '2026-12-02' }],
      acknowledgments: [{ username: 'staff-marketing', version: 1, acknowledgedOn: '2026-11-05', language: 'es' }],
      trainingCycleMonths: 6,
      trainingSessions: [{ id: uuid(822), voided: true }, { id: uuid(821), attendees: 2, voided: false }],
      quizResults: [{ displayName: 'Morgan Marketing', takenOn: '2026-11-21', correct: 7, passed: true }],
      replyChecks: { checked: 2, flagged: 1 },
      postReviews: { requested: 1, approved: 1, declined: 0 },
      totals: { reviewsLate: 0, incidentsOpened: 1, incidentsClosed: 1, incidentsOpen: 1 },
    });
    // The channel reviews counted are those of periods in the range: October's is not November's.
    expect(november.ok.reviews.find((s) => s.channel === 'instagram')).toMatchObject({ removedComments: 0 });
    expect(november.ok.incidents.map((i) => [i.id, i.state, i.closedOn])).toEqual([[uuid(872), 'closed', '2026-11-14'], [uuid(871), 'open', null]]);
    const quarter = (await outcome('report, the quarter', call('program.report', { from: '2026-10-01', to: '2026-12-31' }))) as { ok: ComplianceProgramReport };
    // October's Instagram review was done in November: late; the report stands as of today.
    expect(quarter.ok).toMatchObject({ asOf: today, policyVersions: [{ version: 1 }, { version: 2 }], totals: { reviewsLate: 1, incidentsOpened: 2 }, postReviews: { requested: 2, approved: 1, declined: 1 } });
    expect(quarter.ok.reviews.find((s) => s.channel === 'instagram')).toMatchObject({ removedComments: 1 });
    await outcome('report, before anything', call('program.report', { from: '2026-08-01', to: '2026-08-31' }));
    const backwards = await outcome('report, backwards', call('program.report', { from: '2026-11-30', to: '2026-11-01' }));
    expect(backwards).toMatchObject({ error: { code: 'validation' } });
    if (name === 'sqlite') {
      // On the file, the engine's report is the one the program export draws from the open file, to the byte.
      const file = complianceProgramReport((under as EngineUnderTest & { db: Db }).db, { from: '2026-11-01', to: '2026-11-30' }, { today, timeZone });
      expect(JSON.stringify(november.ok)).toBe(JSON.stringify(file));
    }
    expect(recording.transactions.slice(before)).toEqual(Array.from({ length: 3 }, () => ['read (repeatable read)', 'write']).flat());
    expect(recording.committed.slice(-3).map((e) => e.detail)).toEqual(['2026-11-01 to 2026-11-30', '2026-10-01 to 2026-12-31', '2026-08-01 to 2026-08-31']);
  });

  it.skipIf(skip)('gives the report as a signed PDF, drawn with no transaction open, the same bytes on both engines', async () => {
    const before = recording.transactions.length;
    drawing.openAtDraw.length = 0;
    const pdf = (await outcome('report PDF, November', call('program.reportPdf', { from: '2026-11-01', to: '2026-11-30' }))) as { ok: { fileName: string; base64: string; sha256: string } };
    expect(pdf.ok).toMatchObject({ fileName: 'compliance-program-2026-11-01-to-2026-11-30.pdf', mimeType: 'application/pdf', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const bytes = Buffer.from(pdf.ok.base64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(pdf.ok.sha256);
    expect(drawing.openAtDraw).toEqual([0]);
    // The report, the certificate (in a read of its own), then the export's audit event.
    expect(recording.transactions.slice(before)).toEqual(['read (repeatable read)', 'read', 'write']);
    expect(recording.committed.at(-1)).toMatchObject({ action: 'report.pdf_exported', detail: `compliance program 2026-11-01 to 2026-11-30; SHA-256 ${pdf.ok.sha256}` });
  });

  it.skipIf(skip)('answers an error, not what was read, when the audit fails after its append: no event stays', async () => {
    const headBefore = await head();
    const eventsBefore = recording.committed.length;
    const fail = async (action: string, label: string, work: () => Promise<unknown>) => {
      recording.failing.add(action);
      try {
        expect(await outcome(label, work())).toEqual({ error: { code: 'internal', message: `Injected failure at ${action}, after it was appended.` } });
      } finally {
        recording.failing.delete(action);
      }
    };
    await fail('program.status_viewed', 'status failing after its audit', () => call('program.status', {}));
    await fail('program.report_viewed', 'report failing after its audit', () => call('program.report', { from: '2026-11-01', to: '2026-11-30' }));
    await fail('report.pdf_exported', 'report PDF failing after its audit', () => call('program.reportPdf', { from: '2026-11-01', to: '2026-11-30' }));
    expect(recording.committed.length).toBe(eventsBefore);
    expect(await head()).toEqual(headBefore);
  });

  it.skipIf(skip)('kept one audit event per call answered, in one chain, naming the officer', async () => {
    const events = recording.committed.map(chainFieldsOf);
    note('every audit event', events);
    expect(events.map((e) => e.seq)).toEqual(events.map((_e, i) => events[0]!.seq + i));
    expect(events.map((e) => [e.action, e.actorName])).toEqual([
      ['program.status_viewed', officer.username],
      ['program.report_viewed', officer.username],
      ['program.report_viewed', officer.username],
      ['program.report_viewed', officer.username],
      ['report.pdf_exported', officer.username],
    ]);
    const { seq, prevHash } = await head();
    expect({ seq, prevHash }).toEqual({ seq: events.at(-1)!.seq + 1, prevHash: events.at(-1)!.hash });
  });

  it.skipIf(skip || name === 'sqlite')('reads the status in one snapshot: a version another workstation publishes meanwhile is in neither the policy nor the acknowledgments', async () => {
    // The other workstation: its own engine and pool on the same database. It publishes version 3 once the policy in force was read, before the staff's statuses are.
    const pgUnder = under as EngineUnderTest & { appUrl: string; cipher: ConstructorParameters<typeof PgStoreEngine>[1] };
    const other = new PgStoreEngine(new pg.Pool({ connectionString: pgUnder.appUrl, max: 2 }), pgUnder.cipher);
    const schedules = under.engine.records.programIncidents.reviewSchedules;
    const meanwhile: StoreEngine<unknown> = {
      ...recording.engine,
      records: {
        ...recording.engine.records,
        programIncidents: {
          ...recording.engine.records.programIncidents,
          reviewSchedules: {
            ...schedules,
            async listSchedules(tx) {
              await other.write((otx) => other.records.program.policy.insertPolicyVersion(otx, { id: uuid(803), text: builtInPolicy, at: on(today, 40), by: 'staff-admin', practiceName: settings.practiceName }));
              return schedules.listSchedules(tx);
            },
          },
        },
      },
    };
    try {
      const status = await programHandlers['program.status']({ ...core, engine: meanwhile }, {});
      expect(status.policy.version).toBe(2);
      // The officer acknowledged version 2: current in this snapshot, not "missing version 3".
      expect(status.staff.find((s) => s.staffId === 'staff-admin')?.acknowledgment).toMatchObject({ state: 'current', version: 2 });
      const afterwards = await call('program.status', {});
      expect(afterwards.policy.version).toBe(3);
      expect(afterwards.staff.find((s) => s.staffId === 'staff-admin')?.acknowledgment).toMatchObject({ state: 'missing', version: 3 });
    } finally {
      await other.close();
    }
  });
});

describe.skipIf(!pgAvailable)(`both engines${pgSkipReason}`, () => {
  it('gave the same answers, refusals, PDFs and audit events to the same calls', () => {
    const sqlite = transcripts.get('sqlite');
    const postgres = transcripts.get('postgres');
    expect(sqlite?.length).toBeGreaterThan(15);
    // Entry by entry first, so a difference names its step; then the whole, byte for byte.
    for (const [i, entry] of (sqlite ?? []).entries()) expect(postgres?.[i]).toEqual(entry);
    expect(JSON.stringify(postgres)).toBe(JSON.stringify(sqlite));
  });
});
