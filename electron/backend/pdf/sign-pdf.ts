import crypto from 'node:crypto';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { DEFAULT_BYTE_RANGE_PLACEHOLDER, SUBFILTER_ETSI_CADES_DETACHED, SignPdfError, findByteRange } from '@signpdf/utils';
import type { PDFDocument } from 'pdf-lib';
import type { CertificateBundle } from '../crypto/practice-certificate';
import { savePdf } from './save-pdf';
import { PracticeSigner } from './practice-signer';

/**
 * Sign a finished pdf-lib document with the practice certificate: a PAdES
 * baseline signature (SubFilter ETSI.CAdES.detached, SHA-256) over the whole
 * file. Signing is the last step: the returned bytes are stored as they
 * are and never re-saved, which would break the signed byte range.
 */
export async function signPdf(
  doc: PDFDocument,
  certificate: CertificateBundle,
  meta: { reason: string; location: string; signerName: string; signingTime: Date },
): Promise<Buffer> {
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: meta.reason,
    contactInfo: '',
    name: meta.signerName,
    location: meta.location,
    signingTime: meta.signingTime,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'Consent Desk',
  });
  return signSavedPdf(await savePdf(doc, { useObjectStreams: false }), new PracticeSigner(certificate), meta.signingTime);
}

/**
 * What @signpdf/signpdf's `SignPdf.sign` does, byte for byte, in the saved
 * buffer itself: the byte range written over its placeholder, the two
 * ranges hashed where they lie (no copy of the file without its
 * placeholder), and the signature's hex written over the placeholder's.
 */
export async function signSavedPdf(saved: Buffer, signer: PracticeSigner, signingTime: Date): Promise<Buffer> {
  let pdf = saved;
  // As SignPdf: a trailing end of line goes, and the file must end with %%EOF.
  if (pdf.at(-1) === 0x0a) pdf = pdf.subarray(0, -1);
  if (pdf.at(-1) === 0x0d) pdf = pdf.subarray(0, -1);
  const lastLine = pdf.subarray(pdf.length - 6).toString('latin1');
  if (lastLine !== '\n%%EOF' && lastLine !== '\r%%EOF') throw new SignPdfError('A PDF file must end with an EOF line.', SignPdfError.TYPE_PARSE);

  const { byteRangePlaceholder, byteRangePlaceholderPosition } = findByteRange(pdf, DEFAULT_BYTE_RANGE_PLACEHOLDER);
  if (!byteRangePlaceholder || byteRangePlaceholderPosition === undefined) throw new SignPdfError('No ByteRangeStrings found within PDF buffer.', SignPdfError.TYPE_PARSE);
  const byteRangeEnd = byteRangePlaceholderPosition + byteRangePlaceholder.length;
  const contentsTagPos = pdf.indexOf('/Contents ', byteRangeEnd);
  const placeholderPos = pdf.indexOf('<', contentsTagPos);
  const placeholderEnd = pdf.indexOf('>', placeholderPos);
  const placeholderLength = placeholderEnd - 1 - placeholderPos;
  const range = [0, placeholderPos, placeholderEnd + 1, pdf.length - (placeholderEnd + 1)] as const;
  const actualByteRange = `/ByteRange [${range.join(' ')}]`;
  if (actualByteRange.length > byteRangePlaceholder.length) throw new SignPdfError('The byte range does not fit its placeholder.', SignPdfError.TYPE_INPUT);
  pdf.write(actualByteRange.padEnd(byteRangePlaceholder.length, ' '), byteRangePlaceholderPosition, 'latin1');

  const digest = crypto.createHash('sha256').update(pdf.subarray(0, range[1])).update(pdf.subarray(range[2])).digest();
  const raw = await signer.signDigest(digest, signingTime);
  if (raw.length * 2 > placeholderLength) {
    throw new SignPdfError(`Signature exceeds placeholder length: ${raw.length * 2} > ${placeholderLength}`, SignPdfError.TYPE_INPUT);
  }
  // The hex of the signature, then "00" to the placeholder's end, between the brackets.
  pdf.write(raw.toString('hex'), placeholderPos + 1, 'latin1');
  pdf.fill('0', placeholderPos + 1 + raw.length * 2, placeholderEnd);
  return pdf;
}
