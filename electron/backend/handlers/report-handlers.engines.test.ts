import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CallOutput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Settings } from '../../../shared/settings';
import { generatePracticeCertificate, type CertificateBundle } from '../crypto/practice-certificate';
import type { ReportCore } from '../engine-core';
import type { CheckContext } from '../posts/post-checks';
import type * as TimeLimitedPdf from '../rendering/time-limited-pdf';
import { pgEngineUnderTest, sqliteEngineUnderTest, testStaff, type EngineUnderTest } from '../store-engine/testing/engines-under-test';
import { conformanceEngines, handlerOutcome, normalise, type HandlerOutcome } from '../store-engine/testing/conformance-transcript';
import { auditHeadOf, dispatcherFor, failingAfterWork, type WriteFailureSwitch } from '../store-engine/testing/handler-harness';
import { createPgStaffRepository } from '../store-pg/pg-staff-repository';
import { patientRecord, postRecord, signatureOf, terms } from '../store-pg/testing/pg-fixtures';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import { pdfFlatText, pdfSignatureReport } from '../testing/pdf-tools';
import { reportHandlers } from './report-handlers';

/**
 * The compliance reports' handlers (the four reports and their signed PDFs),
 * ported onto the store engine, run on BOTH engines: an encrypted SQLite
 * file and a real PostgreSQL (a throwaway cluster), over the same records
 * written through each engine's repositories: patients (one whose name needs
 * more than ASCII), consents final, revoked and expiring, posts published,
 * taken down, waiting for their take-down, never published, and audit events
 * by several actors. Every answer, refusal and audit event (with its hash)
 * goes into a transcript with the chain's head after each call; the last
 * test compares the two engines' transcripts byte for byte.
 *
 * The PDFs are drawn in this process (not the worker thread) with the clock
 * and a font subset's six random letters fixed, and signed with the same
 * certificate on both engines, so their bytes, and the SHA-256 the audit
 * event records, can be equal.
 */

vi.mock('../rendering/time-limited-pdf', async (importOriginal) => {
  const original = await importOriginal<typeof TimeLimitedPdf>();
  const report = await import('../reports/report-pdf');
  return { ...original, renderReportPdf: report.reportPdf };
});

type Entry = [string, unknown];
const transcripts = new Map<string, Entry[]>();

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const today = '2026-12-15';
const timeZone = 'America/Chicago';
const at = (day: number, minute = 0) => new Date(Date.UTC(2026, 11, day, 15, minute)).toISOString();
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

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
const ctx: CheckContext = { today, timeZone, ageOfMajority: 18, practice: { name: settings.practiceName, contact: { address: settings.practiceAddress, email: settings.practiceEmail, phone: settings.practicePhone, website: '' } } };

const ofelia = uuid(1);
const anh = uuid(2);
const bruno = uuid(3);
const kept = 'auth-kept';
const revoked = 'auth-revoked';
const later = 'auth-later';

interface TestCore extends ReportCore, WriteFailureSwitch {}

function testCore(under: EngineUnderTest): TestCore {
  let minute = 0;
  let ids = 0;
  const core: TestCore = {
    engine: failingAfterWork(under.engine, () => core),
    failNextWriteAfterWork: false,
    writes: 0,
    settings,
    timeZone,
    today: () => today,
    now: () => new Date(Date.UTC(2026, 11, 15, 16, minute)),
    nowIso: () => new Date(Date.UTC(2026, 11, 15, 16, minute++)).toISOString(),
    newId: () => uuid(900 + ++ids),
    checkContext: () => ctx,
    auditActor: () => ({ actorId: 'staff-admin', actorName: 'pat' }),
    async afterPatientChange() {
      throw new AppError('internal', 'No patient changes in the reports.');
    },
    async afterConsentChange() {
      throw new AppError('internal', 'No consent changes in the reports.');
    },
  };
  return core;
}

let certificate: Promise<CertificateBundle> | null = null;

// The PDFs' only other sources of change: the clock (pdf-lib's dates) and the six letters of a font subset's tag (pdf-layout.ts).
const realRandomBytes = crypto.randomBytes;
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-15T17:00:00.000Z'));
  vi.spyOn(crypto, 'randomBytes').mockImplementation(((size: number, callback?: unknown) =>
    size === 6 && callback === undefined ? Buffer.from('report') : (realRandomBytes as (...a: unknown[]) => Buffer)(size, callback)) as typeof crypto.randomBytes);
});
afterAll(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe.each(conformanceEngines)('the reports handlers on $name', ({ name, skip }) => {
  const cluster = name === 'postgres' && !skip ? useThrowawayCluster() : null;
  let under: EngineUnderTest;
  let core: TestCore;
  const log: Entry[] = [];
  const note = (label: string, value: unknown) => log.push([label, normalise(value ?? '(nothing)')]);
  const call = dispatcherFor(reportHandlers, () => core);

  beforeAll(async () => {
    if (skip) return;
    certificate ??= generatePracticeCertificate(settings.practiceName, new Date('2026-11-01T00:00:00.000Z'));
    const bundle = await certificate;
    if (name === 'sqlite') {
      under = sqliteEngineUnderTest();
    } else {
      const pg = await pgEngineUnderTest(cluster!());
      under = pg;
      const staff = createPgStaffRepository(pg.cipher);
      await pg.engine.write(async (tx) => {
        for (const s of testStaff) await staff.insertStaff(tx, { id: s.id, username: s.id, displayName: s.displayName, role: 'admin', status: 'active', createdAt: at(1), updatedAt: at(1) });
      });
    }
    core = testCore(under);
    const r = under.engine.records;
    const pdf = (of: string) => Buffer.from(`%PDF-1.7 ${of}`);
    await under.engine.write(async (tx) => {
      await r.practice.certificates.activateCertificate(tx, uuid(800), bundle, at(1));
      await r.patients.insertPatient(tx, { ...patientRecord({ firstName: 'Ofelia', lastName: 'Marchetti', dateOfBirth: '1969-03-11' }, at(1)), id: ofelia });
      await r.patients.insertPatient(tx, { ...patientRecord({ firstName: 'Thị Ánh', lastName: 'Nguyễn', dateOfBirth: '1979-02-11' }, at(1, 1)), id: anh });
      await r.patients.insertPatient(tx, { ...patientRecord({ firstName: 'Bruno', lastName: 'Okafor', dateOfBirth: '1990-07-30' }, at(1, 2)), id: bruno });
      // Final consents: Ofelia's ends within 30 days, Bruno's within 61 to 90, Anh's is revoked on 2 December.
      const consents: [string, string, string, string][] = [
        [kept, ofelia, '2027-01-10', 'Ofelia Marchetti'],
        [revoked, anh, '2027-06-30', 'Thị Ánh Nguyễn'],
        [later, bruno, '2027-03-01', 'Bruno Okafor'],
      ];
      for (const [i, [id, patientId, ends, signer]] of consents.entries()) {
        await r.consents.insertDraft(tx, { id, patientId, templateId: 'template-1', terms: terms({ kind: 'date', date: ends }), createdAt: at(1, 10 + i), createdBy: 'staff-frontdesk' });
        await r.consents.recordPatientSignature(tx, id, signatureOf(signer, 'The authorization text', at(1, 20 + i)));
        await r.consents.finalizeAuthorization(tx, id, { witnessId: 'staff-admin', witnessedAt: at(1, 30 + i), contentSha256: 'c'.repeat(64), pdf: pdf(signer), pdfSha256: sha256(pdf(signer)) });
      }
      const letter = pdf('revocation acknowledgment');
      await r.consents.recordRevocation(tx, revoked, { revokedAt: at(2, 5), receivedOn: '2026-12-02', method: 'mail', note: 'By letter', scan: null, scanType: null, scanSha256: null, revokedBy: 'staff-frontdesk', pdf: letter, pdfSha256: sha256(letter) });
      for (const [id, patientId] of [['testimonial-1', ofelia], ['testimonial-2', anh], ['testimonial-3', bruno]] as const) {
        await r.testimonials.insertTestimonial(tx, { id, patientId, title: 'Back on the stairs', quote: 'I can climb stairs again.', createdAt: at(1, 40), createdBy: 'staff-marketing' });
      }
      // Posts: covered and up; published on the day the revocation was received, then taken down; published before it and waiting for its take-down; up with no consent; a draft.
      const posts: [string, string, string, string | null, string | null, 'published' | 'taken_down' | 'takedown_required' | 'draft'][] = [
        ['post-a', 'testimonial-1', ofelia, kept, '2026-12-01', 'published'],
        ['post-b', 'testimonial-2', anh, revoked, '2026-12-02', 'taken_down'],
        ['post-c', 'testimonial-2', anh, revoked, '2026-11-20', 'takedown_required'],
        ['post-d', 'testimonial-3', bruno, null, '2026-12-03', 'published'],
        ['post-e', 'testimonial-3', bruno, later, null, 'draft'],
      ];
      for (const [i, [id, testimonialId, patientId, consentId, publishedOn, state]] of posts.entries()) {
        await r.posts.insertPost(tx, postRecord({ id, testimonialId, patientId, consentId, caption: `Caption ${id}`, at: at(1, 50 + i) }), 'staff-marketing');
        if (publishedOn) await r.posts.setPostState(tx, id, 'published', at(3, i), { publishedAt: publishedOn, publishedUrl: `https://facebook.example/${id}` });
        if (state === 'takedown_required' || state === 'taken_down') await r.posts.setPostState(tx, id, 'takedown_required', at(2, 6), { takedownRequiredAt: at(2, 6), takedownReason: 'The consent was revoked.' });
        if (state === 'taken_down') await r.posts.setPostState(tx, id, 'taken_down', at(4, 0), { takenDownAt: at(4, 0), takenDownBy: 'staff-marketing' });
      }
      // What the staff did (the activity report counts these and the calls below).
      const events: [string | null, string, 'consent.revoked' | 'consent.witnessed' | 'post.takedown_required' | 'session.sign_in_failed', number][] = [
        ['staff-frontdesk', 'staff-frontdesk', 'consent.witnessed', 1],
        ['staff-frontdesk', 'staff-frontdesk', 'consent.witnessed', 1],
        ['staff-frontdesk', 'staff-frontdesk', 'consent.revoked', 2],
        [null, 'system', 'post.takedown_required', 2],
        [null, 'robin', 'session.sign_in_failed', 3],
        ['staff-marketing', 'staff-marketing', 'consent.witnessed', 30],
      ];
      for (const [i, [actorId, actorName, action, day]] of events.entries()) {
        await r.audit.appendAudit(tx, { at: day === 30 ? '2026-11-30T15:00:00.000Z' : at(day, 40 + i), actorId, actorName, action, subjectType: null, subjectId: null, detail: '' });
      }
    });
  }, 180_000);
  afterAll(async () => {
    await under?.close();
    if (!skip) transcripts.set(name, log);
  });

  const head = () => auditHeadOf(under.engine, { at: at(15, 59), action: 'report.viewed' });
  async function outcome(label: string, work: Promise<unknown>): Promise<HandlerOutcome> {
    const result = await handlerOutcome(work);
    note(label, result);
    note(`${label}: audit head`, await head());
    return result;
  }
  const okOf = <T,>(o: HandlerOutcome) => (o as { ok: T }).ok;
  /** Each actor's count of each action today: the events of the calls below (they name no subject; the chain's head after each call covers their content and hashes). */
  const todaysActivity = () => under.engine.read((tx) => under.engine.records.audit.activityBetween(tx, at(15), at(16)));

  it.skipIf(skip)(`answers the four reports over the same records${name === 'postgres' ? pgSkipReason : ''}`, async () => {
    const uncovered = okOf<CallOutput<'reports.uncoveredPosts'>>(await outcome('uncovered posts', call('reports.uncoveredPosts', {})));
    expect(uncovered).toMatchObject({ postsChecked: 4, consentPurged: 0 });
    // Post c went out before its consent was signed (1 December); b on the day the revocation was received; d with no consent.
    expect(uncovered.publishedWithoutCoverage.map((p) => p.postId)).toEqual(['post-c', 'post-b', 'post-d']);
    expect(uncovered.publishedWithoutCoverage[1]).toMatchObject({ revocationReceivedOn: '2026-12-02', patientName: 'Thị Ánh Nguyễn' });
    expect(uncovered.liveWithoutCoverage.map((p) => p.postId)).toEqual(['post-c', 'post-d']);

    const expiring = okOf<CallOutput<'reports.expiringConsents'>>(await outcome('expiring consents', call('reports.expiringConsents', {})));
    expect(expiring.within30.map((r) => [r.consentId, r.daysLeft, r.posts.map((p) => p.id)])).toEqual([[kept, 26, ['post-a']]]);
    expect(expiring.within90.map((r) => [r.consentId, r.posts.map((p) => p.id)])).toEqual([[later, ['post-e']]]);

    const december = okOf<CallOutput<'reports.revocations'>>(await outcome('revocations in December', call('reports.revocations', { from: '2026-12-01', to: '2026-12-31' })));
    expect(december.totals).toEqual({ revocations: 1, postsAffected: 2, takenDown: 1, outstanding: 1 });
    expect(december.rows[0]).toMatchObject({ consentId: revoked, patientName: 'Thị Ánh Nguyễn', method: 'mail' });
    const november = okOf<CallOutput<'reports.revocations'>>(await outcome('revocations in November', call('reports.revocations', { from: '2026-11-01', to: '2026-11-30' })));
    expect(november.rows).toEqual([]);

    const activity = okOf<CallOutput<'reports.staffActivity'>>(await outcome('staff activity in December', call('reports.staffActivity', { from: '2026-12-01', to: '2026-12-31' })));
    const robin = activity.staff.find((s) => s.actorId === 'staff-frontdesk')!;
    expect(robin).toMatchObject({ displayName: 'Robin Reception', total: 3 });
    expect(activity.staff.find((s) => s.actorName === 'system')?.actions.map((a) => a.action)).toContain('post.takedown_required');
    // The four reports viewed before it are counted too: the events of the calls are the chain's.
    expect(activity.staff.find((s) => s.actorId === 'staff-admin')?.actions).toEqual([expect.objectContaining({ action: 'report.viewed', count: 4 })]);
    expect(activity.staff.some((s) => s.actorId === 'staff-marketing')).toBe(false);
    await outcome('staff activity in November', call('reports.staffActivity', { from: '2026-11-01', to: '2026-11-30' }));
  });

  it.skipIf(skip)('renders each report as a signed PDF, names only when asked, the same bytes on both engines', async () => {
    for (const report of ['uncovered_posts', 'expiring_consents', 'revocations', 'staff_activity'] as const) {
      const file = okOf<CallOutput<'reports.pdf'>>(await outcome(`${report} as a PDF`, call('reports.pdf', { report, from: '2026-12-01', to: '2026-12-31' })));
      expect(file).toMatchObject({ fileName: expect.stringMatching(/^report-[a-z-]+-2026-12-15\.pdf$/), mimeType: 'application/pdf' });
      const bytes = Buffer.from(file.base64, 'base64');
      expect(sha256(bytes)).toBe(file.sha256);
      expect(pdfSignatureReport(bytes), report).toContain('Signature is Valid');
    }
    const anonymous = okOf<CallOutput<'reports.pdf'>>(await outcome('revocations without names', call('reports.pdf', { report: 'revocations', from: '2026-12-01', to: '2026-12-31' })));
    expect(pdfFlatText(Buffer.from(anonymous.base64, 'base64'))).not.toContain('Nguy');
    const named = okOf<CallOutput<'reports.pdf'>>(await outcome('revocations with names', call('reports.pdf', { report: 'revocations', from: '2026-12-01', to: '2026-12-31', includeNames: true })));
    expect(pdfFlatText(Buffer.from(named.base64, 'base64'))).toContain('Thị Ánh Nguyễn');
    const before = await head();
    const needsRange = await outcome('staff activity PDF without a range', call('reports.pdf', { report: 'staff_activity' }));
    expect(needsRange).toMatchObject({ error: { code: 'validation' } });
    expect(await head()).toEqual(before);
  });

  it.skipIf(skip)('keeps no event of a report whose write fails after its append, and answers nothing', async () => {
    for (const [label, work] of [
      ['uncovered posts failing after the append', () => call('reports.uncoveredPosts', {})],
      ['staff activity failing after the append', () => call('reports.staffActivity', { from: '2026-12-01', to: '2026-12-31' })],
      ['a PDF failing after the append', () => call('reports.pdf', { report: 'expiring_consents', includeNames: true })],
    ] as const) {
      const before = await head();
      const writes = core.writes;
      core.failNextWriteAfterWork = true;
      const failed = await outcome(label, work());
      expect(failed).toMatchObject({ error: { code: 'internal' } });
      // The write ran (its append included) and was rolled back: the chain's head is where it was.
      expect(core.writes).toBe(writes + 1);
      expect(await head()).toEqual(before);
    }
  });

  it.skipIf(skip)('wrote one event per report answered, naming the actor', async () => {
    const counts = await todaysActivity();
    note('events today', counts);
    expect(counts).toEqual([
      expect.objectContaining({ actorId: 'staff-admin', actorName: 'pat', action: 'report.pdf_exported', count: 6 }),
      expect.objectContaining({ actorId: 'staff-admin', actorName: 'pat', action: 'report.viewed', count: 6 }),
    ]);
  });
});

describe.skipIf(!pgAvailable)(`both engines${pgSkipReason}`, () => {
  it('gave the same answers, PDFs and audit events to the same calls', () => {
    const sqlite = transcripts.get('sqlite');
    const postgres = transcripts.get('postgres');
    expect(sqlite?.length).toBeGreaterThan(30);
    // Entry by entry first, so a difference names its step; then the whole, byte for byte.
    for (const [i, entry] of (sqlite ?? []).entries()) expect(postgres?.[i]).toEqual(entry);
    expect(JSON.stringify(postgres)).toBe(JSON.stringify(sqlite));
  });
});
