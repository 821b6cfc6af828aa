import crypto from 'node:crypto';
import { chainFieldsOf, handlerOutcome, type HandlerOutcome } from '../store-engine/testing/conformance-transcript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { completeTerms } from '../../../shared/authorization/test-terms';
import type { AuthorizationTemplate } from '../../../shared/authorization/template';
import type { AuditEvent } from '../../../shared/audit';
import { dayOf } from '../../../shared/calendar';
import { contract, type CallOutput, type ParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Patient } from '../../../shared/patients';
import type { AppState } from '../../../shared/session';
import type { Settings } from '../../../shared/settings';
import type { StaffMember } from '../../../shared/staff';
import { drawnSignature } from '../consents/sample-signature';
import { patientSignature } from '../consents/signing-flow';
import { generatePracticeCertificate, type CertificateBundle } from '../crypto/practice-certificate';
import type { ConsentChange, ConsentCore } from '../engine-core';
import { listTemplates } from '../repositories/template-repository';
import { createPgTemplateRepository } from '../store-pg/pg-practice-repository';
import { pgEngineUnderTest, sqliteEngineUnderTest, testStaff, type EngineUnderTest } from '../store-engine/testing/engines-under-test';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import type * as TimeLimitedPdf from '../rendering/time-limited-pdf';
import { consentHandlers } from './consent-handlers';
import { paperSignatureHandlers } from './paper-signature-handlers';

/**
 * The consents handlers (and the paper path), ported onto the store engine,
 * run on BOTH engines: an encrypted SQLite file and a real PostgreSQL (a
 * throwaway cluster). Sessions do not live in the store, so the test core
 * names the signed-in staff member, checks the password and holds patient
 * mode itself. Every answer, error and audit event goes into a transcript;
 * the last test compares the two engines' transcripts byte for byte.
 *
 * The PDFs are real (pdf-lib, signed with a real certificate, the same one
 * on both engines), drawn here in-process rather than in the PDF worker so
 * their bytes can be equal: the clock and the six random letters of a font
 * subset's name are fixed, nothing else.
 */

vi.mock('../rendering/time-limited-pdf', async (importOriginal) => {
  const original = await importOriginal<typeof TimeLimitedPdf>();
  const authorization = await import('../pdf/authorization-pdf');
  const revocation = await import('../pdf/revocation-pdf');
  return {
    ...original,
    renderAuthorizationPdf: authorization.authorizationPdf,
    renderPaperFormPdf: authorization.paperFormPdf,
    renderPaperPackagePdf: authorization.paperPackagePdf,
    renderRevocationPdf: revocation.revocationAcknowledgmentPdf,
  };
});

const handlers = { ...consentHandlers, ...paperSignatureHandlers };
type ConsentCall = keyof typeof handlers;
type Entry = [string, unknown];
const transcripts = new Map<string, Entry[]>();

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const today = '2026-12-01';
const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 8, minute)).toISOString();

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

const robin: StaffMember = { id: 'staff-frontdesk', username: 'robin', displayName: 'Robin Reception', role: 'admin', status: 'active', createdAt: at(0), updatedAt: at(0) };
const robinPassword = 'robin password';

const patient = (n: number, fields: Pick<Patient, 'firstName' | 'lastName' | 'dateOfBirth'> & Partial<Patient>): Patient => ({
  id: uuid(900 + n),
  recordNumber: null,
  phone: null,
  email: null,
  city: null,
  createdAt: at(n),
  updatedAt: at(n),
  ...fields,
});
const ofelia = patient(1, { firstName: 'Ofelia', lastName: 'Marchetti', dateOfBirth: '1969-03-11', recordNumber: 'R-100', city: 'Springfield' });
const bruno = patient(2, { firstName: 'Bruno', lastName: 'Okafor', dateOfBirth: '1990-07-30', phone: '555-0101' });
const angela = patient(3, { firstName: 'Ángela', lastName: 'Zúñiga', dateOfBirth: '1975-01-20' });
const patients = [ofelia, bruno, angela];
/** The authorizations' ids, as the test core hands them out (a patient copy takes one too). */
const ids = { ofelia: uuid(1), brunoDiscarded: uuid(2), angela: uuid(4), brunoLater: uuid(5), nobody: uuid(99) };

interface TestCore extends ConsentCore {
  changes: ConsentChange[];
  /** Make the next consent change fail after the handler wrote (a later step of its transaction failing). */
  failNextChange: boolean;
  patientMode: string | null;
}

function testCore(under: EngineUnderTest): TestCore {
  let nextId = 0;
  let minute = 0;
  const core: TestCore = {
    engine: under.engine,
    changes: [],
    failNextChange: false,
    patientMode: null,
    settings,
    workstation: 'front-desk-1',
    timeZone: settings.timeZone,
    get patientModeFor() {
      return core.patientMode;
    },
    today: () => today,
    now: () => new Date(Date.UTC(2026, 11, 1, 9, minute)),
    nowIso: () => new Date(Date.UTC(2026, 11, 1, 9, minute++)).toISOString(),
    dayOfInstant: (iso) => dayOf(new Date(iso), settings.timeZone),
    newId: () => uuid(++nextId),
    auditActor: () => ({ actorId: robin.id, actorName: robin.username }),
    requireSession: () => robin,
    setPatientMode(id) {
      core.patientMode = id;
    },
    appState: async () => ({ phase: 'active', patientModeFor: core.patientMode }) as unknown as AppState,
    async confirmPassword(staff, password) {
      if (staff.id !== robin.id || password !== robinPassword) throw new AppError('unauthorized', 'That password is not right.', { issues: [{ path: 'password', message: 'Enter the password of the staff member signed in.' }] });
    },
    async afterPatientChange() {},
    async afterConsentChange(_tx, change) {
      if (core.failNextChange) {
        core.failNextChange = false;
        throw new AppError('internal', 'Injected failure after the consent was written.');
      }
      core.changes.push(change);
    },
  };
  return core;
}


const engines: { name: 'sqlite' | 'postgres'; skip: boolean }[] = [
  { name: 'sqlite', skip: false },
  { name: 'postgres', skip: !pgAvailable },
];

/** The SQLite store's wording (its built-in versions and the test ones), which the server starts from, as migrate-store copies it. */
let startingTemplates: AuthorizationTemplate[] = [];
let certificate: Promise<CertificateBundle> | null = null;

// The PDFs' only other sources of change: the clock (pdf-lib's dates) and the six letters of a font subset's tag (pdf-layout.ts).
const realRandomBytes = crypto.randomBytes;
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-01T15:00:00.000Z'));
  vi.spyOn(crypto, 'randomBytes').mockImplementation(((size: number, callback?: unknown) =>
    size === 6 && callback === undefined ? Buffer.from('consen') : (realRandomBytes as (...a: unknown[]) => Buffer)(size, callback)) as typeof crypto.randomBytes);
});
afterAll(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe.each(engines)('the consents handlers on $name', ({ name, skip }) => {
  const cluster = name === 'postgres' && !skip ? useThrowawayCluster() : null;
  let under: EngineUnderTest;
  let core: TestCore;
  const log: Entry[] = [];
  const note = (label: string, value: unknown) => log.push([label, JSON.parse(JSON.stringify(value ?? '(nothing)'))]);

  beforeAll(async () => {
    if (skip) return;
    certificate ??= generatePracticeCertificate(settings.practiceName, new Date('2026-11-01T00:00:00.000Z'));
    const bundle = await certificate;
    if (name === 'sqlite') {
      // The built-in wording only: the test versions' placeholder text is not wording the handlers can read.
      const sqlite = sqliteEngineUnderTest({ testTemplates: false });
      startingTemplates = listTemplates(sqlite.db);
      under = sqlite;
    } else {
      expect(startingTemplates.length).toBeGreaterThan(1);
      const pg = await pgEngineUnderTest(cluster!());
      under = pg;
      const templates = createPgTemplateRepository(pg.cipher);
      await pg.engine.write(async (tx) => {
        for (const s of testStaff) await pg.engine.records.staff.insertStaff(tx, { id: s.id, username: s.id, displayName: s.displayName, role: 'admin', status: 'active', createdAt: at(0), updatedAt: at(0) });
        for (const t of startingTemplates) await templates.importTemplate(tx, t);
      });
    }
    await under.engine.write(async (tx) => {
      for (const p of patients) await under.engine.records.patients.insertPatient(tx, p);
      await under.engine.records.practice.certificates.activateCertificate(tx, uuid(900), bundle, at(4));
    });
    core = testCore(under);
  }, 180_000);
  afterAll(async () => {
    await under?.close();
    if (!skip) transcripts.set(name, log);
  });

  /** A call as the dispatcher makes it: input through the contract's schema (defaults, trimming), then the handler. */
  async function call<K extends ConsentCall>(callName: K, input: unknown): Promise<CallOutput<K>> {
    const parsed = contract[callName].input.parse(input) as ParsedInput<K>;
    const handler = handlers[callName] as unknown as (core: ConsentCore, input: ParsedInput<K>) => Promise<CallOutput<K>>;
    return handler(core, parsed);
  }
  /** Files are noted by name, type, size and hash (their bytes are compared through the hash). */
  const noted = (value: unknown) =>
    value && typeof value === 'object' && 'base64' in value ? { ...(value as Record<string, unknown>), base64: `${(value as { base64: string }).base64.length} characters` } : value;
  async function outcome(label: string, work: Promise<unknown>): Promise<HandlerOutcome> {
    const result = await handlerOutcome(work);
    note(label, 'ok' in result ? { ok: noted(result.ok) } : result);
    return result;
  }
  const auditOf = (subjectId: string) => under.engine.read((tx) => under.engine.records.audit.auditOfSubject(tx, subjectId)) as Promise<AuditEvent[]>;
  const record = (id: string) => under.engine.read((tx) => under.engine.records.consents.getAuthorization(tx, id));
  const okOf = <T,>(o: HandlerOutcome) => (o as { ok: T }).ok;

  it.skipIf(skip)(`drafts, previews and edits, refusing an edit made on an older copy${name === 'postgres' ? pgSkipReason : ''}`, async () => {
    await outcome('preview', call('consents.preview', { patientId: ofelia.id, terms: completeTerms() }));
    const draft = okOf<CallOutput<'consents.createDraft'>>(await outcome('draft for ofelia', call('consents.createDraft', { patientId: ofelia.id, terms: completeTerms() })));
    expect(draft).toMatchObject({ id: ids.ofelia, stage: 'draft', rowVersion: 1, problems: [] });
    await outcome('draft for nobody', call('consents.createDraft', { patientId: ids.nobody, terms: completeTerms() }));

    const edited = await outcome('edit from version 1', call('consents.updateDraft', { id: draft.id, terms: completeTerms({ expiration: { kind: 'date', date: '2027-09-30' } }), rowVersion: 1 }));
    expect(edited).toMatchObject({ ok: { rowVersion: 2, terms: { expiration: { date: '2027-09-30' } } } });
    const eventsBefore = (await auditOf(draft.id)).length;
    const stale = await outcome('stale edit', call('consents.updateDraft', { id: draft.id, terms: completeTerms(), rowVersion: 1 }));
    expect(stale).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/Someone else changed this authorization/) } });
    expect(await record(draft.id)).toMatchObject({ rowVersion: 2, terms: { expiration: { date: '2027-09-30' } } });
    expect((await auditOf(draft.id)).length).toBe(eventsBefore);

    const second = okOf<{ id: string }>(await outcome('draft for bruno', call('consents.createDraft', { patientId: bruno.id, terms: completeTerms({ language: 'es' }) })));
    await outcome('stale discard', call('consents.discardDraft', { id: second.id, rowVersion: 2 }));
    await outcome('discard', call('consents.discardDraft', { id: second.id, rowVersion: 1 }));
    expect(await record(second.id)).toBeUndefined();
    await outcome('get the discarded draft', call('consents.get', { id: second.id }));
    await outcome('get ofelia’s draft', call('consents.get', { id: draft.id }));
  });

  it.skipIf(skip)('signs on screen and witnesses, refusing a wrong name, a straight line and a wrong password', async () => {
    const draft = await call('consents.get', { id: ids.ofelia });
    await outcome('sign before patient mode', call('consents.patientSign', patientSignature(draft, 'Ofelia Marchetti')));
    await outcome('patient mode', call('consents.startPatientMode', { id: draft.id }));
    await outcome('another authorization in patient mode', call('consents.get', { id: ids.brunoDiscarded }));
    const wrongName = await outcome('sign with another name', call('consents.patientSign', patientSignature(draft, 'Bruno Okafor')));
    expect(wrongName).toMatchObject({ error: { code: 'validation', issues: [{ path: 'typedName' }] } });
    const line = drawnSignature();
    const straight = { ...line, strokes: [[{ x: 10, y: 50, time: 1 }, { x: 300, y: 50, time: 2 }, { x: 590, y: 50, time: 3 }]] };
    const refused = await outcome('sign with a straight line', call('consents.patientSign', patientSignature(draft, 'Ofelia Marchetti', straight)));
    expect(refused).toMatchObject({ error: { code: 'validation', issues: [{ path: 'signature' }] } });
    expect(await record(draft.id)).toMatchObject({ stage: 'draft' });
    const signed = await outcome('sign', call('consents.patientSign', patientSignature(draft, 'Ofelia Marchetti')));
    expect(signed).toMatchObject({ ok: { stage: 'signed', status: 'awaiting_witness' } });
    await outcome('sign again', call('consents.patientSign', patientSignature(draft, 'Ofelia Marchetti')));

    const wrong = await outcome('witness with a wrong password', call('consents.witness', { id: draft.id, password: 'not it' }));
    expect(wrong).toMatchObject({ error: { code: 'unauthorized' } });
    const final = okOf<CallOutput<'consents.witness'>>(await outcome('witness', call('consents.witness', { id: draft.id, password: robinPassword })));
    expect(final).toMatchObject({ stage: 'final', status: 'active', evidence: { witnessName: 'Robin Reception' } });
    expect(core.patientMode).toBeNull();
    await outcome('witness again', call('consents.witness', { id: draft.id, password: robinPassword }));

    const pdf = okOf<{ base64: string; sha256: string }>(await outcome('signed pdf', call('consents.pdf', { id: draft.id })));
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.sha256).toBe(final.pdfSha256);
    await outcome('patient copy', call('consents.recordPatientCopy', { id: draft.id, method: 'printed' }));
  });

  it.skipIf(skip)('records a paper signature from a printed form and a scan, refusing a form never printed', async () => {
    const draft = okOf<{ id: string }>(await outcome('draft for ángela', call('consents.createDraft', { patientId: angela.id, terms: completeTerms({ expiration: { kind: 'event', event: 'End of the spring campaign' } }) })));
    const scan = { mimeType: 'image/png' as const, base64: drawnSignature({ seed: 3 }).dataUrl.replace(/^data:image\/png;base64,/, '') };
    const input = { id: draft.id, scan, signedOn: today, signerName: 'Ángela Zúñiga', attested: true, password: robinPassword };
    await outcome('paper signature before printing', call('consents.recordPaperSignature', input));
    const form = okOf<{ base64: string }>(await outcome('paper form', call('consents.paperForm', { id: draft.id })));
    expect(Buffer.from(form.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await outcome('paper signature by someone else', call('consents.recordPaperSignature', { ...input, signerName: 'Bruno Okafor' }));
    await outcome('paper signature signed tomorrow', call('consents.recordPaperSignature', { ...input, signedOn: '2026-12-02' }));
    expect(draft.id).toBe(ids.angela);
    const paper = await outcome('paper signature', call('consents.recordPaperSignature', input));
    expect(paper).toMatchObject({ ok: { stage: 'final', evidence: { method: 'paper', witnessName: 'Robin Reception', scan: { mimeType: 'image/png' } } } });

    await outcome('expiration event in the future', call('consents.recordExpirationEvent', { id: draft.id, occurredOn: '2026-12-05' }));
    await outcome('expiration event on a date-bound consent', call('consents.recordExpirationEvent', { id: ids.ofelia, occurredOn: today }));
    const ended = await outcome('expiration event', call('consents.recordExpirationEvent', { id: draft.id, occurredOn: '2026-11-30' }));
    expect(ended).toMatchObject({ ok: { status: 'expired' } });
    await outcome('expiration event again', call('consents.recordExpirationEvent', { id: draft.id, occurredOn: '2026-11-30' }));
  });

  it.skipIf(skip)('revokes, passing the change on to the posts in the same transaction; a failure part-way leaves neither record nor event', async () => {
    const id = ids.ofelia;
    await outcome('revoke nobody', call('consents.revoke', { id: ids.nobody, receivedOn: today, method: 'mail' }));
    await outcome('revoke received tomorrow', call('consents.revoke', { id, receivedOn: '2026-12-02', method: 'mail' }));
    await outcome('revoke received before signing', call('consents.revoke', { id, receivedOn: '2026-11-01', method: 'mail' }));

    const before = await record(id);
    const eventsBefore = await auditOf(id);
    core.failNextChange = true;
    const failed = await outcome('revoke failing after the write', call('consents.revoke', { id, receivedOn: today, method: 'email', note: 'By email' }));
    expect(failed).toMatchObject({ error: { code: 'internal' } });
    expect(await record(id)).toEqual(before);
    expect(await auditOf(id)).toEqual(eventsBefore);
    expect(core.changes).toEqual([{ consentId: ids.angela, kind: 'expiration_event', at: expect.any(String) }]);

    const scan = { mimeType: 'image/png' as const, base64: drawnSignature({ seed: 5 }).dataUrl.replace(/^data:image\/png;base64,/, '') };
    const revoked = await outcome('revoke', call('consents.revoke', { id, receivedOn: today, method: 'email', note: 'By email', scan }));
    expect(revoked).toMatchObject({ ok: { status: 'revoked', revocation: { method: 'email', enteredBy: 'Robin Reception', hasScan: true } } });
    await outcome('revoke again', call('consents.revoke', { id, receivedOn: today, method: 'email' }));
    await outcome('revocation pdf', call('consents.revocationPdf', { id }));
    const shown = okOf<{ mimeType: string; base64: string; sha256: string }>(await outcome('revocation scan', call('consents.revocationScan', { id })));
    expect(shown.mimeType).toBe('image/png');
    expect(crypto.createHash('sha256').update(Buffer.from(shown.base64, 'base64')).digest('hex')).toBe(shown.sha256);
    await outcome('revocation scan of a consent never revoked', call('consents.revocationScan', { id: ids.angela }));
    await outcome('revocation pdf of a consent never revoked', call('consents.revocationPdf', { id: ids.angela }));
    note('changes passed on', core.changes);
    expect(core.changes.map((c) => [c.consentId, c.kind])).toEqual([
      [ids.angela, 'expiration_event'],
      [id, 'revoked'],
    ]);
  });

  it.skipIf(skip)('lists and pages the authorizations alike', async () => {
    const later = await outcome('draft for bruno, later', call('consents.createDraft', { patientId: bruno.id, terms: completeTerms() }));
    expect(later).toMatchObject({ ok: { id: ids.brunoLater } });
    for (const [sort, direction] of [['createdAt', 'desc'], ['createdAt', 'asc'], ['signedAt', 'asc'], ['signedAt', 'desc'], ['patient', 'asc'], ['patient', 'desc']] as const) {
      await outcome(`page by ${sort} ${direction}`, call('consents.page', { sort, direction }));
    }
    await outcome('page of drafts', call('consents.page', { stage: 'draft' }));
    await outcome('page 2 of 1 row', call('consents.page', { limit: 1, offset: 1, sort: 'patient', direction: 'asc' }));
    const byPatient = await call('consents.page', { sort: 'patient', direction: 'asc' });
    expect(byPatient.rows.map((r) => r.patientLastName)).toEqual(['Marchetti', 'Okafor', 'Zúñiga']);
    expect((await call('consents.page', { sort: 'signedAt', direction: 'asc' })).rows.map((r) => r.id)).toEqual([ids.brunoLater, ids.ofelia, ids.angela]);
    expect(byPatient.total).toBe(3);
    await outcome('list', call('consents.list', {}));
    let after: { createdAt: string; id: string } | null = null;
    for (let i = 0; i < 3; i++) {
      const chunk: CallOutput<'consents.chunk'> = await call('consents.chunk', { after, limit: 2 });
      note(`chunk ${i}`, chunk);
      after = chunk.next;
      if (!after) break;
    }
    expect(after).toBeNull();
    await outcome('list for ofelia', call('consents.listForPatient', { patientId: ofelia.id }));
    await outcome('list for nobody', call('consents.listForPatient', { patientId: ids.nobody }));
    await outcome('final detail', call('consents.get', { id: ids.ofelia }));
  });

  it.skipIf(skip)('wrote one audit event per call that succeeded, in one chain, naming the actor', async () => {
    for (const [who, consentId] of Object.entries(ids)) {
      const events = (await auditOf(consentId)).map(chainFieldsOf);
      note(`audit of ${who}`, events);
      for (const event of events) expect(event).toMatchObject({ actorId: robin.id, actorName: robin.username, subjectType: 'authorization' });
    }
    expect((await auditOf(ids.ofelia)).map((e) => e.action)).toEqual([
      'consent.drafted',
      'consent.draft_updated',
      'consent.viewed',
      'consent.viewed',
      'consent.patient_mode_started',
      'consent.signed',
      'consent.witnessed',
      'consent.pdf_exported',
      'consent.patient_copy_recorded',
      'consent.revoked',
      'consent.revocation_pdf_exported',
      'consent.revocation_scan_viewed',
      'consent.viewed',
    ]);
    expect(await auditOf(ids.brunoDiscarded)).toMatchObject([{ action: 'consent.drafted' }, { action: 'consent.draft_discarded' }]);
    expect((await auditOf(ids.angela)).map((e) => e.action)).toEqual(['consent.drafted', 'consent.paper_form_printed', 'consent.paper_signature_recorded', 'consent.expiration_event_recorded']);
    expect(await auditOf(ids.nobody)).toEqual([]);
  });
});

describe.skipIf(!pgAvailable)(`both engines${pgSkipReason}`, () => {
  it('gave the same answers and audit events to the same calls', () => {
    const sqlite = transcripts.get('sqlite');
    const postgres = transcripts.get('postgres');
    expect(sqlite?.length).toBeGreaterThan(50);
    // Entry by entry first, so a difference names its step; then the whole, byte for byte.
    for (const [i, entry] of (sqlite ?? []).entries()) expect(postgres?.[i]).toEqual(entry);
    expect(JSON.stringify(postgres)).toBe(JSON.stringify(sqlite));
  });
});
