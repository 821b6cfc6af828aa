import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkAuthorizationText } from '../../../shared/authorization/authorization-checker';
import { dayOf, formatDay } from '../../../shared/calendar';
import { completeTerms } from '../../../shared/authorization/test-terms';
import { verifyBundle } from '../export/bundle-verify';
import { exportAndWait } from '../testing/audit-practice';
import { samplePatient } from '../testing/consent-flow';
import { photoWithGps } from '../testing/fixture-photo';
import { manualClock } from '../testing/manual-clock';
import { pdfFlatText, pdfFonts, pdfSignatureReport, qpdfCheck } from '../testing/pdf-tools';
import { adminPassword, rejection, setUpStore } from '../testing/test-backend';
import { readZip } from '../testing/zip-tools';

const frontDesk = { username: 'frontdesk', password: 'front desk password' };
const marketing = { username: 'marketing', password: 'marketing password' };

async function practice() {
  const clock = manualClock('2026-11-29T15:00:00.000Z');
  const t = await setUpStore({ now: clock.now });
  await t.call('staff.create', { ...frontDesk, displayName: 'Fran Front', role: 'frontdesk' });
  await t.call('staff.create', { ...marketing, displayName: 'Mo Market', role: 'marketing' });
  const as = async (who: { username: string; password: string }) => {
    await t.call('session.signOut', {});
    await t.call('session.signIn', who);
  };
  await as(frontDesk);
  const patient = await t.call('patients.create', samplePatient);
  return { ...t, clock, as, patient };
}

let p: Awaited<ReturnType<typeof practice>>;
beforeEach(async () => {
  p = await practice();
});

const pdfBytes = (file: { base64: string }) => Buffer.from(file.base64, 'base64');

async function scannedPdf(): Promise<string> {
  const doc = await PDFDocument.create();
  doc.setAuthor('Front desk scanner, Dr. Secret’s office');
  doc.addPage().drawText('Signed: Maria Lopez', { font: await doc.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await doc.save()).toString('base64');
}

describe('a paper signature', () => {
  it('prints the prepared authorization, records the scan with staff attestation, and is final, checked and exported like any other', async () => {
    const draft = await p.call('consents.createDraft', { patientId: p.patient.id, terms: completeTerms() });
    const form = await p.call('consents.paperForm', { id: draft.id });
    const formText = pdfFlatText(pdfBytes(form));
    expect(formText).toContain(draft.id);
    expect(formText).toContain('I sign it by hand below');
    expect(pdfFonts(pdfBytes(form)).every((f) => f.embedded && f.subset)).toBe(true);
    expect(checkAuthorizationText(formText).complete).toBe(true);
    expect((await p.call('consents.get', { id: draft.id })).paperFormPrintedAt).toBe('2026-11-29T15:00:00.000Z');

    // Signed at home and brought back two days later.
    p.clock.advance(2 * 24 * 3600_000);
    await p.as(frontDesk);
    const photo = await photoWithGps();
    const final = await p.call('consents.recordPaperSignature', {
      id: draft.id,
      scan: { mimeType: 'image/jpeg', base64: photo.toString('base64') },
      signedOn: '2026-11-30',
      signerName: 'maria  LOPEZ',
      attested: true,
      password: frontDesk.password,
    });
    expect(final).toMatchObject({ stage: 'final', status: 'active', evidence: { method: 'paper', paperSignedOn: '2026-11-30', witnessName: 'Fran Front' } });
    expect(final.evidence!.scan).toMatchObject({ mimeType: 'image/jpeg', pages: 1 });
    expect(final.document.blocks.at(-1)).toEqual({ kind: 'paragraph', text: expect.stringContaining('by hand') });

    const pdf = pdfBytes(await p.call('consents.pdf', { id: draft.id }));
    const text = pdfFlatText(pdf);
    for (const expected of ['The form as printed for signing', 'Scan of the signed paper form', 'By hand, on the paper form printed for it', 'November 30, 2026', 'Attested by Fran Front (frontdesk)', final.evidence!.scan!.sha256]) {
      expect(text).toContain(expected);
    }
    expect(checkAuthorizationText(text).complete).toBe(true);
    expect(pdfSignatureReport(pdf)).toContain('Signature is Valid');
    expect(qpdfCheck(pdf).ok).toBe(true);
    const events = (await p.call('audit.list', { subjectId: draft.id }).catch(() => null)) ?? null;
    expect(events).toBeNull(); // front desk cannot read the audit trail; the administrator can below.

    // Marketing links a post to it, and the check sees it as covering.
    await p.as(marketing);
    const testimonial = await p.call('testimonials.create', { patientId: p.patient.id, title: 'Stairs', quote: 'I can climb stairs again.' });
    const post = await p.call('posts.create', {
      testimonialId: testimonial.id,
      consentId: draft.id,
      channel: 'facebook',
      caption: 'Maria is back on the stairs!',
      mediaIds: [],
      purpose: 'advertising',
      thirdPartyPays: false,
      extraContentKinds: [],
    });
    expect(post.verdict.covered).toBe(true);

    await p.as({ username: 'admin', password: adminPassword });
    const audit = await p.call('audit.list', { subjectId: draft.id });
    expect(audit.events.map((e) => e.action)).toEqual(expect.arrayContaining(['consent.paper_form_printed', 'consent.paper_signature_recorded']));
    const { job } = await exportAndWait(p.call, { from: '2026-11-01', to: '2026-12-31', includeNames: false });
    expect(job.state).toBe('done');
    const files = await readZip(job.filePath!);
    expect([...files.entries()].filter(([name, bytes]) => name.endsWith(".pdf") && bytes.equals(pdf)).length, [...files.keys()].join(", ")).toBe(1);
    expect((await verifyBundle(job.filePath!)).failures).toEqual([]);
  });

  it('keeps a PDF scan without its metadata, and the scan never lands on disk in the clear', async () => {
    const draft = await p.call('consents.createDraft', { patientId: p.patient.id, terms: completeTerms() });
    await p.call('consents.paperForm', { id: draft.id });
    await p.call('consents.recordPaperSignature', { id: draft.id, scan: { mimeType: 'application/pdf', base64: await scannedPdf() }, signedOn: '2026-11-29', signerName: 'Maria Lopez', attested: true, password: frontDesk.password });
    const pdf = pdfBytes(await p.call('consents.pdf', { id: draft.id }));
    expect(pdf.toString('latin1')).not.toContain('Dr. Secret');
    expect(pdfFlatText(pdf)).toContain('Signed: Maria Lopez');
    for (const name of fs.readdirSync(p.dataDir)) {
      const file = path.join(p.dataDir, name);
      if (fs.statSync(file).isFile()) expect(fs.readFileSync(file).includes(Buffer.from('Signed: Maria Lopez')), name).toBe(false);
    }
  });

  it('is refused, naming what to do, before printing, after the draft changed, with a wrong date, signer or password', async () => {
    const draft = await p.call('consents.createDraft', { patientId: p.patient.id, terms: completeTerms() });
    const record = (overrides: Record<string, unknown> = {}) =>
      p.call('consents.recordPaperSignature', {
        id: draft.id,
        scan: { mimeType: 'image/jpeg', base64: '' },
        signedOn: '2026-11-29',
        signerName: 'Maria Lopez',
        attested: true,
        password: frontDesk.password,
        ...overrides,
      } as never);
    const scan = { mimeType: 'image/jpeg', base64: (await photoWithGps()).toString('base64') };
    expect(await rejection(record({ scan }))).toMatchObject({ code: 'conflict', message: expect.stringMatching(/Print the paper form first/) });
    await p.call('consents.paperForm', { id: draft.id });
    await p.call('consents.updateDraft', { id: draft.id, terms: completeTerms({ scope: { ...completeTerms().scope, channels: ['website'] } }) });
    expect(await rejection(record({ scan }))).toMatchObject({ code: 'conflict', message: expect.stringMatching(/changed after its paper form was printed/) });
    await p.call('consents.paperForm', { id: draft.id });
    expect(await rejection(record({ scan, signedOn: '2026-11-30' }))).toMatchObject({ code: 'validation', issues: [{ path: 'signedOn' }] });
    expect(await rejection(record({ scan, signedOn: '2026-11-28' }))).toMatchObject({ code: 'validation', message: expect.stringMatching(/printed on November 29, 2026/) });
    expect(await rejection(record({ scan, signerName: 'Ana Lopez' }))).toMatchObject({ code: 'validation', issues: [{ path: 'signerName' }] });
    expect((await rejection(record({ scan, password: 'wrong password' }))).code).toBe('unauthorized');
    expect(await rejection(record({ scan: { mimeType: 'image/png', base64: scan.base64 } }))).toMatchObject({ code: 'validation', issues: [{ path: 'scan' }] });
    expect(await rejection(record({ scan, attested: false }))).toMatchObject({ code: 'validation' });
    expect((await p.call('consents.get', { id: draft.id })).stage).toBe('draft');
    // Once recorded, it is final: no second paper signature, no patient mode.
    await record({ scan });
    expect((await rejection(record({ scan }))).code).toBe('conflict');
    expect((await rejection(p.call('consents.paperForm', { id: draft.id }))).code).toBe('conflict');
    expect((await rejection(p.call('consents.startPatientMode', { id: draft.id }))).code).toBe('conflict');
  });

  it('cannot be printed while the draft is incomplete or the practice has no address', async () => {
    const draft = await p.call('consents.createDraft', { patientId: p.patient.id, terms: completeTerms({ scope: { ...completeTerms().scope, purposes: [] } }) });
    expect((await rejection(p.call('consents.paperForm', { id: draft.id }))).message).toMatch(/purpose/);
    await p.as({ username: 'admin', password: adminPassword });
    await p.call('settings.update', { practiceAddress: '' });
    const complete = await p.call('consents.createDraft', { patientId: p.patient.id, terms: completeTerms() });
    expect(complete.problems.map((x) => x.path)).toEqual(['practiceAddress']);
    expect((await rejection(p.call('consents.paperForm', { id: complete.id }))).message).toMatch(/practice’s address is missing/);
    expect((await rejection(p.call('consents.startPatientMode', { id: complete.id }))).message).toMatch(/practice’s address is missing/);
  });

  it.each(['Pacific/Auckland', 'America/Los_Angeles'])('is dated by the day on the form in the practice’s own zone (%s), for the letter and the revocation alike', async (zone) => {
    await p.as({ username: 'admin', password: adminPassword });
    await p.call('settings.update', { timeZone: zone });
    // 15:00 UTC on 29 November: already the 30th in Auckland (UTC+13), still the 29th in Los Angeles.
    const today = zone === 'Pacific/Auckland' ? '2026-11-30' : '2026-11-29';
    await p.as(frontDesk);
    const draft = await p.call('consents.createDraft', { patientId: p.patient.id, terms: completeTerms() });
    await p.call('consents.paperForm', { id: draft.id });
    const scan = { mimeType: 'image/jpeg' as const, base64: (await photoWithGps()).toString('base64') };
    const final = await p.call('consents.recordPaperSignature', { id: draft.id, scan, signedOn: today, signerName: 'Maria Lopez', attested: true, password: frontDesk.password });
    expect(dayOf(new Date(final.signedAt!), zone)).toBe(today);
    // Received the same day it was signed: neither before the signature nor in the future.
    const revoked = await p.call('consents.revoke', { id: draft.id, receivedOn: today, method: 'in_person', note: '', scan: null });
    expect(revoked).toMatchObject({ status: 'revoked', revocation: { receivedOn: today } });
    const letter = pdfFlatText(pdfBytes(await p.call('consents.revocationPdf', { id: draft.id })));
    expect(letter).toContain(`marketing authorization signed on ${formatDay(today, 'en')}`);
  });
});
