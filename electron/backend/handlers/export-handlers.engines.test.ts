import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditEvent } from '../../../shared/audit';
import type { BundleManifest, ExportJob } from '../../../shared/compliance/audit-bundle';
import type { CallInput } from '../../../shared/contract';
import { builtInPolicy, policyTextIn } from '../../../shared/program/policy';
import type { Settings } from '../../../shared/settings';
import type { StaffMember } from '../../../shared/staff';
import { generatePracticeCertificate, type CertificateBundle } from '../crypto/practice-certificate';
import type { ExportCore } from '../engine-core';
import { signPdf } from '../pdf/sign-pdf';
import type { CheckContext } from '../posts/post-checks';
import { listTemplates } from '../repositories/template-repository';
import { conformanceEngines } from '../store-engine/testing/conformance-transcript';
import { pgEngineUnderTest, sqliteEngineUnderTest, testStaff, testTemplateIds, type EngineUnderTest } from '../store-engine/testing/engines-under-test';
import { auditHeadOf, dispatcherFor } from '../store-engine/testing/handler-harness';
import type { SnapshotStoreEngine } from '../store-engine/store-engine';
import { createPgStaffRepository } from '../store-pg/pg-staff-repository';
import { createPgTemplateRepository } from '../store-pg/pg-practice-repository';
import { postRecord, signatureOf, terms } from '../store-pg/testing/pg-fixtures';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import { tempDataDir } from '../testing/test-backend';
import { readZip } from '../testing/zip-tools';
import { exportHandlers } from './export-handlers';

/**
 * The audit export run on BOTH engines, end to end through its handlers
 * (exports.start, exports.progress until done, exports.verify): an
 * encrypted SQLite file and a real PostgreSQL (a throwaway cluster), over
 * the same records written through each engine's repositories: consents
 * signed in the range (one on the same instant as another, ids in byte
 * order), one revoked with the letter's scan, one ended by its event, one
 * outside the range, a draft; patients one of whose names needs more than
 * ASCII; posts relying on them (one with an administrator's identifiers
 * approval); audit events in and out of the range. Everything the bundle
 * holds is read on the engine's snapshot (export records, store-interface-
 * export.ts), so each bundle is compared with the other entry by entry
 * (manifest, spreadsheets, every PDF's bytes, the audit excerpt) and whole,
 * and the PostgreSQL bundle must pass exports.verify.
 *
 * The practice has started its compliance program (a policy version with
 * an acknowledgment, a training session and a quiz result, a review
 * schedule, a post review thread, an incident), so program/ is read through
 * the engine too, its report and policy PDFs drawn at export time.
 *
 * The stored PDFs are made once and stored in both; the certificate is the
 * same; the clock and ids of both cores are the same, and so are the two
 * things a drawn PDF takes from elsewhere (pdf-lib's dates: the clock is
 * fixed; a font subset's six random letters: fixed). What differs between
 * the two runs, legitimately, is only outside the bundle: where it was
 * written (each core's data folder, so `filePath`, compared by its name).
 */

// The PDFs' only other sources of change: the clock (pdf-lib's dates) and the six letters of a font subset's tag (pdf-layout.ts).
const realRandomBytes = crypto.randomBytes;
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-15T17:00:00.000Z'));
  vi.spyOn(crypto, 'randomBytes').mockImplementation(((size: number, callback?: unknown) =>
    size === 6 && callback === undefined ? Buffer.from('export') : (realRandomBytes as (...a: unknown[]) => Buffer)(size, callback)) as typeof crypto.randomBytes);
});
afterAll(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (day: number, minute = 0) => new Date(Date.UTC(2026, 11, day, 15, minute)).toISOString();
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const timeZone = 'America/Chicago';
const today = '2026-12-15';

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
const admin: StaffMember = { id: 'staff-admin', username: 'staff-admin', displayName: 'Pat Privacy', role: 'admin', status: 'active', createdAt: at(1), updatedAt: at(1) };

const ofelia = uuid(1);
const anh = uuid(2);
const bruno = uuid(3);
// Authorization ids are UUIDs (they name files in the bundle): a, then b on the same instant, written the other way round.
const authA = uuid(101);
const authB = uuid(102);
const authAnh = uuid(103);
const authRevoked = uuid(104);
const authEvent = uuid(105);
const authOutside = uuid(106);

interface Run {
  jobs: ExportJob[];
  bundles: Map<string, Buffer>[];
  files: Buffer[];
  verified: unknown[];
  events: AuditEvent[][];
  head: { seq: number; prevHash: string };
  unexpected: string[];
}
const runs = new Map<string, Run>();

/** The PDFs both engines store, made once: a signed one per authorization and per revocation, so the bundle's check of every PDF signature has real ones. */
let pdfs: Promise<{ certificate: CertificateBundle; pdf: (id: string) => Buffer }> | null = null;
async function madePdfs() {
  const certificate = await generatePracticeCertificate(settings.practiceName, new Date('2026-11-01T00:00:00.000Z'));
  const made = new Map<string, Buffer>();
  for (const id of [authA, authB, authAnh, authRevoked, authEvent, authOutside, 'revocation']) {
    const doc = await PDFDocument.create();
    doc.setCreationDate(new Date('2026-12-01T00:00:00.000Z'));
    doc.setModificationDate(new Date('2026-12-01T00:00:00.000Z'));
    doc.addPage([300, 200]).drawText(`Authorization ${id}`, { x: 20, y: 100, size: 12 });
    made.set(id, await signPdf(doc, certificate, { reason: 'Signed authorization', location: 'Springfield', signerName: settings.practiceName, signingTime: new Date('2026-12-01T00:00:00.000Z') }));
  }
  return { certificate, pdf: (id: string) => made.get(id)! };
}

function testCore(engine: SnapshotStoreEngine<unknown>, dataDir: string, unexpected: string[]): ExportCore {
  let minute = 0;
  let ids = 0;
  const store = {};
  return {
    engine,
    settings,
    timeZone,
    paths: { dataDir },
    openStore: store,
    today: () => today,
    now: () => new Date(Date.UTC(2026, 11, 15, 16, minute)),
    nowIso: () => new Date(Date.UTC(2026, 11, 15, 16, minute++)).toISOString(),
    newId: () => uuid(900 + ++ids),
    checkContext: () => ctx,
    requireSession: () => admin,
    auditActor: () => ({ actorId: admin.id, actorName: admin.username }),
    reportUnexpected: (line) => unexpected.push(line),
    async afterPatientChange() {
      throw new Error('No patient changes in an export.');
    },
    async afterConsentChange() {
      throw new Error('No consent changes in an export.');
    },
  };
}

describe.each(conformanceEngines)('the audit export on $name', ({ name, skip }) => {
  const cluster = name === 'postgres' && !skip ? useThrowawayCluster() : null;
  let under: EngineUnderTest;
  let core: ExportCore;
  let dataDir: string;
  const run: Run = { jobs: [], bundles: [], files: [], verified: [], events: [], head: { seq: 0, prevHash: '' }, unexpected: [] };
  const call = dispatcherFor(exportHandlers, () => core);

  beforeAll(async () => {
    if (skip) return;
    pdfs ??= madePdfs();
    const { certificate, pdf } = await pdfs;
    if (name === 'sqlite') {
      // The template versions the records name, with the built-in wording (the test store's own hold a placeholder the export cannot read).
      const sqlite = sqliteEngineUnderTest({ testTemplates: false });
      under = sqlite;
      const wording = sqlite.db.prepare('SELECT text FROM templates LIMIT 1').pluck().get() as string;
      const template = sqlite.db.prepare("INSERT INTO templates (id, language, version, text, active, created_at) VALUES (?, 'en', ?, ?, 0, '2026-12-01T08:00:00.000Z')");
      for (const [i, id] of testTemplateIds.entries()) template.run(id, 1000 + i, wording);
    } else {
      const pg = await pgEngineUnderTest(cluster!());
      under = pg;
      // The staff the records name, and the template versions consents.csv shows (SQLite's test store has both).
      const staff = createPgStaffRepository(pg.cipher);
      const builtIn = sqliteEngineUnderTest({ staff: false, testTemplates: false });
      const text = listTemplates(builtIn.db)[0]!.text;
      await builtIn.close();
      const templates = createPgTemplateRepository(pg.cipher);
      await pg.engine.write(async (tx) => {
        for (const s of testStaff) await staff.insertStaff(tx, { id: s.id, username: s.id, displayName: s.displayName, role: 'admin', status: 'active', createdAt: at(1), updatedAt: at(1) });
        for (const [i, id] of testTemplateIds.entries()) await templates.importTemplate(tx, { id, language: 'en', version: 1000 + i, text, active: false, createdAt: '2026-12-01T08:00:00.000Z' });
      });
    }
    dataDir = tempDataDir(`export-engines-${name}`);
    core = testCore(under.engine as SnapshotStoreEngine<unknown>, dataDir, run.unexpected);
    const r = under.engine.records;
    await under.engine.write(async (tx) => {
      await r.practice.certificates.activateCertificate(tx, uuid(800), certificate, at(1));
      const person = (id: string, firstName: string, lastName: string, dateOfBirth: string) => ({ id, recordNumber: null, phone: null, email: null, city: null, firstName, lastName, dateOfBirth, createdAt: at(1), updatedAt: at(1) });
      await r.patients.insertPatient(tx, person(ofelia, 'Ofelia', 'Marchetti', '1969-03-11'));
      await r.patients.insertPatient(tx, person(anh, 'Th\u1ecb \u00c1nh', 'Nguy\u1ec5n', '1979-02-11'));
      await r.patients.insertPatient(tx, person(bruno, 'Bruno', 'Okafor', '1990-07-30'));
      const final = async (id: string, patientId: string, signedAt: string, expiration = terms()) => {
        await r.consents.insertDraft(tx, { id, patientId, templateId: 'template-2', terms: expiration, createdAt: at(1, 1), createdBy: 'staff-frontdesk' });
        await r.consents.recordPatientSignature(tx, id, signatureOf(`Signer of ${id}`, 'The authorization text', signedAt));
        await r.consents.finalizeAuthorization(tx, id, { witnessId: 'staff-admin', witnessedAt: signedAt, contentSha256: 'c'.repeat(64), pdf: pdf(id), pdfSha256: sha256(pdf(id)) });
      };
      // Two on one instant: the bundle's order is by id's bytes after signed_at.
      await final(authB, ofelia, at(3));
      await final(authA, ofelia, at(3));
      await final(authAnh, anh, at(4));
      await final(authRevoked, anh, at(2));
      const scan = Buffer.from('\x89PNG the letter as received');
      await r.consents.recordRevocation(tx, authRevoked, { revokedAt: at(5), receivedOn: '2026-12-05', method: 'mail', note: 'By letter', scan, scanType: 'image/png', scanSha256: sha256(scan), revokedBy: 'staff-frontdesk', pdf: pdf('revocation'), pdfSha256: sha256(pdf('revocation')) });
      await final(authEvent, bruno, at(1, 30), terms({ kind: 'event', event: 'The end of my treatment' }));
      await r.consents.recordExpirationEvent(tx, authEvent, { at: at(6), on: '2026-12-06', by: 'staff-frontdesk' });
      await final(authOutside, bruno, at(20));
      await r.consents.insertDraft(tx, { id: uuid(107), patientId: bruno, templateId: 'template-1', terms: terms(), createdAt: at(3), createdBy: 'staff-frontdesk' });
      await r.testimonials.insertTestimonial(tx, { id: 'testimonial-1', patientId: ofelia, title: 'Stairs', quote: 'I climb stairs again.', createdAt: at(1), createdBy: 'staff-marketing' });
      await r.testimonials.insertTestimonial(tx, { id: 'testimonial-2', patientId: anh, title: 'Running', quote: 'I run again.', createdAt: at(1), createdBy: 'staff-marketing' });
      const posts: [string, string, string, string, string][] = [
        ['post-Z', 'testimonial-1', ofelia, authA, at(7)],
        ['post-a', 'testimonial-1', ofelia, authB, at(7)],
        ['post-b', 'testimonial-2', anh, authRevoked, at(3, 10)],
        ['post-outside', 'testimonial-1', ofelia, authOutside, at(21)],
      ];
      for (const [id, testimonialId, patientId, consentId, created] of posts) {
        await r.posts.insertPost(tx, postRecord({ id, testimonialId, patientId, consentId, caption: `Caption of ${id} \u2014 caf\u00e9, "quoted", two\nlines`, at: created }), 'staff-marketing');
      }
      await r.posts.approveIdentifiers(tx, 'post-a', { by: 'staff-admin', byName: 'Pat Privacy', at: at(7, 5), reason: 'The patient asked for their name.', sha256: 'd'.repeat(64) });
      await r.posts.setPostState(tx, 'post-b', 'published', at(3, 20), { publishedAt: '2026-12-03', publishedUrl: 'https://facebook.example/post-b' });
      await r.posts.setPostState(tx, 'post-b', 'takedown_required', at(5, 1), { takedownRequiredAt: at(5, 1), takedownReason: 'The consent was revoked.' });
      // The compliance program, started: what program/ holds.
      const { program, programIncidents, programReviews } = r;
      await program.policy.insertPolicyVersion(tx, { id: uuid(801), text: builtInPolicy, at: at(1, 5), by: 'staff-admin', practiceName: settings.practiceName });
      await program.policy.insertAcknowledgment(tx, { id: uuid(811), staffId: 'staff-marketing', versionId: uuid(801), acknowledgedAt: at(2, 5), acknowledgedOn: '2026-12-02', language: 'es', textSha256: sha256(Buffer.from(policyTextIn(builtInPolicy, 'es', settings.practiceName))), workstation: 'front-desk-1' });
      await programReviews.training.insertTrainingSession(tx, { id: uuid(821), heldOn: '2026-12-03', topic: 'Consent basics', trainer: 'Pat', notes: 'Caf\u00e9 chairs', attendeeIds: ['staff-marketing', 'staff-admin'], at: at(3, 50), by: 'staff-admin' });
      await programReviews.training.insertQuizResult(tx, { id: uuid(823), staffId: 'staff-marketing', at: at(3, 55), language: 'en', correct: 7, total: 8, passed: true, answers: { a: 1 } });
      await programIncidents.reviewSchedules.upsertSchedule(tx, { id: uuid(831), channel: 'facebook', frequency: 'weekly', assigneeId: 'staff-admin', startsOn: '2026-11-30', active: true, endedOn: null, at: at(1, 6) });
      await programIncidents.postReviews.insertReviewMessage(tx, { id: uuid(851), postId: 'post-a', at: at(7, 1), by: 'staff-marketing', kind: 'request', body: 'May this go out with her name?', contentSha256: 'c'.repeat(64) });
      await programIncidents.incidents.insertIncident(tx, { id: uuid(871), trigger: 'other', at: at(5, 2), by: 'staff-admin', discoveredOn: '2026-12-05', discoveryNote: 'The post stayed up', summary: 'A post stayed up after the revocation', postId: null, patientId: anh });
      for (const [i, day] of [1, 2, 3, 5, 5, 12].entries()) {
        await r.audit.appendAudit(tx, { at: at(day, 40 + i), actorId: 'staff-frontdesk', actorName: 'robin', action: 'consent.witnessed', subjectType: 'authorization', subjectId: `event-${i}`, detail: `Event ${i} \u2014 \u00e9` });
      }
    });
  }, 180_000);
  afterAll(async () => {
    await under?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (!skip) runs.set(name, run);
  });

  async function exportAndVerify(input: CallInput<'exports.start'>, meanwhile: () => Promise<void> = async () => undefined): Promise<ExportJob> {
    let job = await call('exports.start', input);
    expect(job.state).toBe('running');
    // The engine's writes go on while the bundle is written from its snapshot, which does not see them.
    await meanwhile();
    while (job.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 10));
      job = await call('exports.progress', { id: job.id });
    }
    expect(job).toMatchObject({ state: 'done', error: null });
    run.jobs.push({ ...job, filePath: path.basename(job.filePath!) });
    const file = fs.readFileSync(job.filePath!);
    run.files.push(file);
    run.bundles.push(await readZip(job.filePath!));
    const verified = await call('exports.verify', { id: job.id });
    expect(verified.failures).toEqual([]);
    expect(verified.ok).toBe(true);
    run.verified.push(verified);
    run.events.push(await under.engine.read((tx) => under.engine.records.audit.auditOfSubject(tx, job.id)));
    return job;
  }

  it.skipIf(skip)(`exports the range with names, passes its own verification, and audits start, end and verification${name === 'postgres' ? pgSkipReason : ''}`, async () => {
    const job = await exportAndVerify({ from: '2026-12-01', to: '2026-12-10', includeNames: true }, async () => {
      const r = under.engine.records;
      await under.engine.write(async (tx) => {
        await r.posts.insertPost(tx, postRecord({ id: 'post-meanwhile', testimonialId: 'testimonial-1', patientId: ofelia, consentId: authA, caption: 'Written during the export', at: at(8) }), 'staff-marketing');
        await r.posts.setPostState(tx, 'post-a', 'published', at(8, 1), { publishedAt: '2026-12-08', publishedUrl: 'https://facebook.example/post-a' });
      });
    });
    expect(job.counts).toEqual({ authorizations: 5, revocations: 1, posts: 3, auditEvents: 5 });
    const zip = run.bundles[0]!;
    expect([...zip.keys()].filter((n) => n.endsWith('.pdf') && !n.startsWith('program/'))).toHaveLength(6);
    const consents = zip.get('consents.csv')!.toString('utf8');
    // The bundle's order: signed_at, then the id's bytes (a before b on one instant, though b was written first).
    const order = [authEvent, authRevoked, authA, authB, authAnh].map((id) => consents.indexOf(`${id},`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(consents).toContain('Nguy\u1ec5n');
    const posts = zip.get('posts.csv')!.toString('utf8');
    expect(posts).toContain('Pat Privacy');
    expect(posts.indexOf('post-Z,')).toBeLessThan(posts.indexOf('post-a,'));
    // As the store was when the export began: not the post written meanwhile, nor post-a's publication.
    expect(posts).not.toContain('post-meanwhile');
    expect(posts).not.toContain('https://facebook.example/post-a');
    expect([...zip.keys()].filter((n) => n.startsWith('revocations/') && n.endsWith('-scan.png'))).toHaveLength(1);
    expect([...zip.keys()].filter((n) => n.startsWith('program/'))).toEqual(expect.arrayContaining(['program/compliance-program-report.pdf', 'program/policy/social-media-policy-v1-en.pdf', 'program/incidents.csv', 'program/training-sessions.csv']));
    expect(zip.get('program/incidents.csv')!.toString('utf8')).toContain('Nguy\u1ec5n');
    expect(run.events[0]!.map((e) => e.action)).toEqual(['export.started', 'export.completed', 'export.verified']);
  }, 120_000);

  it.skipIf(skip)('exports one patient by status without names', async () => {
    const job = await exportAndVerify({ from: '2026-12-01', to: '2026-12-10', includeNames: false, patientIds: [anh], states: ['revoked'] });
    expect(job.counts).toEqual({ authorizations: 1, revocations: 1, posts: 1, auditEvents: 5 });
    run.head = await auditHeadOf(under.engine, { at: at(15, 59), action: 'export.verified' });
    expect(run.unexpected).toEqual([]);
  }, 120_000);
});

describe.skipIf(!pgAvailable)(`both engines${pgSkipReason}`, () => {
  it('wrote the same bundles, entry by entry and byte for byte, and the same audit events', () => {
    const sqlite = runs.get('sqlite')!;
    const postgres = runs.get('postgres')!;
    expect(sqlite.bundles).toHaveLength(2);
    for (const [i, bundle] of sqlite.bundles.entries()) {
      const other = postgres.bundles[i]!;
      expect([...other.keys()]).toEqual([...bundle.keys()]);
      for (const [entry, bytes] of bundle) {
        // Named, so a difference says which file; the manifest's hashes then cover every PDF and spreadsheet.
        expect({ entry, sha256: sha256(other.get(entry)!) }).toEqual({ entry, sha256: sha256(bytes) });
      }
      const manifest = JSON.parse(bundle.get('manifest.json')!.toString('utf8')) as BundleManifest;
      expect(manifest.files.filter((f) => f.kind === 'authorization-pdf' || f.kind === 'revocation-pdf').length).toBeGreaterThan(0);
      // And the whole file: the zip's order, times and compression too.
      expect(sha256(postgres.files[i]!)).toBe(sha256(sqlite.files[i]!));
    }
    expect(postgres.jobs).toEqual(sqlite.jobs);
    expect(postgres.verified).toEqual(sqlite.verified);
    expect(JSON.stringify(postgres.events)).toBe(JSON.stringify(sqlite.events));
    expect(postgres.head).toEqual(sqlite.head);
  });
});
