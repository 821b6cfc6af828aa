import crypto from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthorizationDocument } from '../../../shared/authorization/document';
import type { Patient } from '../../../shared/patients';
import type { PostState } from '../../../shared/posts/post';
import type { StoredPost } from '../repositories/post-repository';
import type { PostFilter } from '../store-pg/store-interface';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import { postRecord, signatureOf, terms } from '../store-pg/testing/pg-fixtures';
import { consentPageInputSchema } from '../../../shared/list-rows';
import { listTemplates } from '../repositories/template-repository';
import { createPgTemplateRepository } from '../store-pg/pg-practice-repository';
import { pgEngineUnderTest, sqliteEngineUnderTest, testTemplateIds, type EngineUnderTest } from './testing/engines-under-test';
import { normalise, outcome, type Entry, conformanceEngines } from './testing/conformance-transcript';

/**
 * ONE conformance suite for the shared records (patients, consents,
 * testimonials with media, posts, kept coverage), written once against the
 * store interface and run on both engines: the encrypted SQLite file and a
 * throwaway PostgreSQL. Every answer (records, errors, workflow verdicts)
 * goes into a transcript, and the last test compares the two engines'
 * transcripts byte for byte, so "the same inputs give the same records" is
 * checked whole, not only where an assertion was written.
 *
 * Ids and instants are fixed (PostgreSQL patient ids are uuids), so the
 * transcripts can be equal.
 */

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute)).toISOString();
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

const transcripts = new Map<string, Entry[]>();


const patient = (n: number, fields: Partial<Patient> & Pick<Patient, 'firstName' | 'lastName' | 'dateOfBirth'>): Patient => ({
  id: uuid(n),
  recordNumber: null,
  phone: null,
  email: null,
  city: null,
  createdAt: at(n),
  updatedAt: at(n),
  ...fields,
});

const pdfOf = (text: string) => Buffer.from(`%PDF-1.7\n% ${text}\n%%EOF\n`);
const documentShown: AuthorizationDocument = { title: 'Authorization to use my testimonial', language: 'en', templateVersion: 1, blocks: [] };

describe.each(conformanceEngines)('the shared records on $name', ({ name, skip }) => {
  // vitest cannot skip one row of describe.each; the PostgreSQL row says why in its name below.
  const cluster = name === 'postgres' && !skip ? useThrowawayCluster() : null;
  let under: EngineUnderTest;
  const log: Entry[] = [];
  const note = (label: string, value: unknown) => log.push([label, value]);
  const write = <T>(fn: (tx: unknown) => Promise<T>) => under.engine.write(fn as never) as Promise<T>;
  const read = <T>(fn: (tx: unknown) => Promise<T>) => under.engine.read(fn as never) as Promise<T>;

  beforeAll(async () => {
    if (skip) return;
    if (name === 'sqlite') {
      under = sqliteEngineUnderTest();
      return;
    }
    const pg = await pgEngineUnderTest(cluster!());
    under = pg;
    // The test wording versions the records name, as migrate-store copies them: their versions (in the clear) are what the summaries show.
    const builtIn = sqliteEngineUnderTest({ staff: false, testTemplates: false });
    const text = listTemplates(builtIn.db)[0]!.text;
    await builtIn.close();
    const templates = createPgTemplateRepository(pg.cipher);
    await pg.engine.write(async (tx) => {
      for (const [i, id] of testTemplateIds.entries()) await templates.importTemplate(tx, { id, language: 'en', version: 1000 + i, text, active: false, createdAt: '2026-12-01T08:00:00.000Z' });
    });
  });
  afterAll(async () => {
    await under?.close();
    if (!skip) transcripts.set(name, log);
  });

  const ofelia = patient(1, { firstName: 'Ofelia', lastName: 'Marchetti', dateOfBirth: '1969-03-11', recordNumber: 'R-100', city: 'Springfield' });
  const bruno = patient(2, { firstName: 'Bruno', lastName: 'Okafor', dateOfBirth: '1990-07-30' });

  it.skipIf(skip)(`keeps patients, finds them, and refuses a stale edit or a taken record number${name === 'postgres' ? pgSkipReason : ''}`, async () => {
    const r = under.engine.records;
    await write(async (tx) => {
      await r.patients.insertPatient(tx, ofelia);
      await r.patients.insertPatient(tx, bruno);
    });
    const read1 = await read((tx) => r.patients.getPatient(tx, ofelia.id));
    expect(read1).toEqual({ ...ofelia, rowVersion: 1 });
    note('patient', normalise(read1));
    note('by record number', await outcome(read((tx) => r.patients.findPatientByRecordNumber(tx, 'R-100'))));
    note('search ofel', await outcome(read((tx) => r.patients.searchPatients(tx, 'ofel', 10, '2026-12-01'))));
    note('search birth', await outcome(read((tx) => r.patients.searchPatients(tx, '1990-07-30', 10, '2026-12-01'))));

    const taken = await outcome(write((tx) => r.patients.insertPatient(tx, patient(3, { firstName: 'Other', lastName: 'Person', dateOfBirth: '2000-01-01', recordNumber: 'R-100' }))));
    expect(taken).toEqual({ error: { code: 'conflict', message: 'Another patient already has this record number.' } });
    note('record number taken', taken);
    note('nobody added', await outcome(read((tx) => r.patients.getPatient(tx, uuid(3)))));

    const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = ofelia;
    note('edit from version 1', await outcome(write((tx) => r.patients.updatePatient(tx, ofelia.id, { ...fields, phone: '555-0100' }, at(30), { rowVersion: 1 }))));
    const stale = await outcome(write((tx) => r.patients.updatePatient(tx, ofelia.id, { ...fields, phone: '555-0199' }, at(31), { rowVersion: 1 })));
    expect(stale).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/Someone else changed this patient/) } });
    note('stale edit', stale);
    const edited = await read((tx) => r.patients.getPatient(tx, ofelia.id));
    expect(edited).toMatchObject({ phone: '555-0100', rowVersion: 2 });
    note('after edits', normalise(edited));
    note('unknown patient', await outcome(write((tx) => r.patients.updatePatient(tx, uuid(99), fields, at(32)))));
    note('record number taken by edit', await outcome(write((tx) => r.patients.updatePatient(tx, bruno.id, { ...fields, firstName: 'Bruno', recordNumber: 'R-100' }, at(33)))));
  });

  const consentId = 'auth-electronic';
  const text = 'I, Ofelia Marchetti, authorize Riverside Physical Therapy to use my testimonial.';
  const pdf = pdfOf('signed authorization of Ofelia Marchetti');

  it.skipIf(skip)('runs an authorization through its workflow, guards each step, and never overwrites what was signed', async () => {
    const c = under.engine.records.consents;
    await write((tx) => c.insertDraft(tx, { id: consentId, patientId: ofelia.id, templateId: 'template-1', terms: terms(), createdAt: at(40), createdBy: 'staff-frontdesk' }));
    note('draft', normalise(await read((tx) => c.getAuthorization(tx, consentId))));
    const later = terms({ kind: 'date', date: '2028-01-31' });
    note('edit draft v1', await outcome(write((tx) => c.updateDraft(tx, consentId, 'template-2', later, at(41), { rowVersion: 1 }))));
    const stale = await outcome(write((tx) => c.updateDraft(tx, consentId, 'template-3', terms(), at(42), { rowVersion: 1 })));
    expect(stale).toMatchObject({ error: { code: 'conflict' } });
    note('stale draft edit', stale);

    const signature = signatureOf('Ofelia Marchetti', text, at(43));
    note('sign', await outcome(write((tx) => c.recordPatientSignature(tx, consentId, signature))));
    const signed = await read((tx) => c.getAuthorization(tx, consentId));
    expect(signed).toMatchObject({ stage: 'signed', signerName: 'Ofelia Marchetti', templateId: 'template-2' });
    // Signed: the terms, the signature and the draft's deletion are refused, and nothing changes.
    expect(await write((tx) => c.updateDraft(tx, consentId, 'template-9', terms(), at(44)))).toBe(false);
    expect(await write((tx) => c.recordPatientSignature(tx, consentId, signatureOf('Someone Else', 'other text', at(45))))).toBe(false);
    expect(await write((tx) => c.deleteDraft(tx, consentId))).toBe(false);
    expect(await read((tx) => c.getAuthorization(tx, consentId))).toEqual(signed);
    note('signed', normalise(signed));
    note('signature image', await outcome(read((tx) => c.signatureImage(tx, consentId))));

    const finalization = { witnessId: 'staff-admin', witnessedAt: at(46), contentSha256: 'c'.repeat(64), pdf, pdfSha256: sha256(pdf) };
    const staleFinal = await outcome(write((tx) => c.finalizeAuthorization(tx, consentId, finalization, { rowVersion: 1 })));
    expect(staleFinal).toMatchObject({ error: { code: 'conflict' } });
    note('stale witnessing', staleFinal);
    note('witness', await outcome(write((tx) => c.finalizeAuthorization(tx, consentId, finalization, { rowVersion: signed!.rowVersion }))));
    note('witness again', await outcome(write((tx) => c.finalizeAuthorization(tx, consentId, { ...finalization, pdf: pdfOf('another'), pdfSha256: sha256(pdfOf('another')) }))));
    expect(await read((tx) => c.authorizationPdf(tx, consentId))).toEqual(pdf);
    note('final', normalise(await read((tx) => c.getAuthorization(tx, consentId))));
    note('expiration event on a dated authorization', await outcome(write((tx) => c.recordExpirationEvent(tx, consentId, { at: at(47), on: '2026-12-01', by: 'staff-admin' }))));
  });

  it.skipIf(skip)('records paper signatures and expiration events once', async () => {
    const c = under.engine.records.consents;
    const paperText = 'Printed authorization text for Bruno Okafor.';
    await write(async (tx) => {
      await c.insertDraft(tx, { id: 'auth-paper', patientId: bruno.id, templateId: 'template-1', terms: terms({ kind: 'event', event: 'the end of treatment' }), createdAt: at(50), createdBy: 'staff-frontdesk' });
      expect(await c.recordPaperFormPrinted(tx, 'auth-paper', { textSha256: sha256(Buffer.from(paperText)), printedAt: at(51) })).toBe(true);
    });
    const scan = Buffer.from('%PDF-1.7 scanned paper form of Bruno Okafor');
    const paper = {
      signerName: 'Bruno Okafor', signedOn: '2026-12-01', signedAt: at(52), workstation: 'reception-1', textShown: paperText, textSha256: sha256(Buffer.from(paperText)),
      documentShown, scan, scanType: 'application/pdf', scanSha256: sha256(scan), scanPages: 1, attestedBy: 'staff-admin', attestedAt: at(53),
      contentSha256: 'd'.repeat(64), pdf: pdfOf('paper authorization'), pdfSha256: sha256(pdfOf('paper authorization')),
    };
    note('paper: other text', await outcome(write((tx) => c.recordPaperSignature(tx, 'auth-paper', { ...paper, textSha256: 'e'.repeat(64) }))));
    note('paper: signed', await outcome(write((tx) => c.recordPaperSignature(tx, 'auth-paper', paper))));
    note('paper: again', await outcome(write((tx) => c.recordPaperSignature(tx, 'auth-paper', paper))));
    note('paper record', normalise(await read((tx) => c.getAuthorization(tx, 'auth-paper'))));
    note('paper scan', await outcome(read((tx) => c.paperScan(tx, 'auth-paper'))));
    note('event', await outcome(write((tx) => c.recordExpirationEvent(tx, 'auth-paper', { at: at(54), on: '2026-12-01', by: 'staff-admin' }))));
    note('event again', await outcome(write((tx) => c.recordExpirationEvent(tx, 'auth-paper', { at: at(55), on: '2026-12-02', by: 'staff-admin' }))));
    note('of patient', normalise(await read((tx) => c.listAuthorizationsOfPatient(tx, bruno.id))));
    note('unknown', await outcome(read((tx) => c.getAuthorization(tx, 'auth-none'))));
    note('unknown, with a version', await outcome(write((tx) => c.updateDraft(tx, 'auth-none', 'template-1', terms(), at(56), { rowVersion: 1 }))));
    // A draft can go; a final record cannot.
    await write((tx) => c.insertDraft(tx, { id: 'auth-gone', patientId: bruno.id, templateId: 'template-1', terms: terms(), createdAt: at(57), createdBy: 'staff-frontdesk' }));
    note('delete draft', await outcome(write((tx) => c.deleteDraft(tx, 'auth-gone', { rowVersion: 1 }))));
    note('delete final', await outcome(write((tx) => c.deleteDraft(tx, 'auth-paper'))));
  });

  it.skipIf(skip)('pages and chunks the authorizations alike, and keeps a revocation letter’s scan', async () => {
    const c = under.engine.records.consents;
    // The same instant as auth-paper: the id breaks the tie, on both engines.
    await write((tx) => c.insertDraft(tx, { id: 'auth-list', patientId: ofelia.id, templateId: 'template-3', terms: terms(), createdAt: at(50), createdBy: 'staff-frontdesk' }));
    const scan = Buffer.from('%PDF-1.7 revocation letter of Bruno Okafor');
    const ack = pdfOf('revocation acknowledgment');
    const revocation = { revokedAt: at(58), receivedOn: '2026-12-01', method: 'mail' as const, note: 'By letter', scan, scanType: 'application/pdf', scanSha256: sha256(scan), revokedBy: 'staff-admin', pdf: ack, pdfSha256: sha256(ack) };
    note('revoke with a scan', await outcome(write((tx) => c.recordRevocation(tx, 'auth-paper', revocation))));
    const kept = await read((tx) => c.revocationScan(tx, 'auth-paper'));
    expect(kept).toEqual({ bytes: scan, type: 'application/pdf', sha256: sha256(scan) });
    note('revocation scan', await outcome(read((tx) => c.revocationScan(tx, 'auth-paper'))));
    note('no revocation scan', await outcome(read((tx) => c.revocationScan(tx, consentId))));
    note('revocation scan of nothing', await outcome(read((tx) => c.revocationScan(tx, 'auth-none'))));

    for (const sort of ['createdAt', 'signedAt', 'patient'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const page = await read((tx) => c.consentPage(tx, consentPageInputSchema.parse({ sort, direction }), '2026-12-01'));
        expect(page.total).toBe(3);
        note(`page by ${sort} ${direction}`, await outcome(Promise.resolve(page)));
      }
    }
    const signedFirst = await read((tx) => c.consentPage(tx, consentPageInputSchema.parse({ sort: 'signedAt', direction: 'asc' }), '2026-12-01'));
    expect(signedFirst.rows.map((r) => r.id)).toEqual(['auth-list', 'auth-electronic', 'auth-paper']);
    note('page of drafts', await outcome(read((tx) => c.consentPage(tx, consentPageInputSchema.parse({ stage: 'draft' }), '2026-12-01'))));
    note('second page of one', await outcome(read((tx) => c.consentPage(tx, consentPageInputSchema.parse({ sort: 'patient', limit: 1, offset: 1 }), '2026-12-01'))));

    const first = await read((tx) => c.authorizationSummariesAfter(tx, null, 2, '2026-12-01'));
    expect(first.map((s) => s.id)).toEqual(['auth-electronic', 'auth-list']);
    note('first chunk', await outcome(Promise.resolve(first)));
    const last = first.at(-1)!;
    note('next chunk', await outcome(read((tx) => c.authorizationSummariesAfter(tx, { createdAt: last.createdAt, id: last.id }, 2, '2026-12-01'))));
    note('after the end', await outcome(read((tx) => c.authorizationSummariesAfter(tx, { createdAt: at(59), id: '' }, 2, '2026-12-01'))));
  });

  const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), crypto.createHash('sha512').update('before and after photo').digest()]);
  const post: StoredPost = postRecord({ id: 'post-1', testimonialId: 'testimonial-1', patientId: uuid(1), consentId, caption: 'Ofelia is back on her bike!', at: at(62) });

  it.skipIf(skip)('keeps testimonials with their media', async () => {
    const t = under.engine.records.testimonials;
    await write(async (tx) => {
      await t.insertTestimonial(tx, { id: 'testimonial-1', patientId: ofelia.id, title: 'Back on the bike', quote: 'I can ride to work again.', createdAt: at(60), createdBy: 'staff-marketing' });
      await t.insertMedia(tx, {
        id: 'media-1', testimonialId: 'testimonial-1', kind: 'photo', beforeAfter: true, fileName: 'ofelia-bike.jpg', mimeType: 'image/jpeg', bytes: photo.length,
        sha256: sha256(photo), width: 640, height: 480, data: photo, thumbnail: Buffer.from('tiny jpeg'), metadataRemoved: ['GPS'], createdAt: at(61), createdBy: 'staff-marketing',
      });
    });
    note('testimonial', normalise(await read((tx) => t.getTestimonial(tx, 'testimonial-1'))));
    note('of patient', normalise(await read((tx) => t.listTestimonials(tx, { patientId: ofelia.id }))));
    note('by ids', normalise(await read((tx) => t.listTestimonials(tx, { ids: ['testimonial-1', 'testimonial-none'] }))));
    note('none', normalise(await read((tx) => t.listTestimonials(tx, { ids: [] }))));
    const media = await read((tx) => t.getMedia(tx, 'media-1'));
    expect(media?.data).toEqual(photo);
    note('media', normalise(media));
    note('media of', normalise(await read((tx) => t.mediaOfTestimonial(tx, 'testimonial-1'))));
  });

  it.skipIf(skip)('runs a post through its workflow: a stale save is a conflict, and a kept verdict is not an edit', async () => {
    const p = under.engine.records.posts;
    const k = under.engine.records.coverage;
    await write(async (tx) => {
      await k.clearStale(tx, await k.stalePostIds(tx));
      await p.insertPost(tx, post, 'staff-marketing');
    });
    note('new post is stale', await outcome(read((tx) => k.stalePostIds(tx))));
    note('post', normalise(await read((tx) => p.getPost(tx, 'post-1'))));
    note('save v1', await outcome(write((tx) => p.updatePostContent(tx, { ...post, caption: 'Ofelia rides again', updatedAt: at(63) }, { rowVersion: 1 }))));
    const stale = await outcome(write((tx) => p.updatePostContent(tx, { ...post, caption: 'Lost update', updatedAt: at(64) }, { rowVersion: 1 })));
    expect(stale).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/Someone else changed this post/) } });
    note('stale save', stale);
    note('save a deleted post', await outcome(write((tx) => p.updatePostContent(tx, { ...post, id: 'post-none' }, { rowVersion: 1 }))));

    await write((tx) => p.approveIdentifiers(tx, 'post-1', { by: 'staff-admin', byName: 'Pat Privacy', at: at(65), reason: 'Shows her first name only', sha256: 'f'.repeat(64) }));
    await write((tx) => p.updateDisclosures(tx, 'post-1', { contentKinds: ['first_name', 'written_testimonial', 'photographs'], blockingIdentifiers: [], healthMentions: [] }));
    const beforeApproval = (await read((tx) => p.getPost(tx, 'post-1')))!;
    note('approve', await outcome(write((tx) => p.setPostState(tx, 'post-1', 'approved', at(66), { approvedBy: 'staff-admin', approvedAt: at(66), reliedConsentPdfSha256: sha256(pdf) }, { rowVersion: beforeApproval.rowVersion }))));
    note('publish from a stale version', await outcome(write((tx) => p.setPostState(tx, 'post-1', 'published', at(67), { publishedAt: at(67), publishedUrl: 'https://facebook.example/post/1' }, { rowVersion: beforeApproval.rowVersion }))));
    const approved = (await read((tx) => p.getPost(tx, 'post-1')))!;
    await write((tx) => p.setPostState(tx, 'post-1', 'published', at(68), { publishedAt: at(68), publishedUrl: 'https://facebook.example/post/1' }, { rowVersion: approved.rowVersion }));
    await write((tx) => p.setReview(tx, 'post-1', { at: at(69), reason: 'A parent’s authorization ended' }));
    note('published', normalise(await read((tx) => p.getPost(tx, 'post-1'))));
    note('published list', normalise(await read((tx) => p.listPosts(tx, { states: ['published'], consentId }))));
    note('drafts', normalise(await read((tx) => p.listPosts(tx, { states: ['draft'] }))));
    note('by testimonial and patient', normalise(await read((tx) => p.listPosts(tx, { testimonialId: 'testimonial-1', patientId: ofelia.id, ids: ['post-1'] }))));
    note('counts', await outcome(read((tx) => p.countPostsByState(tx))));

    // The kept verdict: kept and read back, counted as live and uncovered, due again on its day; none of it raises the version.
    const version = (await read((tx) => p.getPost(tx, 'post-1')))!.rowVersion;
    const verdict = { covered: false, reasons: [{ code: 'not_final' as const, message: 'The authorization is not final.' }], changesOn: '2027-06-01' };
    await write(async (tx) => {
      await k.keepVerdict(tx, 'post-1', verdict);
      await k.clearStale(tx, ['post-1']);
    });
    expect((await read((tx) => p.getPost(tx, 'post-1')))!.rowVersion).toBe(version);
    note('kept', await outcome(read((tx) => k.keptVerdict(tx, 'post-1'))));
    note('never judged', await outcome(read((tx) => k.keptVerdict(tx, 'post-none'))));
    note('stale after clearing', await outcome(read((tx) => k.stalePostIds(tx))));
    note('live uncovered', await outcome(read((tx) => k.liveUncoveredPostIds(tx))));
    note('count live uncovered', await outcome(read((tx) => k.countLiveUncovered(tx))));
    note('due the day before', await outcome(write((tx) => k.markCoverageDue(tx, '2027-05-31'))));
    note('due on the day', await outcome(write((tx) => k.markCoverageDue(tx, '2027-06-01'))));
    note('stale when due', await outcome(read((tx) => k.stalePostIds(tx))));
  });

  it.skipIf(skip)('revokes once, and the revocation marks the consent’s posts stale', async () => {
    const c = under.engine.records.consents;
    const k = under.engine.records.coverage;
    await write(async (tx) => k.clearStale(tx, await k.stalePostIds(tx)));
    const revocationPdf = pdfOf('revocation acknowledgment');
    const revocation = { revokedAt: at(70), receivedOn: '2026-12-01', method: 'in_person' as const, note: 'At the front desk', scan: null, scanType: null, scanSha256: null, revokedBy: 'staff-frontdesk', pdf: revocationPdf, pdfSha256: sha256(revocationPdf) };
    note('revoke', await outcome(write((tx) => c.recordRevocation(tx, consentId, revocation))));
    note('revoke again', await outcome(write((tx) => c.recordRevocation(tx, consentId, { ...revocation, revokedAt: at(71), note: 'Overwritten?' }))));
    note('revoked', normalise(await read((tx) => c.getAuthorization(tx, consentId))));
    note('revocation pdf', await outcome(read((tx) => c.revocationPdf(tx, consentId))));
    note('stale after revocation', await outcome(read((tx) => k.stalePostIds(tx))));
    note('all', normalise(await read((tx) => c.listAuthorizations(tx))));
  });

  it.skipIf(skip)('reads what the compliance reports select: published posts by id, posts of consents, revocations, and activity counts', async () => {
    const reports = under.engine.records.reports;
    const audit = under.engine.records.audit;
    // A draft (never published, not in the report's posts) and a second published post, of the other patient and no consent.
    await write(async (tx) => {
      await under.engine.records.posts.insertPost(tx, { ...post, id: 'post-0-draft', createdAt: at(72), updatedAt: at(72) }, 'staff-marketing');
      await under.engine.records.posts.insertPost(tx, { ...post, id: 'post-2', patientId: bruno.id, consentId: null, createdAt: at(73), updatedAt: at(73) }, 'staff-marketing');
      await under.engine.records.posts.setPostState(tx, 'post-2', 'published', at(74), { publishedAt: '2026-11-30', publishedUrl: 'https://x.example/2' });
    });
    note('reported posts', normalise(await read((tx) => reports.reportedPostsAfter(tx, null, 10))));
    note('reported posts, one at a time', normalise(await read((tx) => reports.reportedPostsAfter(tx, null, 1))));
    note('reported posts after post-1', normalise(await read((tx) => reports.reportedPostsAfter(tx, 'post-1', 10))));
    note('reported posts after the last', normalise(await read((tx) => reports.reportedPostsAfter(tx, 'post-2', 10))));
    note('posts of the consent', normalise(await read((tx) => reports.postsOfConsents(tx, [consentId, 'auth-none']))));
    note('posts of no consent', normalise(await read((tx) => reports.postsOfConsents(tx, []))));
    note('revocations in the day', normalise(await read((tx) => reports.revocationsBetween(tx, at(0), at(100)))));
    note('revocations from the minute after', normalise(await read((tx) => reports.revocationsBetween(tx, at(71), at(100)))));

    // Activity: the system, a name tried at sign-in, one staff member under two usernames; names whose UTF-8 and UTF-16 orders differ.
    const events: [string | null, string, 'report.viewed' | 'consent.revoked' | 'session.sign_in_failed', number][] = [
      ['staff-frontdesk', 'frontdesk', 'consent.revoked', 80],
      [null, 'system', 'report.viewed', 81],
      ['staff-frontdesk', 'frontdesk', 'consent.revoked', 82],
      [null, '\uff5aed', 'session.sign_in_failed', 83],
      [null, '\u{1f600}', 'session.sign_in_failed', 84],
      ['staff-frontdesk', 'front.desk', 'report.viewed', 85],
      ['staff-admin', 'admin', 'report.viewed', 86],
      ['staff-frontdesk', 'frontdesk', 'report.viewed', 87],
      ['staff-admin', 'admin', 'report.viewed', 90],
    ];
    await write(async (tx) => {
      for (const [actorId, actorName, action, minute] of events) await audit.appendAudit(tx, { at: at(minute), actorId, actorName, action, subjectType: null, subjectId: null, detail: '' });
    });
    note('activity in the window', await outcome(read((tx) => audit.activityBetween(tx, at(80), at(91)))));
    note('activity, the last event left out', await outcome(read((tx) => audit.activityBetween(tx, at(81), at(90)))));
    note('activity in an empty window', await outcome(read((tx) => audit.activityBetween(tx, at(91), at(99)))));
  });

  it.skipIf(skip)('pages the audit trail by every filter, newest first with the total, and verifies the chain', async () => {
    const audit = under.engine.records.audit;
    await write((tx) => audit.appendAudit(tx, { at: at(95), actorId: 'staff-admin', actorName: 'admin', action: 'consent.revoked', subjectType: 'authorization', subjectId: consentId, detail: 'by letter' }));
    const page = (filter: Parameters<typeof audit.auditPage>[1]) => outcome(read(async (tx) => normalise(await audit.auditPage(tx, filter))));
    const totalOf = async (filter: Parameters<typeof audit.auditPage>[1]) => (await read((tx) => audit.auditPage(tx, filter))).total;
    expect(await totalOf({ actor: 'FrontDesk' })).toBe(3);
    expect(await totalOf({ action: 'REPORT.' })).toBe(5);
    expect(await totalOf({ action: 'report_' })).toBe(0);
    expect(await totalOf({ subjectId: consentId })).toBe(1);
    expect((await read((tx) => audit.auditPage(tx, { actor: 'frontdesk', limit: 2, beforeSeq: 8 }))).events.every((e) => e.seq < 8 && e.actorName === 'frontdesk')).toBe(true);
    note('trail, newest page of 3', await page({ limit: 3 }));
    note('trail, the page before event 5', await page({ limit: 2, beforeSeq: 5 }));
    note('trail by actor (case folded)', await page({ actor: 'FrontDesk', limit: 2 }));
    note('trail by actor, the page before its newest', await page({ actor: 'frontdesk', limit: 2, beforeSeq: 8 }));
    note('trail by a name tried at sign-in', await page({ actor: '\uff5aed' }));
    note('trail by action prefix, any case', await page({ action: 'REPORT.', limit: 500 }));
    note('trail by action with a wildcard taken literally', await page({ action: 'report_' }));
    note('trail by subject', await page({ subjectId: consentId }));
    note('trail by days', await page({ from: '2026-12-01', to: '2026-12-01', limit: 1 }));
    note('trail by a day with nothing', await page({ from: '2026-12-02' }));
    note('trail by everything at once', await page({ from: '2026-12-01', to: '2026-12-31', actor: 'admin', action: 'report', limit: 1 }));
    const verified = await outcome(read((tx) => audit.verifyChain(tx)));
    expect(verified).toMatchObject({ ok: { intact: true } });
    note('chain verified', verified);
  });

  it.skipIf(skip)('refuses a write inside a read transaction, and leaves nothing of it', async () => {
    const refused = await read((tx) => under.engine.records.patients.insertPatient(tx, patient(5, { firstName: 'Read', lastName: 'Only', dateOfBirth: '1980-01-01' }))).then(
      () => 'written',
      () => 'refused',
    );
    expect(refused).toBe('refused');
    expect(await read((tx) => under.engine.records.patients.getPatient(tx, uuid(5)))).toBeUndefined();
  });

  it.skipIf(skip)('lists posts and testimonials made in the same instant by id, last first, as the whole-store check’s chunks (a practice moved to a server lists them as the file did)', async () => {
    const p = under.engine.records.posts;
    const made = ['post-tie-m', 'post-tie-b', 'post-tie-z'];
    await write(async (tx) => {
      for (const id of made) await p.insertPost(tx, postRecord({ id, testimonialId: 'testimonial-1', patientId: ofelia.id, consentId: null, caption: id, at: at(90) }), 'staff-marketing');
    });
    const tied = (await read((tx) => p.listPosts(tx))).filter((post) => made.includes(post.id)).map((post) => post.id);
    note('posts tied on their creation', tied);
    expect(tied).toEqual([...made].sort().reverse());
    const stories = ['testimonial-tie-m', 'testimonial-tie-b'];
    await write(async (tx) => {
      for (const id of stories) await under.engine.records.testimonials.insertTestimonial(tx, { id, patientId: ofelia.id, title: id, quote: id, createdAt: at(90), createdBy: 'staff-marketing' });
    });
    const tiedStories = (await read((tx) => under.engine.records.testimonials.listTestimonials(tx))).filter((t) => stories.includes(t.id)).map((t) => t.id);
    note('testimonials tied on their creation', tiedStories);
    expect(tiedStories).toEqual([...stories].sort().reverse());
  });

  it.skipIf(skip)('narrows lists by any typed filter exactly as the same filter applied to the whole list', async () => {
    const p = under.engine.records.posts;
    const states: PostState[] = ['draft', 'approved', 'published', 'takedown_required', 'taken_down'];
    await write(async (tx) => {
      for (const [i, state] of [...states, 'draft' as const].entries()) {
        await p.insertPost(tx, { ...postRecord({ id: `post-f${i}`, testimonialId: 'testimonial-1', patientId: ofelia.id, consentId: i % 2 ? consentId : null, caption: `Filter ${i}`, at: at(80 + i) }), state }, 'staff-marketing');
      }
    });
    const all = await read((tx) => p.listPosts(tx));
    const ids = [...all.map((post) => post.id), 'post-none'];
    const filter = fc.record(
      {
        ids: fc.subarray(ids),
        states: fc.subarray(states),
        consentId: fc.constantFrom(consentId, 'auth-none'),
        patientId: fc.constantFrom(ofelia.id, bruno.id),
        testimonialId: fc.constantFrom('testimonial-1', 'testimonial-none'),
      },
      { requiredKeys: [] },
    );
    const matches = (post: StoredPost, f: PostFilter) =>
      (!f.ids || f.ids.includes(post.id)) &&
      (!f.states || f.states.includes(post.state)) &&
      (f.consentId === undefined || post.consentId === f.consentId) &&
      (f.patientId === undefined || post.patientId === f.patientId) &&
      (f.testimonialId === undefined || post.testimonialId === f.testimonialId);
    await fc.assert(
      fc.asyncProperty(filter, async (f) => {
        const listed = await read((tx) => p.listPosts(tx, f));
        expect(listed.map((post) => post.id)).toEqual(all.filter((post) => matches(post, f)).map((post) => post.id));
      }),
      { numRuns: 60 },
    );
    const t = under.engine.records.testimonials;
    const allTestimonials = await read((tx) => t.listTestimonials(tx));
    await fc.assert(
      fc.asyncProperty(fc.record({ ids: fc.subarray(['testimonial-1', 'testimonial-none']), patientId: fc.constantFrom(ofelia.id, bruno.id) }, { requiredKeys: [] }), async (f) => {
        const listed = await read((tx) => t.listTestimonials(tx, f));
        const expected = allTestimonials.filter((x) => (!f.ids || f.ids.includes(x.id)) && (f.patientId === undefined || x.patientId === f.patientId));
        expect(listed.map((x) => x.id)).toEqual(expected.map((x) => x.id));
      }),
      { numRuns: 20 },
    );
  });

  it.skipIf(skip)('names the channels with posts in some states once each, in SQLite’s BINARY order (UTF-8 bytes)', async () => {
    const p = under.engine.records.posts;
    // Upper case before lower, ASCII before accents, and an emoji (U+1F4F7) after U+FF57, which UTF-16's order would put first.
    const channels: [string, PostState][] = [
      ['instagram', 'published'],
      ['Zed', 'takedown_required'],
      ['\u00e9clair', 'published'],
      ['\u{1f4f7}gram', 'takedown_required'],
      ['\uff57eb', 'published'],
      ['instagram', 'takedown_required'],
      ['tiktok', 'draft'],
      ['linkedin', 'taken_down'],
    ];
    await write(async (tx) => {
      for (const [i, [channel, state]] of channels.entries()) {
        await p.insertPost(tx, { ...postRecord({ id: `post-c${i}`, testimonialId: 'testimonial-1', patientId: ofelia.id, consentId: null, caption: `Channel ${i}`, at: at(100 + i) }), channel, state }, 'staff-marketing');
      }
    });
    const live = await read((tx) => p.channelsWithPostsIn(tx, ['published', 'takedown_required']));
    // facebook: post-1 and the filter test's published and takedown_required posts.
    expect(live).toEqual(['Zed', 'facebook', 'instagram', '\u00e9clair', '\uff57eb', '\u{1f4f7}gram']);
    note('live channels', live);
    note('draft channels', await outcome(read((tx) => p.channelsWithPostsIn(tx, ['draft']))));
    note('no states', await outcome(read((tx) => p.channelsWithPostsIn(tx, []))));
  });
});

describe.skipIf(!pgAvailable)(`both engines${pgSkipReason}`, () => {
  it('gave the same records, errors and verdicts for the same inputs', () => {
    const sqlite = transcripts.get('sqlite');
    const postgres = transcripts.get('postgres');
    expect(sqlite?.length).toBeGreaterThan(60);
    // Entry by entry first, so a difference names its step; then the whole, byte for byte.
    for (const [i, entry] of (sqlite ?? []).entries()) expect(postgres?.[i]).toEqual(entry);
    expect(JSON.stringify(postgres)).toBe(JSON.stringify(sqlite));
  });
});
