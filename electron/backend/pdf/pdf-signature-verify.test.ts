import { beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { certificateDerOf, fingerprintOf } from '../crypto/certificate-pem';
import { generatePracticeCertificate, type CertificateBundle } from '../crypto/practice-certificate';
import { pdfSignatureReport } from '../testing/pdf-tools';
import { verifyPdfSignature } from './pdf-signature-verify';
import { revocationAcknowledgmentPdf } from './revocation-pdf';

let certificate: CertificateBundle;
let signed: Buffer;

beforeAll(async () => {
  certificate = await generatePracticeCertificate('Riverside Physical Therapy', new Date('2026-03-02T12:00:00Z'));
  signed = await revocationAcknowledgmentPdf({
    authorizationId: '3f2b8c1e-5d4a-4e2f-9b1c-7a6d5e4f3a2b',
    language: 'en',
    practiceName: 'Riverside Physical Therapy',
    patientName: 'Maria Lopez',
    signedOn: '2026-01-10',
    receivedOn: '2026-03-02',
    posts: [],
    method: 'mail',
    enteredBy: 'Fran Front',
    recordedAt: '2026-03-02T12:00:00.000Z',
    scanAttached: false,
    authorizationPdfSha256: 'a'.repeat(64),
    certificate,
  });
});

const valid = (report: string) => report.includes('Signature is Valid') && report.includes('Total document signed');

/** Replace one byte of the signed range: the page's width, 612 points, becomes 613. */
function changeOneByte(pdf: Buffer): Buffer {
  const copy = Buffer.from(pdf);
  const at = copy.indexOf('/MediaBox [ 0 0 612');
  expect(at).toBeGreaterThan(0);
  copy[at + '/MediaBox [ 0 0 61'.length] = '3'.charCodeAt(0);
  return copy;
}

describe('verifying a PDF signature without poppler', () => {
  it('agrees with pdfsig on an intact PDF, and names the signer', async () => {
    expect(valid(pdfSignatureReport(signed))).toBe(true);
    const result = await verifyPdfSignature(signed);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(fingerprintOf(result.signerCertificateDer)).toBe(fingerprintOf(certificateDerOf(certificate)));
      expect(result.signingTime?.toISOString()).toBe('2026-03-02T12:00:00.000Z');
    }
  });

  it('agrees with pdfsig when one signed byte changed', async () => {
    const changed = changeOneByte(signed);
    expect(pdfSignatureReport(changed)).not.toContain('Signature is Valid');
    expect(await verifyPdfSignature(changed)).toEqual({ ok: false, reason: expect.stringMatching(/^its digital signature is not valid/) });
  });

  it('refuses bytes appended after signing, which pdfsig still calls valid but not "Total document signed"', async () => {
    const appended = Buffer.concat([signed, Buffer.from('\n% appended\n')]);
    const report = pdfSignatureReport(appended);
    expect(report).toContain('Signature is Valid');
    expect(report).not.toContain('Total document signed');
    expect(await verifyPdfSignature(appended)).toEqual({ ok: false, reason: expect.stringMatching(/bytes were added after it was signed/) });
  });

  it('refuses a damaged signature value and an unsigned PDF', async () => {
    const damaged = Buffer.from(signed);
    // The CMS in /Contents is hex: SEQUENCE 30 82 LL LL ..., and its last
    // 256 bytes are the RSA signature value. Change one hex digit in there.
    const start = damaged.indexOf('/Contents <') + '/Contents <'.length;
    const cmsBytes = 4 + parseInt(damaged.subarray(start + 4, start + 8).toString('latin1'), 16);
    const inSignature = start + 2 * (cmsBytes - 20);
    const nibble = parseInt(String.fromCharCode(damaged[inSignature]!), 16);
    damaged[inSignature] = (nibble ^ 1).toString(16).charCodeAt(0);
    expect(valid(pdfSignatureReport(damaged))).toBe(false);
    expect((await verifyPdfSignature(damaged)).ok).toBe(false);
    const plain = Buffer.from(await (await PDFDocument.create()).save());
    expect(await verifyPdfSignature(plain)).toEqual({ ok: false, reason: 'it has no digital signature' });
  });
});
