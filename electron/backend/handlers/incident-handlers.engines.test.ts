import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditAction } from '../../../shared/audit-actions';
import { dayOf } from '../../../shared/calendar';
import { contract, type CallOutput, type ParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Assessment, Incident } from '../../../shared/program/incident';
import type { Settings } from '../../../shared/settings';
import type { StaffMember } from '../../../shared/staff';
import { generatePracticeCertificate, type CertificateBundle } from '../crypto/practice-certificate';
import type { IncidentCore } from '../engine-core';
import { settleCoverage } from '../posts/kept-coverage';
import type { CheckContext } from '../posts/post-checks';
import { afterConsentChangeIn, afterPatientChangeIn, settleCoverageIn } from '../posts/post-checks-engine';
import { openIncidentForPostChangeIn } from '../program/incident-opening';
import type { Db } from '../store/database';
import { chainFieldsOf, conformanceEngines, handlerOutcome, normalise, type HandlerOutcome } from '../store-engine/testing/conformance-transcript';
import { pgEngineUnderTest, sqliteEngineUnderTest, testStaff, type EngineUnderTest } from '../store-engine/testing/engines-under-test';
import { dispatcherFor } from '../store-engine/testing/handler-harness';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import { patientRecord, signatureOf, terms } from '../store-pg/testing/pg-fixtures';
import { pdfFlatText } from '../testing/pdf-tools';
import { incidentHandlers } from './incident-handlers';
import { postHandlers, type PostsCore } from './post-handlers';

/**
 * The incidents handlers, ported onto the store engine, run on BOTH engines:
 * an encrypted SQLite file and a real PostgreSQL (a throwaway cluster). The
 * incident that a revocation calls for is opened by the posts' engine code
 * with `openIncidentForPostChangeIn` (what the app's backend runs), in the
 * revocation's transaction; the rest through the handlers. The report and
 * letter are real signed PDFs (pdf-lib, one certificate on both engines),
 * their clock and font subset tags fixed so their bytes can be equal. Every
 * answer, refusal and audit event goes into a transcript; the last test
 * compares the engines' transcripts byte for byte.
 */

type Entry = [string, unknown];
const transcripts = new Map<string, Entry[]>();

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const today = '2026-12-01';
const settings: Settings = {
  practiceName: 'Riverside Physical Therapy',
  idleMinutes: 5,
  patientModeIdleMinutes: 20,
  timeZone: 'America/New_York',
  ageOfMajority: 18,
  practiceAddress: '12 River Road, Springfield',
  practiceEmail: 'privacy@riverside.example',
  practicePhone: '(555) 010-0100',
  practiceWebsite: '',
};
const timeZone = settings.timeZone;
const ctx: CheckContext = { today, timeZone, ageOfMajority: 18, practice: { name: settings.practiceName, contact: { phone: '', email: '', website: '', address: '' } } };

const ofeliaId = uuid(101);
const consentId = uuid(201);
const testimonialId = uuid(301);
const nobody = uuid(999);

const officer: StaffMember = { id: 'staff-admin', username: 'pat', displayName: 'Pat Privacy', role: 'admin', status: 'active', createdAt: '2026-12-01T08:00:00.000Z', updatedAt: '2026-12-01T08:00:00.000Z' };

const completeAssessment: Assessment = {
  identifiers: ['patient_relationship', 'first_name', 'testimonial'],
  sensitivity: 'low',
  natureNotes: 'Her first name and her own words about physical therapy.',
  recipients: 'The public, on the practice’s Facebook page (about 1,400 followers).',
  viewed: 'yes',
  viewedEvidence: 'The post had 212 views and 9 reactions while it was up.',
  takedownNotes: 'Taken down the morning after the revocation was recorded.',
  removalRequests: [{ platform: 'Facebook', requestedOn: '2026-11-30', reference: 'FB-88121', outcome: 'Cached copies removed' }],
  otherMitigation: '',
  probability: 'not_low',
};

interface TestCore extends IncidentCore, PostsCore {
  requireSession(): StaffMember;
  /** Make the call fail once the audit event of this action is appended (a later step of its transaction failing after its writes). */
  failAfter: AuditAction | null;
  /** Run once before the next write begins (another workstation's change between a document's read and its write). */
  beforeNextWrite: (() => Promise<void>) | null;
  /** The clock's start: each nowIso() is a minute later. */
  clockFrom: number;
}

/** The engine as the handlers see it: its audit append able to fail after it wrote, its next write able to wait for another change. */
function engineUnderTestOf(under: EngineUnderTest, core: () => TestCore): EngineUnderTest['engine'] {
  const engine = under.engine;
  const audit = engine.records.audit;
  const records = {
    ...engine.records,
    audit: {
      ...audit,
      async appendAudit(tx: unknown, entry: Parameters<typeof audit.appendAudit>[1]) {
        const event = await audit.appendAudit(tx, entry);
        if (core().failAfter === entry.action) {
          core().failAfter = null;
          throw new AppError('internal', `Injected failure after ${entry.action} was written.`);
        }
        return event;
      },
    },
  };
  return {
    kind: engine.kind,
    records,
    read: (fn, options) => engine.read(fn, options),
    async write(fn, options) {
      const before = core().beforeNextWrite;
      core().beforeNextWrite = null;
      if (before) await before();
      return engine.write(fn, options);
    },
    close: () => engine.close(),
  };
}

function testCore(under: EngineUnderTest): TestCore {
  let ids = 0;
  let minute = 0;
  const core: TestCore = {
    engine: engineUnderTestOf(under, () => core),
    settings,
    timeZone,
    failAfter: null,
    beforeNextWrite: null,
    clockFrom: Date.UTC(2026, 11, 1, 14, 0),
    today: () => today,
    now: () => new Date(core.clockFrom + minute * 60_000),
    nowIso: () => new Date(core.clockFrom + minute++ * 60_000).toISOString(),
    newId: () => uuid(++ids),
    auditActor: () => ({ actorId: officer.id, actorName: officer.username }),
    checkContext: () => ctx,
    takeCheck: () => undefined,
    dayOfInstant: (iso) => dayOf(new Date(iso), timeZone),
    requireSession: () => officer,
    afterPatientChange: (tx, change) => afterPatientChangeIn(core, tx, change),
    afterConsentChange: async (tx, change) => {
      await afterConsentChangeIn(core, tx, change);
    },
    // What BackendCore runs: the incident opens on the engine's records, in the change's transaction.
    async openIncidentForPostChange(tx, change) {
      await openIncidentForPostChangeIn(core, tx, change);
    },
  };
  return core;
}

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
let certificate: Promise<CertificateBundle> | null = null;

// The PDFs' only other sources of change: the clock (pdf-lib's dates, the signing time) and the six letters of a font subset's tag (pdf-layout.ts).
const realRandomBytes = crypto.randomBytes;
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-01T15:00:00.000Z'));
  vi.spyOn(crypto, 'randomBytes').mockImplementation(((size: number, callback?: unknown) =>
    size === 6 && callback === undefined ? Buffer.from('incide') : (realRandomBytes as (...a: unknown[]) => Buffer)(size, callback)) as typeof crypto.randomBytes);
});
afterAll(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe.each(conformanceEngines)('the incidents handlers on $name', ({ name, skip }) => {
  const cluster = name === 'postgres' && !skip ? useThrowawayCluster() : null;
  let under: EngineUnderTest;
  let core: TestCore;
  /** How many incidents and documents the engine holds. */
  let countOf: (table: 'incidents' | 'incident_documents') => Promise<number>;
  const log: Entry[] = [];
  const note = (label: string, value: unknown) => log.push([label, normalise(value ?? '(nothing)')]);

  beforeAll(async () => {
    if (skip) return;
    certificate ??= generatePracticeCertificate(settings.practiceName, new Date('2026-11-01T00:00:00.000Z'));
    const bundle = await certificate;
    if (name === 'sqlite') {
      const sqlite = sqliteEngineUnderTest({ hooks: { beforeCommit: (db: Db) => void settleCoverage(db, ctx) } });
      under = sqlite;
      countOf = async (table) => sqlite.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    } else {
      let records: EngineUnderTest['engine']['records'] | null = null;
      const pg = await pgEngineUnderTest(cluster!(), { beforeCommit: async (tx) => void (await settleCoverageIn(records!, tx, ctx)) });
      records = pg.engine.records;
      under = pg;
      // Incidents and documents name their staff, joined from staff (on the server too).
      await pg.engine.write(async (tx) => {
        for (const s of testStaff) {
          await pg.engine.records.staff.insertStaff(tx, { id: s.id, username: s.id, displayName: s.displayName, role: 'admin', status: 'active', createdAt: officer.createdAt, updatedAt: officer.updatedAt });
        }
      });
      countOf = async (table) => Number((await pg.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
    }
    core = testCore(under);
    // What the incidents rest on, written through the engine's records: a patient, her final consent, her testimonial, the practice's certificate.
    const r = under.engine.records;
    const at = (m: number) => new Date(Date.UTC(2026, 10, 1, 10, m)).toISOString();
    const pdf = Buffer.from('%PDF-1.7 authorization of Ofelia Marchetti');
    await under.engine.write(async (tx) => {
      await r.patients.insertPatient(tx, { ...patientRecord({ firstName: 'Ofelia', lastName: 'Marchetti', dateOfBirth: '1969-03-11', city: 'Springfield' }, at(0)), id: ofeliaId });
      await r.consents.insertDraft(tx, { id: consentId, patientId: ofeliaId, templateId: 'template-1', terms: terms({ kind: 'date', date: '2027-06-15' }), createdAt: at(2), createdBy: 'staff-frontdesk' });
      await r.consents.recordPatientSignature(tx, consentId, signatureOf('Ofelia Marchetti', 'The authorization text', at(3)));
      await r.consents.finalizeAuthorization(tx, consentId, { witnessId: 'staff-admin', witnessedAt: at(4), contentSha256: 'c'.repeat(64), pdf, pdfSha256: sha256(pdf) });
      await r.testimonials.insertTestimonial(tx, { id: testimonialId, patientId: ofeliaId, title: 'Back on the bike', quote: 'I can ride to work again.', createdAt: at(5), createdBy: 'staff-marketing' });
      await r.practice.certificates.activateCertificate(tx, uuid(900), bundle, at(6));
    });
  }, 180_000);
  afterAll(async () => {
    await under?.close();
    if (!skip) transcripts.set(name, log);
  });

  const call = dispatcherFor(incidentHandlers, () => core);
  /** Files are noted by name, type, size and hash (their bytes are compared through the hash). */
  const noted = (value: unknown) =>
    value && typeof value === 'object' && 'base64' in value ? { ...(value as Record<string, unknown>), base64: `${(value as { base64: string }).base64.length} characters` } : value;
  async function outcome(label: string, work: Promise<unknown>): Promise<HandlerOutcome> {
    const result = await handlerOutcome(work);
    note(label, 'ok' in result ? { ok: noted(result.ok) } : result);
    return result;
  }
  const okOf = <T,>(o: HandlerOutcome) => (o as { ok: T }).ok;
  const auditOf = (subjectId: string) => under.engine.read((tx) => under.engine.records.audit.auditOfSubject(tx, subjectId));
  const incident = (id: string) => under.engine.read((tx) => under.engine.records.programIncidents.incidents.getIncident(tx, id, today));
  const post = (id: string) => under.engine.read((tx) => under.engine.records.posts.getPost(tx, id));
  const postCall = <K extends keyof typeof postHandlers>(callName: K, input: unknown) =>
    (postHandlers[callName] as unknown as (c: PostsCore, i: ParsedInput<K>) => Promise<CallOutput<K>>)(core, contract[callName].input.parse(input) as ParsedInput<K>);
  /** The incident the revocation opened (the first id after the post's). */
  let takedownId = '';

  it.skipIf(skip)(`opens the incident a revocation calls for, in the revocation's transaction; a failure part-way leaves neither${name === 'postgres' ? pgSkipReason : ''}`, async () => {
    // Made and approved in November, published on the 20th.
    core.clockFrom = Date.UTC(2026, 10, 15, 14, 0);
    const published = await postCall('posts.create', { testimonialId, consentId, channel: 'facebook', caption: 'Ofelia is back on her bike!', mediaIds: [], purpose: 'advertising', thirdPartyPays: false });
    expect(published.id).toBe(uuid(1));
    await postCall('posts.approve', { id: published.id });
    await postCall('posts.publish', { id: published.id, publishedOn: '2026-11-20', url: 'https://www.facebook.com/riverside/posts/1' });
    core.clockFrom = Date.UTC(2026, 11, 1, 14, 0);

    const revokePdf = Buffer.from('%PDF-1.7 revocation acknowledgment for Ofelia');
    const revoke = () => {
      const revokedAt = core.nowIso();
      return under.engine.write(async (tx) => {
        await under.engine.records.consents.recordRevocation(tx, consentId, { revokedAt, receivedOn: '2026-11-30', method: 'mail', note: '', scan: null, scanType: null, scanSha256: null, revokedBy: 'staff-frontdesk', pdf: revokePdf, pdfSha256: sha256(revokePdf) });
        return afterConsentChangeIn(core, tx, { consentId, at: revokedAt });
      });
    };
    // Through core.engine, whose audit append can fail once the incident's event is written.
    const failing = async () => {
      core.failAfter = 'incident.opened';
      const revokedAt = core.nowIso();
      return core.engine.write(async (tx) => {
        await core.engine.records.consents.recordRevocation(tx, consentId, { revokedAt, receivedOn: '2026-11-30', method: 'mail', note: '', scan: null, scanType: null, scanSha256: null, revokedBy: 'staff-frontdesk', pdf: revokePdf, pdfSha256: sha256(revokePdf) });
        return afterConsentChangeIn(core, tx, { consentId, at: revokedAt });
      });
    };
    const eventsBefore = await auditOf(published.id);
    const failed = await outcome('revocation failing after the incident opened', failing());
    expect(failed).toMatchObject({ error: { code: 'internal' } });
    expect(core.failAfter).toBeNull();
    expect(await countOf('incidents')).toBe(0);
    expect(await post(published.id)).toMatchObject({ state: 'published' });
    expect(await auditOf(published.id)).toEqual(eventsBefore);
    expect((await under.engine.read((tx) => under.engine.records.consents.getAuthorization(tx, consentId)))?.revokedAt).toBeNull();

    const changed = await revoke();
    expect(changed.map((p) => [p.id, p.state])).toEqual([[published.id, 'takedown_required']]);
    const listed = okOf<Incident[]>(await outcome('list after the revocation', call('incidents.list', {})));
    expect(listed).toMatchObject([{ trigger: 'takedown_required', state: 'open', discoveredOn: '2026-11-30', post: { id: published.id, state: 'takedown_required' }, patientName: 'Ofelia Marchetti' }]);
    takedownId = listed[0]!.id;
    const opened = await auditOf(takedownId);
    expect(opened.map((e) => [e.actorName, e.action, e.detail])).toEqual([['system', 'incident.opened', `takedown_required; post ${published.id}; discovered 2026-11-30`]]);
    // The post's take-down and the incident, one after the other in the chain: one transaction.
    const takedown = (await auditOf(published.id)).find((e) => e.action === 'post.takedown_required')!;
    expect(opened[0]!.seq).toBe(takedown.seq + 1);
    // A second change of the same post opens no second incident.
    await under.engine.write((tx) => openIncidentForPostChangeIn(core, tx, { post: { id: published.id, patientId: ofeliaId, channel: 'facebook', publishedAt: '2026-11-20' }, from: 'published', to: 'takedown_required', consent: null, reason: 'Again.', at: core.nowIso(), today }));
    expect(await countOf('incidents')).toBe(1);
    await outcome('get the incident', call('incidents.get', { id: takedownId }));
    await outcome('get no incident', call('incidents.get', { id: nobody }));
  });

  it.skipIf(skip)('takes the assessment and decision, produces the letters and report as signed PDFs, records notices and closes', async () => {
    const id = takedownId;
    const early = await outcome('decide before the assessment', call('incidents.decide', { id, decision: { decision: 'required', rationale: 'The post showed her name and words.', affectedCount: 1, largestStateCount: 1 } }));
    expect(early).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/Complete the four-factor risk assessment first/) } });
    const partial = await outcome('partial assessment', call('incidents.assess', { id, assessment: { ...completeAssessment, viewed: null } }));
    expect(okOf<Incident>(partial).clock.toDo).toContain('Complete the four-factor risk assessment.');
    await outcome('assessment for no patient', call('incidents.assess', { id, assessment: completeAssessment, patientId: nobody }));
    await outcome('assessment of no incident', call('incidents.assess', { id: nobody, assessment: completeAssessment }));
    await outcome('complete assessment', call('incidents.assess', { id, assessment: completeAssessment, patientId: ofeliaId }));
    const notRequired = await outcome('decide not required', call('incidents.decide', { id, decision: { decision: 'not_required', rationale: 'We think nobody saw it really.', affectedCount: 1, largestStateCount: 1 } }));
    expect(notRequired).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/presumed a breach/) } });
    await outcome('letter before the decision', call('incidents.produceLetter', { id, language: 'en', recipientName: '', addressLines: '' }));
    const decided = await outcome('decide required', call('incidents.decide', { id, decision: { decision: 'required', rationale: 'Her name and own words were public after she revoked.', affectedCount: 1, largestStateCount: 1 } }));
    expect(decided).toMatchObject({ ok: { decision: 'required', decidedByName: 'Pat Privacy' } });
    await outcome('decide again', call('incidents.decide', { id, decision: { decision: 'required', rationale: 'Again, the same reasons as before.', affectedCount: 1, largestStateCount: 1 } }));
    expect(await outcome('assess after the decision', call('incidents.assess', { id, assessment: completeAssessment }))).toMatchObject({ error: { code: 'conflict' } });
    await outcome('close without the letter', call('incidents.close', { id, outcome: 'Handled and closed properly.' }));
    await outcome('individual notice without the letter', call('incidents.recordNotice', { id, kind: 'individual', on: today, note: '' }));

    await outcome('letter in Spanish', call('incidents.produceLetter', { id, language: 'es', recipientName: '', addressLines: '12 Oak Street\nSpringfield, IL 62704' }));
    await outcome('letter in English', call('incidents.produceLetter', { id, language: 'en', recipientName: '', addressLines: '' }));
    const withReport = okOf<Incident>(await outcome('report', call('incidents.produceReport', { id, language: 'en' })));
    expect(withReport.documents.map((d) => `${d.kind}:${d.language}:${d.createdByName}`)).toEqual(['letter:es:Pat Privacy', 'letter:en:Pat Privacy', 'report:en:Pat Privacy']);
    const files = [];
    for (const d of withReport.documents) {
      const file = okOf<CallOutput<'incidents.document'>>(await outcome(`export ${d.kind} ${d.language}`, call('incidents.document', { id: d.id })));
      const bytes = Buffer.from(file.base64, 'base64');
      expect(sha256(bytes)).toBe(d.sha256);
      expect(file.sha256).toBe(d.sha256);
      files.push(bytes);
    }
    expect(pdfFlatText(files[0]!)).toContain('Estimado/a Ofelia Marchetti:');
    expect(pdfFlatText(files[2]!)).toContain('FB-88121');
    await outcome('export no document', call('incidents.document', { id: nobody }));

    await outcome('notice in the future', call('incidents.recordNotice', { id, kind: 'individual', on: '2026-12-02', note: '' }));
    await outcome('notice before the discovery', call('incidents.recordNotice', { id, kind: 'individual', on: '2026-11-29', note: '' }));
    await outcome('individual notice', call('incidents.recordNotice', { id, kind: 'individual', on: today, note: 'First-class mail' }));
    const closed = await outcome('close', call('incidents.close', { id, outcome: 'Patient notified by mail; post removed; staff retrained.' }));
    expect(closed).toMatchObject({ ok: { state: 'closed', closedByName: 'Pat Privacy' } });
    expect(await outcome('letter after closing', call('incidents.produceLetter', { id, language: 'en', recipientName: '', addressLines: '' }))).toMatchObject({ error: { code: 'conflict' } });
    await outcome('correct the discovery after closing', call('incidents.correctDiscovery', { id, discoveredOn: '2026-11-28', reason: 'Found an earlier call.' }));
    await outcome('media notice after closing', call('incidents.recordNotice', { id, kind: 'media', on: today, note: '' }));
    const logged = await outcome('yearly HHS notice after closing', call('incidents.recordNotice', { id, kind: 'hhs', on: today, note: 'HHS portal, yearly log' }));
    expect(logged).toMatchObject({ ok: { notices: { hhs: today } } });
    expect(await outcome('HHS notice again', call('incidents.recordNotice', { id, kind: 'hhs', on: today, note: '' }))).toMatchObject({ error: { code: 'conflict' } });
    await outcome('report of the closed incident', call('incidents.produceReport', { id, language: 'es' }));
  });

  it.skipIf(skip)('opens one by hand, refusing a day in the future, an unknown patient or post and a post that has one; moves the discovery only earlier', async () => {
    const summary = 'A mailing list export with 620 patients was posted by mistake.';
    await outcome('open discovered tomorrow', call('incidents.open', { summary, discoveredOn: '2026-12-02' }));
    await outcome('open for no patient', call('incidents.open', { summary, discoveredOn: today, patientId: nobody }));
    await outcome('open for no post', call('incidents.open', { summary, discoveredOn: today, postId: nobody }));
    const taken = await outcome('open for a post that has one', call('incidents.open', { summary, discoveredOn: today, postId: uuid(1) }));
    expect(taken).toMatchObject({ error: { code: 'conflict', message: 'This post has an incident already: open it from the list.' } });
    await outcome('open with too short a summary', call('incidents.open', { summary: 'Oops', discoveredOn: today }));
    expect(await countOf('incidents')).toBe(1);
    const other = okOf<Incident>(await outcome('open by hand', call('incidents.open', { summary, discoveredOn: '2026-11-25' })));
    expect(other).toMatchObject({ trigger: 'other', state: 'open', openedByName: 'Pat Privacy', patientId: null, post: null });

    const later = await outcome('discovery moved later', call('incidents.correctDiscovery', { id: other.id, discoveredOn: '2026-11-26', reason: 'We found it later than that.' }));
    expect(later).toMatchObject({ error: { code: 'validation', issues: [{ path: 'discoveredOn' }] } });
    const earlier = await outcome('discovery moved earlier', call('incidents.correctDiscovery', { id: other.id, discoveredOn: '2026-11-20', reason: 'A patient called about it on the 20th.' }));
    expect(earlier).toMatchObject({ ok: { discoveredOn: '2026-11-20', clock: { deadlines: { individualBy: '2027-01-19' } } } });
    // Another workstation moves it to the 18th between this call's start and its write: the 19th is now later, and refused (checked inside the write).
    core.beforeNextWrite = async () => {
      await call('incidents.correctDiscovery', { id: other.id, discoveredOn: '2026-11-18', reason: 'Another workstation: a call on the 18th.' });
    };
    const raced = await outcome('discovery moved to a day later than one recorded meanwhile', call('incidents.correctDiscovery', { id: other.id, discoveredOn: '2026-11-19', reason: 'A call on the 19th.' }));
    expect(raced).toMatchObject({ error: { code: 'validation', issues: [{ path: 'discoveredOn', message: 'Use a day before 2026-11-18.' }] } });
    expect(core.beforeNextWrite).toBeNull();
    expect((await incident(other.id))!.discoveredOn).toBe('2026-11-18');
    await outcome('assessment', call('incidents.assess', { id: other.id, assessment: completeAssessment }));
    await outcome('decide, 620 affected', call('incidents.decide', { id: other.id, decision: { decision: 'required', rationale: 'Names of 620 patients were exposed to the public.', affectedCount: 620, largestStateCount: 540 } }));
    const blocked = await outcome('letter to nobody named', call('incidents.produceLetter', { id: other.id, language: 'en', recipientName: '', addressLines: '' }));
    expect(blocked).toMatchObject({ error: { code: 'validation', issues: [{ path: 'recipientName' }] } });
    await outcome('list, open first', call('incidents.list', {}));
  });

  it.skipIf(skip)('leaves nothing of a call that fails after its writes, and keeps no document drawn from an incident that changed meanwhile', async () => {
    const id = (await call('incidents.list', {})).find((i) => i.trigger === 'other')!.id;
    const before = await incident(id);
    const eventsBefore = await auditOf(id);
    const documentsBefore = await countOf('incident_documents');

    core.failAfter = 'incident.letter_produced';
    const failedLetter = await outcome('letter failing after its writes', call('incidents.produceLetter', { id, language: 'en', recipientName: 'Whom It May Concern', addressLines: '' }));
    expect(failedLetter).toMatchObject({ error: { code: 'internal' } });
    core.failAfter = 'incident.notice_recorded';
    await outcome('media notice failing after its writes', call('incidents.recordNotice', { id, kind: 'media', on: today, note: 'Local paper' }));
    core.failAfter = 'incident.document_exported';
    expect(await outcome('export failing after its audit', call('incidents.document', { id: (await incident(takedownId))!.documents[0]!.id }))).toMatchObject({ error: { code: 'internal' } });
    expect(core.failAfter).toBeNull();
    expect(await incident(id)).toEqual(before);
    expect(await auditOf(id)).toEqual(eventsBefore);
    expect(await countOf('incident_documents')).toBe(documentsBefore);

    // Another workstation records the media notice between the report's read and its write: the report, drawn from the record as it was, is not kept.
    core.beforeNextWrite = async () => {
      await call('incidents.recordNotice', { id, kind: 'media', on: today, note: 'Local paper, the 1st' });
    };
    const stale = await outcome('report of an incident changed meanwhile', call('incidents.produceReport', { id, language: 'en' }));
    expect(stale).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/changed this incident while its document was being produced/) } });
    expect(core.beforeNextWrite).toBeNull();
    expect(await countOf('incident_documents')).toBe(documentsBefore);
    expect((await auditOf(id)).map((e) => e.action)).toEqual([...eventsBefore.map((e) => e.action), 'incident.notice_recorded']);
    const again = await outcome('report produced again', call('incidents.produceReport', { id, language: 'en' }));
    expect(again).toMatchObject({ ok: { notices: { media: today }, documents: [{ kind: 'report' }] } });
    // A letter produced meanwhile changes no part of the record a report is drawn from: both are kept.
    core.beforeNextWrite = async () => {
      await call('incidents.produceLetter', { id, language: 'es', recipientName: 'Whom It May Concern', addressLines: '' });
    };
    const both = await outcome('report while a letter is produced meanwhile', call('incidents.produceReport', { id, language: 'es' }));
    expect(both).toMatchObject({ ok: { documents: [{ kind: 'report', language: 'en' }, { kind: 'letter', language: 'es' }, { kind: 'report', language: 'es' }] } });
    expect(await countOf('incident_documents')).toBe(documentsBefore + 3);
  });

  it.skipIf(skip)('audited every change and export by who made it, in one chain', async () => {
    const all = await call('incidents.list', {});
    for (const i of all) note(`audit of incident ${i.trigger}`, (await auditOf(i.id)).map(chainFieldsOf));
    expect((await auditOf(takedownId)).map((e) => [e.actorName, e.action])).toEqual([
      ['system', 'incident.opened'],
      ['pat', 'incident.assessed'],
      ['pat', 'incident.assessed'],
      ['pat', 'incident.decided'],
      ['pat', 'incident.letter_produced'],
      ['pat', 'incident.letter_produced'],
      ['pat', 'incident.report_produced'],
      ['pat', 'incident.document_exported'],
      ['pat', 'incident.document_exported'],
      ['pat', 'incident.document_exported'],
      ['pat', 'incident.notice_recorded'],
      ['pat', 'incident.closed'],
      ['pat', 'incident.notice_recorded'],
      ['pat', 'incident.report_produced'],
    ]);
    const takedown = await incident(takedownId);
    const produced = (await auditOf(takedownId)).filter((e) => e.action.endsWith('_produced')).map((e) => e.detail);
    expect(produced).toEqual(takedown!.documents.map((d) => `${d.language}; SHA-256 ${d.sha256}`));
    note('incidents kept', await countOf('incidents'));
    note('documents kept', await countOf('incident_documents'));
    expect(await auditOf(nobody)).toEqual([]);
  });
});

describe.skipIf(!pgAvailable)(`both engines${pgSkipReason}`, () => {
  it('gave the same answers, refusals, documents and audit events to the same calls', () => {
    const sqlite = transcripts.get('sqlite');
    const postgres = transcripts.get('postgres');
    expect(sqlite?.length).toBeGreaterThan(40);
    // Entry by entry first, so a difference names its step; then the whole, byte for byte.
    for (const [i, entry] of (sqlite ?? []).entries()) expect(postgres?.[i]).toEqual(entry);
    expect(JSON.stringify(postgres)).toBe(JSON.stringify(sqlite));
  });
});
