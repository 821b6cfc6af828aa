import sharp from 'sharp';
import { AppError } from '../../../shared/errors';
import { decodeImageFully, photoLimits } from '../media/decoded-image';
import { cleanPdfScanTimeLimited } from '../rendering/time-limited-pdf';
import { decodeUpload } from './uploaded-file';

export const maxScanBytes = 20_000_000;

export type ScanType = 'application/pdf' | 'image/png' | 'image/jpeg';

export interface CleanScan {
  kind: 'pdf' | 'png' | 'jpeg';
  mimeType: ScanType;
  bytes: Buffer;
  pages: number;
}

const refused = (message: string) => new AppError('validation', message, { issues: [{ path: 'scan', message }] });

/**
 * A scan of a signed paper form, cleaned before it is stored: images are
 * decoded in full within the photo limits, then re-encoded without their
 * EXIF, XMP or ICC comments (device, place, time), upright; a PDF's pages
 * are copied into a new document in the PDF worker, under its time limit,
 * leaving its metadata behind (pdf-scan.ts). The result is what the
 * package shows.
 */
export async function cleanScan(base64: string, mimeType: ScanType): Promise<CleanScan> {
  const bytes = decodeUpload(base64, mimeType, 'scan', maxScanBytes);
  if (mimeType === 'application/pdf') {
    const clean = await cleanPdfScanTimeLimited(bytes);
    return { kind: 'pdf', mimeType, bytes: clean.bytes, pages: clean.pages };
  }
  const format = mimeType === 'image/png' ? 'png' : 'jpeg';
  // Every pixel decoded within limits first: a truncated file or a pixel bomb is refused here, in words.
  await decodeImageFully(bytes, { field: 'scan', formats: [format], limits: photoLimits, what: 'scan' });
  try {
    const image = sharp(bytes, { failOn: 'error', limitInputPixels: photoLimits.maxPixels }).rotate();
    const cleaned = format === 'png' ? await image.png().toBuffer() : await image.jpeg({ quality: 90, mozjpeg: true }).toBuffer();
    return { kind: format, mimeType, bytes: cleaned, pages: 1 };
  } catch {
    throw refused('This image cannot be read. Scan or photograph the form again.');
  }
}
