import { pdfScanPagesTimeLimited } from '../rendering/time-limited-pdf';
import { AppError } from '../../../shared/errors';

const magic: Record<string, (b: Buffer) => boolean> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
};

/**
 * Decode a file that crossed the contract as base64 and check that its bytes
 * are what its type claims, so a renamed file is refused with a clear error.
 */
export function decodeUpload(base64: string, mimeType: keyof typeof magic, field: string, maxBytes: number): Buffer {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) {
    throw new AppError('validation', 'The file is empty.', { issues: [{ path: field, message: 'Choose another file.' }] });
  }
  if (bytes.length > maxBytes) {
    throw new AppError('validation', `The file is larger than ${Math.round(maxBytes / 1_000_000)} MB.`, {
      issues: [{ path: field, message: 'Choose a smaller file.' }],
    });
  }
  if (!magic[mimeType]?.(bytes)) {
    throw new AppError('validation', `The file is not a readable ${mimeType.split('/')[1]!.toUpperCase()}.`, {
      issues: [{ path: field, message: 'Choose another file.' }],
    });
  }
  return bytes;
}

/** A signature image from the pad: a PNG, decoded to its last pixel within the signature limits. */
export async function decodePngDataUrl(dataUrl: string, field: string): Promise<Buffer> {
  const bytes = decodeUpload(dataUrl.slice(dataUrl.indexOf(',') + 1), 'image/png', field, 2_000_000);
  // sharp loads with the first image decoded, not with the backend (every command and sign-in would pay for it).
  const { decodeImageFully, signatureLimits } = await import('../media/decoded-image');
  await decodeImageFully(bytes, { field, formats: ['png'], limits: signatureLimits, what: 'signature image' });
  return bytes;
}

/**
 * An uploaded scan kept as it came (a written revocation): its type checked
 * by magic bytes and its size by `maxBytes`; an image decoded in full within
 * the photo limits; a PDF read in the PDF worker, under its time limit, and
 * held to the page limit of a scan (pdf-scan.ts).
 */
export async function decodeScan(base64: string, mimeType: keyof typeof magic, field: string, maxBytes: number): Promise<Buffer> {
  const bytes = decodeUpload(base64, mimeType, field, maxBytes);
  if (mimeType === 'application/pdf') await pdfScanPagesTimeLimited(bytes);
  else {
    const { decodeImageFully, photoLimits } = await import('../media/decoded-image');
    await decodeImageFully(bytes, { field, formats: [mimeType === 'image/png' ? 'png' : 'jpeg'], limits: photoLimits, what: 'scan' });
  }
  return bytes;
}
