import { verifyDetachedCms } from '../crypto/cms-verify';

export type PdfSignatureVerification =
  | { ok: true; signerCertificateDer: Buffer; signingTime: Date | null }
  | { ok: false; reason: string };

/**
 * Verify a PDF's digital signature without poppler, as an auditor's machine
 * may not have it: find the signature dictionary's /ByteRange, check that it
 * covers the whole file but for the /Contents hole (nothing appended after
 * signing: an incremental update would fall outside it), and verify the CMS
 * in /Contents over exactly those bytes. The last signature is the one
 * checked; our PDFs carry exactly one.
 */
export async function verifyPdfSignature(pdf: Buffer): Promise<PdfSignatureVerification> {
  const text = pdf.toString('latin1');
  const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const last = ranges.at(-1);
  if (!last) return { ok: false, reason: 'it has no digital signature' };
  const [a, b, c, d] = last.slice(1, 5).map(Number) as [number, number, number, number];
  if (a !== 0 || b <= 0 || c <= b || c + d > pdf.length) return { ok: false, reason: 'its signature’s byte range does not fit the file' };
  if (c + d !== pdf.length) return { ok: false, reason: 'bytes were added after it was signed (the signature does not cover the whole file)' };
  const hole = text.slice(b, c);
  const hex = /^<([0-9A-Fa-f\s]*)>$/.exec(hole)?.[1]?.replace(/\s+/g, '');
  if (hex === undefined || hex.length % 2 !== 0) return { ok: false, reason: 'its signature’s /Contents is not where the byte range says' };
  const cms = trimDer(Buffer.from(hex, 'hex'));
  if (!cms) return { ok: false, reason: 'its signature’s /Contents is empty or damaged' };
  const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  const result = await verifyDetachedCms(cms, signed);
  return result.ok ? result : { ok: false, reason: `its digital signature is not valid: ${result.reason}` };
}

/** /Contents is padded with zeros to the placeholder's size: keep the DER value's own length. */
function trimDer(bytes: Buffer): Buffer | null {
  if (bytes.length < 2 || bytes[0] !== 0x30) return null;
  const first = bytes[1]!;
  let length: number;
  let header = 2;
  if (first < 0x80) length = first;
  else {
    const n = first & 0x7f;
    if (n === 0 || n > 4 || bytes.length < 2 + n) return null;
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + bytes[2 + i]!;
    header += n;
  }
  return header + length <= bytes.length ? bytes.subarray(0, header + length) : null;
}
