import crypto from 'node:crypto';
import fc from 'fast-check';
import pg from 'pg';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../testing/pdf-tools';
import { FieldCipher } from './field-crypto';
import { createPgConsentRepository } from './pg-consent-repository';
import { insertPatientPg } from './pg-patient-repository';
import { createPgPostRepository } from './pg-post-repository';
import { createPgTestimonialRepository } from './pg-testimonial-repository';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from './testing/pg-cluster';
import { inTransaction, patientRecord, postRecord, schemaAndAppClient, signatureOf, terms } from './testing/pg-fixtures';

const cipher = new FieldCipher([{ keyId: 1, dataKey: crypto.randomBytes(32) }], 1);
const consents = createPgConsentRepository(cipher);
const testimonials = createPgTestimonialRepository(cipher);
const posts = createPgPostRepository(cipher);

let clock = Date.parse('2026-12-01T09:00:00.000Z');
const now = () => new Date((clock += 1000)).toISOString();
const staffId = 'staff-frontdesk';

async function authorizationPdf(lines: string[]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([612, 792]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  lines.forEach((line, i) => page.drawText(line, { x: 72, y: 700 - i * 18, size: 12, font }));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

describe.skipIf(!pgAvailable)(`PostgreSQL consents, testimonials and posts${pgSkipReason}`, () => {
  const cluster = useThrowawayCluster();
  let app: pg.Client;
  let other: pg.Client;

  beforeAll(async () => {
    app = await schemaAndAppClient(cluster());
    other = new pg.Client({ connectionString: cluster().appUrl });
    await other.connect();
  });
  afterAll(async () => {
    await Promise.all([app?.end(), other?.end()]);
  });

  async function signedConsent(patientName: [string, string], dateOfBirth: string) {
    const patient = patientRecord({ firstName: patientName[0], lastName: patientName[1], dateOfBirth }, now());
    const id = crypto.randomUUID();
    const text = `I, ${patientName.join(' ')}, born ${dateOfBirth}, authorize Riverside Physical Therapy to use my testimonial.`;
    const pdf = await authorizationPdf([`Authorization of ${patientName.join(' ')}`, `Date of birth ${dateOfBirth}`]);
    await inTransaction(app, async () => {
      await insertPatientPg(app, cipher, patient);
      await consents.insertDraft(app, { id, patientId: patient.id, templateId: 'template-1', terms: terms(), createdAt: now(), createdBy: staffId });
      expect(await consents.recordPatientSignature(app, id, signatureOf(patientName.join(' '), text, now()))).toBe(true);
      expect(await consents.finalizeAuthorization(app, id, { witnessId: 'staff-admin', witnessedAt: now(), contentSha256: 'c'.repeat(64), pdf, pdfSha256: sha256(pdf) })).toBe(true);
    });
    return { patient, id, pdf, text };
  }

  it('runs an authorization through its workflow, and never overwrites what was signed', async () => {
    const patient = patientRecord({ firstName: 'Ofelia', lastName: 'Marchetti', dateOfBirth: '1969-03-11' }, now());
    const id = crypto.randomUUID();
    await inTransaction(app, async () => {
      await insertPatientPg(app, cipher, patient);
      await consents.insertDraft(app, { id, patientId: patient.id, templateId: 'template-1', terms: terms(), createdAt: now(), createdBy: staffId });
    });
    const draft = (await consents.getAuthorization(app, id))!;
    expect(draft).toMatchObject({ stage: 'draft', patientId: patient.id, terms: terms(), signerName: null, rowVersion: 1 });

    // Two workstations edit the same draft from version 1: the second is told, and its terms are not written.
    const later = terms({ kind: 'date', date: '2028-01-31' });
    expect(await inTransaction(app, () => consents.updateDraft(app, id, 'template-2', later, now(), { rowVersion: 1 }))).toBe(true);
    await expect(inTransaction(other, () => consents.updateDraft(other, id, 'template-3', terms(), now(), { rowVersion: 1 }))).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/Someone else changed this authorization/),
    });
    expect(await consents.getAuthorization(app, id)).toMatchObject({ templateId: 'template-2', terms: later, rowVersion: 2 });

    const text = 'I, Ofelia Marchetti, authorize Riverside Physical Therapy to use my testimonial.';
    const signature = signatureOf('Ofelia Marchetti', text, now());
    expect(await inTransaction(app, () => consents.recordPatientSignature(app, id, signature))).toBe(true);
    // Signed: the terms are fixed, a second signature is refused, the draft can no longer be deleted.
    expect(await inTransaction(app, () => consents.updateDraft(app, id, 'template-1', terms(), now()))).toBe(false);
    expect(await inTransaction(app, () => consents.recordPatientSignature(app, id, signatureOf('Someone Else', text, now())))).toBe(false);
    expect(await inTransaction(app, () => consents.deleteDraft(app, id))).toBe(false);
    expect(await consents.signatureImage(app, id)).toEqual(signature.signaturePng);

    const pdf = await authorizationPdf(['Authorization of Ofelia Marchetti']);
    const witnessedAt = now();
    expect(
      await inTransaction(app, () => consents.finalizeAuthorization(app, id, { witnessId: 'staff-admin', witnessedAt, contentSha256: 'a'.repeat(64), pdf, pdfSha256: sha256(pdf) })),
    ).toBe(true);
    const final = (await consents.getAuthorization(app, id))!;
    expect(final).toMatchObject({
      stage: 'final',
      signerName: 'Ofelia Marchetti',
      strokes: signature.strokes,
      canvas: signature.canvas,
      esignAgreed: true,
      textShown: text,
      textSha256: signature.textSha256,
      documentShown: signature.documentShown,
      witnessId: 'staff-admin',
      witnessedAt,
      pdfSha256: sha256(pdf),
      updatedAt: witnessedAt,
    });
    expect(await consents.authorizationPdf(app, id)).toEqual(pdf);

    // The server refuses an overwrite of any signed part, whatever a workstation sends.
    const refused = (sql: string, params: unknown[]) => expect(app.query(sql, params)).rejects.toThrow(/never overwritten|never deleted/);
    await refused('UPDATE authorizations SET pdf = $2 WHERE id = $1', [id, cipher.encrypt(Buffer.from('forged'), { table: 'authorizations', column: 'pdf', recordId: id })]);
    await refused('UPDATE authorizations SET signature = NULL WHERE id = $1', [id]);
    await refused('UPDATE authorizations SET terms = $2 WHERE id = $1', [id, Buffer.alloc(64)]);
    await refused("UPDATE authorizations SET stage = 'draft' WHERE id = $1", [id]);
    await refused('DELETE FROM authorizations WHERE id = $1', [id]);
    // Nor can the app's role switch the guard off.
    await expect(app.query('ALTER TABLE authorizations DISABLE TRIGGER USER')).rejects.toThrow(/must be owner/);
    await expect(app.query('DROP TRIGGER authorizations_keep_signed ON authorizations')).rejects.toThrow(/must be owner/);

    const revocationPdf = await authorizationPdf(['Revocation received']);
    const revoke = (by: string) =>
      consents.recordRevocation(app, id, {
        revokedAt: now(),
        receivedOn: '2026-12-01',
        method: 'in_person',
        note: 'Ofelia asked at the desk',
        scan: Buffer.from('scan bytes'),
        scanType: 'image/png',
        scanSha256: sha256(Buffer.from('scan bytes')),
        revokedBy: by,
        pdf: revocationPdf,
        pdfSha256: sha256(revocationPdf),
      });
    expect(await inTransaction(app, () => revoke('staff-frontdesk'))).toBe(true);
    expect(await inTransaction(app, () => revoke('staff-admin'))).toBe(false);
    await refused('UPDATE authorizations SET revoked_at = $2 WHERE id = $1', [id, now()]);
    expect(await consents.getAuthorization(app, id)).toMatchObject({
      revocationMethod: 'in_person',
      revocationNote: 'Ofelia asked at the desk',
      revokedBy: 'staff-frontdesk',
      hasRevocationScan: true,
      revocationPdfSha256: sha256(revocationPdf),
    });
    expect(await consents.revocationPdf(app, id)).toEqual(revocationPdf);
    // A revoked authorization's PDF opens still, and is still the one signed.
    expect(pdfText((await consents.authorizationPdf(app, id))!)).toContain('Authorization of Ofelia Marchetti');
  });

  it('records an expiration event only for an event-bound authorization, and a paper signature only for the printed text', async () => {
    const patient = patientRecord({ firstName: 'Teodoro', lastName: 'Vasquez-Lind', dateOfBirth: '1950-07-07' }, now());
    const [byEvent, paper] = [crypto.randomUUID(), crypto.randomUUID()];
    const printedText = 'Printed authorization text';
    const printedSha = crypto.createHash('sha256').update(printedText).digest('hex');
    await inTransaction(app, async () => {
      await insertPatientPg(app, cipher, patient);
      await consents.insertDraft(app, { id: byEvent, patientId: patient.id, templateId: 't', terms: terms({ kind: 'event', event: 'End of treatment' }), createdAt: now(), createdBy: staffId });
      await consents.insertDraft(app, { id: paper, patientId: patient.id, templateId: 't', terms: terms(), createdAt: now(), createdBy: staffId });
    });
    const pdf = await authorizationPdf(['Paper authorization']);
    const paperSignature = {
      signerName: 'Teodoro Vasquez-Lind',
      signedOn: '2026-11-30',
      signedAt: '2026-11-30T12:00:00.000Z',
      workstation: 'reception-2',
      textShown: printedText,
      textSha256: printedSha,
      documentShown: signatureOf('x', 'x', now()).documentShown,
      scan: Buffer.from('%PDF-1.7 scanned paper'),
      scanType: 'application/pdf',
      scanSha256: 'd'.repeat(64),
      scanPages: 2,
      attestedBy: 'staff-admin',
      attestedAt: now(),
      contentSha256: 'e'.repeat(64),
      pdf,
      pdfSha256: sha256(pdf),
    };
    // Not printed yet: a paper signature has nothing to match.
    expect(await inTransaction(app, () => consents.recordPaperSignature(app, paper, paperSignature))).toBe(false);
    expect(await inTransaction(app, () => consents.recordPaperFormPrinted(app, paper, { textSha256: printedSha, printedAt: now() }))).toBe(true);
    expect(await inTransaction(app, () => consents.recordPaperSignature(app, paper, { ...paperSignature, textSha256: 'f'.repeat(64) }))).toBe(false);
    expect(await inTransaction(app, () => consents.recordPaperSignature(app, paper, paperSignature))).toBe(true);
    expect(await consents.getAuthorization(app, paper)).toMatchObject({
      stage: 'final',
      signingMethod: 'paper',
      esignAgreed: false,
      paperSignedOn: '2026-11-30',
      paperScanPages: 2,
      witnessId: 'staff-admin',
      paperFormTextSha256: printedSha,
    });
    expect(await consents.paperScan(app, paper)).toEqual({ bytes: paperSignature.scan, type: 'application/pdf' });
    // A date-bound authorization takes no expiration event; a draft takes none either.
    expect(await inTransaction(app, () => consents.recordExpirationEvent(app, paper, { at: now(), on: '2026-12-01', by: staffId }))).toBe(false);
    expect(await inTransaction(app, () => consents.recordExpirationEvent(app, byEvent, { at: now(), on: '2026-12-01', by: staffId }))).toBe(false);
    expect(await consents.listAuthorizationsOfPatient(app, patient.id)).toHaveLength(2);
    expect(await inTransaction(app, () => consents.deleteDraft(app, byEvent))).toBe(true);
    expect(await consents.getAuthorization(app, byEvent)).toBeUndefined();
  });

  it('lets exactly one of two workstations saving the same post version win, the other getting a conflict', async () => {
    const { patient, id: consentId } = await signedConsent(['Rosalind', 'Achterberg'], '1988-02-29');
    const testimonialId = crypto.randomUUID();
    const post = postRecord({ testimonialId, patientId: patient.id, consentId, caption: 'Rosalind walks again', at: now() });
    await inTransaction(app, async () => {
      await testimonials.insertTestimonial(app, { id: testimonialId, patientId: patient.id, title: 'Back on her feet', quote: 'I walk my dog every morning now', createdAt: now(), createdBy: staffId });
      await posts.insertPost(app, post, staffId);
    });
    // Both read version 1 and save at the same moment, each in its own transaction on its own connection.
    const save = (client: pg.Client, caption: string) =>
      inTransaction(client, () => posts.updatePostContent(client, { ...post, caption, updatedAt: now() }, { rowVersion: 1 })).then(
        () => 'saved' as const,
        (error: { code?: string }) => error.code ?? String(error),
      );
    const outcomes = await Promise.all([save(app, 'Caption from marketing'), save(other, 'Caption from the front desk')]);
    expect(outcomes.sort()).toEqual(['conflict', 'saved']);
    const saved = (await posts.getPost(app, post.id))!;
    expect(saved.rowVersion).toBe(2);
    expect(['Caption from marketing', 'Caption from the front desk']).toContain(saved.caption);

    await inTransaction(app, () => posts.setPostState(app, post.id, 'approved', now(), { approvedBy: 'staff-admin', approvedAt: now(), reliedConsentPdfSha256: 'b'.repeat(64) }, { rowVersion: 2 }));
    await inTransaction(app, () => posts.approveIdentifiers(app, post.id, { by: 'staff-admin', byName: 'Pat Privacy', at: now(), reason: 'Patient asked', sha256: '1'.repeat(64) }));
    await inTransaction(app, () => posts.setPostState(app, post.id, 'published', now(), { publishedAt: now(), publishedUrl: 'https://facebook.example/riverside/1' }));
    expect(await posts.getPost(app, post.id)).toMatchObject({
      state: 'published',
      reliedConsentPdfSha256: 'b'.repeat(64),
      publishedUrl: 'https://facebook.example/riverside/1',
      identifiersApproval: { byName: 'Pat Privacy', reason: 'Patient asked' },
      rowVersion: 5,
    });
    // A stale save after all that: refused.
    await expect(inTransaction(other, () => posts.setPostState(other, post.id, 'taken_down', now(), {}, { rowVersion: 2 }))).rejects.toMatchObject({ code: 'conflict' });
    expect((await posts.countPostsByState(app)).published).toBe(1);
    expect((await posts.listPosts(app, { consentId, states: ['published'] })).map((p) => p.id)).toEqual([post.id]);
    expect(await posts.listPosts(app, { states: ['draft'], consentId })).toEqual([]);
  });

  it('keeps each post’s verdict, marks posts stale when their consent changes, and finds them due by the sealed day', async () => {
    const { patient, id: consentId, pdf } = await signedConsent(['Benedikt', 'Oyelaran'], '2009-05-19');
    const testimonialId = crypto.randomUUID();
    const post = postRecord({ testimonialId, patientId: patient.id, consentId, caption: 'Benedikt is back on the team', at: now() });
    await inTransaction(app, async () => {
      await testimonials.insertTestimonial(app, { id: testimonialId, patientId: patient.id, title: 'Team', quote: 'Back to football', createdAt: now(), createdBy: staffId });
      await posts.insertPost(app, { ...post, state: 'approved' }, staffId);
    });
    expect(await posts.stalePostIds(app)).toContain(post.id);
    await inTransaction(app, async () => {
      await posts.keepVerdict(app, post.id, { covered: true, reasons: [], changesOn: '2027-05-19' });
      await posts.clearStale(app, [post.id]);
    });
    expect(await posts.keptVerdict(app, post.id)).toEqual({ covered: true, reasons: [], changesOn: '2027-05-19' });
    // Keeping a verdict is not an edit: the post's version stays, and nothing went stale.
    expect((await posts.getPost(app, post.id))!.rowVersion).toBe(1);
    expect(await posts.stalePostIds(app)).not.toContain(post.id);
    // The server sees only the month the verdict may change in, not the day (it can be a minor's birthday).
    const visible = (await app.query('SELECT coverage_recheck_from FROM posts WHERE id = $1', [post.id])).rows[0];
    expect(visible).toEqual({ coverage_recheck_from: '2027-05-01' });
    expect(await inTransaction(app, () => posts.markCoverageDue(app, '2027-05-18'))).toBe(0);
    expect(await inTransaction(app, () => posts.markCoverageDue(app, '2027-05-19'))).toBe(1);
    await inTransaction(app, () => posts.clearStale(app, [post.id]));

    // A revocation of the consent makes the post stale in the same transaction.
    await inTransaction(app, async () => {
      await consents.recordRevocation(app, consentId, { revokedAt: now(), receivedOn: '2026-12-01', method: 'mail', note: '', scan: null, scanType: null, scanSha256: null, revokedBy: staffId, pdf, pdfSha256: sha256(pdf) });
      expect(await posts.stalePostIds(app)).toContain(post.id);
      await posts.keepVerdict(app, post.id, { covered: false, reasons: [{ code: 'revoked', message: 'The authorization was revoked.' }], changesOn: null });
      await posts.clearStale(app, [post.id]);
    });
    expect(await posts.liveUncoveredPostIds(app)).toEqual([post.id]);
    expect(await posts.countLiveUncovered(app)).toBe(1);
    expect((await posts.keptVerdict(app, post.id))?.reasons[0]?.message).toBe('The authorization was revoked.');
  });

  it('stores testimonials with media sealed, bound to their rows', async () => {
    const patient = patientRecord({ firstName: 'Guinevere', lastName: 'Thorsdottir', dateOfBirth: '1979-12-24' }, now());
    const testimonialId = crypto.randomUUID();
    const photo = crypto.randomBytes(4096);
    const [photoId, secondId] = [crypto.randomUUID(), crypto.randomUUID()];
    const media = (id: string, data: Buffer) => ({
      id,
      testimonialId,
      kind: 'photo' as const,
      beforeAfter: true,
      fileName: 'guinevere-knee.jpg',
      mimeType: 'image/jpeg',
      bytes: data.length,
      sha256: sha256(data),
      width: 800,
      height: 600,
      metadataRemoved: ['GPS position'],
      createdAt: now(),
      data,
      thumbnail: Buffer.from('thumbnail bytes'),
      createdBy: staffId,
    });
    await inTransaction(app, async () => {
      await insertPatientPg(app, cipher, patient);
      await testimonials.insertTestimonial(app, { id: testimonialId, patientId: patient.id, title: 'Knee', quote: 'My knee no longer aches on the stairs', createdAt: now(), createdBy: staffId });
      await testimonials.insertMedia(app, media(photoId, photo));
      await testimonials.insertMedia(app, media(secondId, crypto.randomBytes(100)));
    });
    const [listed] = await testimonials.listTestimonials(app, { patientId: patient.id });
    expect(listed).toMatchObject({ patientFirstName: 'Guinevere', patientLastName: 'Thorsdottir', quote: 'My knee no longer aches on the stairs', rowVersion: 1 });
    expect(listed!.media.map((m) => m.id)).toEqual([photoId, secondId]);
    expect(listed!.media[0]).toMatchObject({ fileName: 'guinevere-knee.jpg', beforeAfter: true, metadataRemoved: ['GPS position'], thumbnail: `data:image/jpeg;base64,${Buffer.from('thumbnail bytes').toString('base64')}` });
    expect((await testimonials.getMedia(app, photoId))?.data).toEqual(photo);
    expect(await testimonials.mediaOfTestimonial(app, testimonialId)).toHaveLength(2);
    // One photo's bytes copied into another row do not open there.
    await app.query('UPDATE media SET data = (SELECT data FROM media WHERE id = $2) WHERE id = $1', [secondId, photoId]);
    await expect(testimonials.getMedia(app, secondId)).rejects.toMatchObject({ code: 'store_damaged', reason: 'not_authentic' });
  });

  it('reads back any text a post or testimonial may hold exactly as written', async () => {
    const patient = patientRecord({ firstName: 'Fuzz', lastName: 'Round-Trip', dateOfBirth: '2000-01-01' }, now());
    await inTransaction(app, () => insertPatientPg(app, cipher, patient));
    const text = fc.string({ unit: 'binary', maxLength: 400 });
    await fc.assert(
      fc.asyncProperty(text, text, text, fc.option(text, { nil: null }), async (caption, quote, sponsor, url) => {
        const testimonialId = crypto.randomUUID();
        const post = { ...postRecord({ testimonialId, patientId: patient.id, consentId: null, caption, at: now() }), sponsor, publishedUrl: url };
        await inTransaction(app, async () => {
          await testimonials.insertTestimonial(app, { id: testimonialId, patientId: patient.id, title: sponsor, quote, createdAt: now(), createdBy: staffId });
          await posts.insertPost(app, post, staffId);
        });
        const { rowVersion, ...read } = (await posts.getPost(app, post.id))!;
        expect(rowVersion).toBe(1);
        // Lone surrogates survive as JSON escapes: the round trip is exact, as on SQLite.
        expect(read).toEqual(post);
        expect(await testimonials.getTestimonial(app, testimonialId)).toMatchObject({ title: sponsor, quote });
      }),
      { numRuns: 40 },
    );
  });

  it('leaves no name, date of birth, testimonial text, photo or PDF text in a pg_dump of a store filled through the repositories', async () => {
    const { patient, pdf, text } = await signedConsent(['Wilhelmina', 'Castellanos-Brisbane'], '1944-10-03');
    const quote = 'The therapists at Riverside gave me my garden back after the stroke';
    const testimonialId = crypto.randomUUID();
    const photo = Buffer.concat([Buffer.from('\xff\xd8\xff\xe0 JFIF photo of Wilhelmina', 'latin1'), crypto.randomBytes(2048)]);
    await inTransaction(app, async () => {
      await testimonials.insertTestimonial(app, { id: testimonialId, patientId: patient.id, title: 'Garden', quote, createdAt: now(), createdBy: staffId });
      await testimonials.insertMedia(app, {
        id: crypto.randomUUID(), testimonialId, kind: 'photo', beforeAfter: false, fileName: 'wilhelmina-garden.jpg', mimeType: 'image/jpeg',
        bytes: photo.length, sha256: sha256(photo), width: 10, height: 10, metadataRemoved: [], createdAt: now(), data: photo, thumbnail: null, createdBy: staffId,
      });
      await posts.insertPost(app, postRecord({ testimonialId, patientId: patient.id, consentId: null, caption: `Wilhelmina says: ${quote}`, at: now() }), staffId);
    });
    // The PDF really holds the text searched for below.
    expect(pdfText(pdf)).toContain('Castellanos-Brisbane');

    const dump = cluster().dump().toLowerCase();
    expect(dump).toContain(patient.id);
    expect(dump).toMatch(/copy public\.authorizations/);
    const secrets = ['Wilhelmina', 'Castellanos-Brisbane', '1944-10-03', '10/03/1944', '19441003', quote, 'garden back', text, 'wilhelmina-garden.jpg'];
    for (const secret of secrets) {
      expect(dump).not.toContain(secret.toLowerCase());
      expect(dump).not.toContain(Buffer.from(secret, 'utf8').toString('hex'));
    }
    // Neither the PDF nor the photo appears in any part: every 24-byte window of them, as bytea hex, is absent.
    for (const blob of [pdf, photo]) {
      for (let at = 0; at + 24 <= blob.length; at += 97) {
        expect(dump.includes(blob.subarray(at, at + 24).toString('hex'))).toBe(false);
      }
    }
  });
});
