import { PDFDict, PDFDocument, PDFName, PDFRef, type PDFPage } from 'pdf-lib';
import sharp from 'sharp';
import { AppError } from '../../../shared/errors';
import { decodeUpload } from './uploaded-file';

export const maxScanBytes = 20_000_000;
const maxScanPages = 20;

export type ScanType = 'application/pdf' | 'image/png' | 'image/jpeg';

export interface CleanScan {
  kind: 'pdf' | 'png' | 'jpeg';
  mimeType: ScanType;
  bytes: Buffer;
  pages: number;
}

const refused = (message: string) => new AppError('validation', message, { issues: [{ path: 'scan', message }] });

/** Keys of a page or image that can carry who made the scan, where and with what. */
const metadataKeys = ['Metadata', 'PieceInfo', 'LastModified'].map((k) => PDFName.of(k));

function stripPage(doc: PDFDocument, page: PDFPage): void {
  for (const key of metadataKeys) page.node.delete(key);
  const resources = page.node.Resources();
  const xobjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  for (const [, value] of xobjects?.entries() ?? []) {
    const object = value instanceof PDFRef ? doc.context.lookup(value) : value;
    const dict = (object as { dict?: PDFDict } | undefined)?.dict;
    for (const key of metadataKeys) dict?.delete(key);
  }
}

/**
 * A scan of a signed paper form, cleaned before it is stored: images are
 * re-encoded without their EXIF, XMP or ICC comments (device, place, time),
 * upright; a PDF's pages are copied into a new document, leaving behind its
 * information dictionary, XMP, attachments, scripts and forms, and the
 * metadata of its pages and images. The result is what the package shows.
 */
export async function cleanScan(base64: string, mimeType: ScanType): Promise<CleanScan> {
  const bytes = decodeUpload(base64, mimeType, 'scan', maxScanBytes);
  if (mimeType === 'application/pdf') {
    let source: PDFDocument;
    let count: number;
    try {
      source = await PDFDocument.load(bytes, { updateMetadata: false });
      count = source.getPageCount();
    } catch (error) {
      const locked = /encrypted/i.test(String(error));
      throw refused(locked ? 'This PDF is password-protected. Scan the form again without a password.' : 'This PDF cannot be read. Scan the form again.');
    }
    if (count === 0 || count > maxScanPages) throw refused(`The scan must have between 1 and ${maxScanPages} pages; this one has ${count}.`);
    try {
      const clean = await PDFDocument.create({ updateMetadata: false });
      for (const page of await clean.copyPages(source, source.getPageIndices())) {
        stripPage(clean, page);
        clean.addPage(page);
      }
      return { kind: 'pdf', mimeType, bytes: Buffer.from(await clean.save()), pages: count };
    } catch {
      throw refused('This PDF cannot be read. Scan the form again.');
    }
  }
  try {
    const image = sharp(bytes, { failOn: 'error' }).rotate();
    const cleaned = mimeType === 'image/png' ? await image.png().toBuffer() : await image.jpeg({ quality: 90, mozjpeg: true }).toBuffer();
    return { kind: mimeType === 'image/png' ? 'png' : 'jpeg', mimeType, bytes: cleaned, pages: 1 };
  } catch {
    throw refused('This image cannot be read. Scan or photograph the form again.');
  }
}
