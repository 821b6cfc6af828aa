import crypto from 'node:crypto';
import * as pkijs from 'pkijs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { generatePracticeCertificate, type CertificateBundle } from '../crypto/practice-certificate';
import { pdfSignatureReport } from '../testing/pdf-tools';
import { PracticeSigner, referenceSignature } from './practice-signer';
import { signSavedPdf } from './sign-pdf';

afterEach(() => vi.restoreAllMocks());

describe('PracticeSigner', () => {
  it('imports the practice key once per certificate in the process, and the replacing certificate’s key when it changes', async () => {
    const now = new Date('2026-12-01T15:00:00.000Z');
    const first = await generatePracticeCertificate('Riverside Physical Therapy', now);
    const replacement = await generatePracticeCertificate('Riverside Physical Therapy', now);
    const importKey = vi.spyOn(crypto.webcrypto.subtle, 'importKey');

    // Each signing reads the certificate from the store again (a fresh object): the key is still imported once.
    const copyOf = (bundle: typeof first) => ({ ...bundle, certificateDer: Buffer.from(bundle.certificateDer), privateKeyPkcs8: Buffer.from(bundle.privateKeyPkcs8) });
    const signedByFirst = [];
    for (let i = 0; i < 3; i += 1) signedByFirst.push(await new PracticeSigner(copyOf(first)).sign(Buffer.from(`document ${i}`), now));
    expect(importKey).toHaveBeenCalledTimes(1);

    // A replaced certificate (another fingerprint) signs with its own key and certificate from the next document on.
    const signedByReplacement = await new PracticeSigner(copyOf(replacement)).sign(Buffer.from('document 3'), now);
    expect(importKey).toHaveBeenCalledTimes(2);
    for (const signature of signedByFirst) {
      expect(signature.includes(first.certificateDer)).toBe(true);
      expect(signature.includes(replacement.certificateDer)).toBe(false);
    }
    expect(signedByReplacement.includes(replacement.certificateDer)).toBe(true);
    expect(signedByReplacement.includes(first.certificateDer)).toBe(false);
  });
});

let bundle: CertificateBundle;
beforeAll(async () => {
  bundle = await generatePracticeCertificate('Riverside Physical Therapy', new Date('2026-12-01T12:00:00Z'));
});

describe('signatures made from the certificate’s template', () => {
  it('are byte for byte the ones pkijs builds, at any time UTCTime can say and over any digest, without pkijs', async () => {
    const times = ['2026-12-01T15:00:00.000Z', '1950-01-01T00:00:00.000Z', '2049-12-31T23:59:59.999Z', '2031-07-04T09:08:07.654Z'].map((t) => new Date(t));
    await new PracticeSigner(bundle).signDigest(Buffer.alloc(32), times[0]);
    const pkijsSign = vi.spyOn(pkijs.SignedData.prototype, 'sign');
    for (const [i, at] of times.entries()) {
      const digest = crypto.createHash('sha256').update(`document ${i}`).digest();
      const quick = await new PracticeSigner(bundle).signDigest(digest, at);
      expect(pkijsSign).not.toHaveBeenCalled();
      expect(quick.equals(await referenceSignature(bundle, digest, at))).toBe(true);
      pkijsSign.mockClear();
    }
    // A digest of another length (never SHA-256's) is still signed, by pkijs itself.
    const odd = Buffer.alloc(48, 7);
    expect((await new PracticeSigner(bundle).signDigest(odd, times[0])).equals(await referenceSignature(bundle, odd, times[0]!))).toBe(true);
    // Outside UTCTime's years pkijs refuses, and so does the signer.
    await expect(new PracticeSigner(bundle).signDigest(odd, new Date('2050-01-01T00:00:00Z'))).rejects.toThrow(/UTCTime/);
  });
});

describe('signing a saved PDF in place', () => {
  async function document(): Promise<PDFDocument> {
    const doc = await PDFDocument.create();
    const at = new Date('2026-12-01T12:00:00Z');
    doc.setCreationDate(at);
    doc.setModificationDate(at);
    doc.addPage([612, 792]).drawText('Signed in place', { x: 54, y: 700, font: await doc.embedFont(StandardFonts.Helvetica), size: 12 });
    pdflibAddPlaceholder({ pdfDoc: doc, reason: 'Test', contactInfo: '', name: 'Riverside', location: 'Riverside', signingTime: at, subFilter: SUBFILTER_ETSI_CADES_DETACHED, appName: 'Consent Desk' });
    return doc;
  }

  it('gives the bytes @signpdf/signpdf gives, and pdfsig calls the signature valid', async () => {
    const at = new Date('2026-12-01T12:00:00Z');
    const saved = Buffer.from(await (await document()).save({ useObjectStreams: false }));
    const theirs = await new SignPdf().sign(Buffer.from(saved), new PracticeSigner(bundle), at);
    const ours = await signSavedPdf(Buffer.from(saved), new PracticeSigner(bundle), at);
    expect(ours.length).toBe(saved.length);
    expect(ours.equals(theirs)).toBe(true);
    const report = pdfSignatureReport(ours);
    expect(report).toContain('Signature is Valid');
    expect(report).toContain('Total document signed');
  });

  it('refuses a PDF without a placeholder or without its end-of-file line', async () => {
    const plain = Buffer.from(await (await PDFDocument.create()).save({ useObjectStreams: false }));
    await expect(signSavedPdf(plain, new PracticeSigner(bundle), new Date())).rejects.toThrow(/ByteRange/);
    const cut = Buffer.from(await (await document()).save({ useObjectStreams: false })).subarray(0, -10);
    await expect(signSavedPdf(Buffer.from(cut), new PracticeSigner(bundle), new Date())).rejects.toThrow(/EOF/);
  });
});
