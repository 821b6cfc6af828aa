import { PDFDict, PDFDocument, PDFName, PDFRef, type PDFPage } from 'pdf-lib';
import { AppError } from '../../../shared/errors';

/**
 * Reading a PDF someone uploaded as a scan (a signed paper form, a written
 * revocation) with pdf-lib. These run in the PDF worker thread, under its
 * time limit (rendering/time-limited-pdf.ts): a hostile or broken file can
 * make a parser spin, and that must cost one call, not the backend.
 */
export const maxScanPages = 20;

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

/** The PDF loaded, with between 1 and maxScanPages pages, or a refusal a person can act on. */
async function loadScan(bytes: Buffer): Promise<{ source: PDFDocument; pages: number }> {
  let source: PDFDocument;
  let pages: number;
  try {
    source = await PDFDocument.load(bytes, { updateMetadata: false });
    pages = source.getPageCount();
  } catch (error) {
    const locked = /encrypted/i.test(String(error));
    throw refused(locked ? 'This PDF is password-protected. Scan it again without a password.' : 'This PDF cannot be read. Scan it again.');
  }
  if (pages === 0 || pages > maxScanPages) throw refused(`The scan must have between 1 and ${maxScanPages} pages; this one has ${pages}.`);
  // A page without content is blank: not a scan of anything, and pdf-lib cannot draw it into the record.
  const blank = source.getPages().findIndex((page) => page.node.Contents() === undefined);
  if (blank >= 0) throw refused(`Page ${blank + 1} of the scan is empty. Scan the pages again.`);
  return { source, pages };
}

/**
 * The pages copied into a new document, leaving behind the information
 * dictionary, XMP, attachments, scripts and forms, and the metadata of its
 * pages and images.
 */
export async function cleanPdfScan(bytes: Buffer): Promise<{ bytes: Buffer; pages: number }> {
  const { source, pages } = await loadScan(bytes);
  try {
    const clean = await PDFDocument.create({ updateMetadata: false });
    for (const page of await clean.copyPages(source, source.getPageIndices())) {
      stripPage(clean, page);
      clean.addPage(page);
    }
    const bytes = Buffer.from(await clean.save());
    // The paper package draws these pages into the signed record: find out now, in words, if it cannot.
    const probe = await PDFDocument.create({ updateMetadata: false });
    await probe.embedPages((await PDFDocument.load(bytes, { updateMetadata: false })).getPages());
    await probe.save();
    return { bytes, pages };
  } catch {
    throw refused('This PDF cannot be read. Scan it again.');
  }
}

/** How many pages a PDF scan has, once it is known to be one that can be read and is within the page limit. */
export async function pdfScanPages(bytes: Buffer): Promise<number> {
  return (await loadScan(bytes)).pages;
}
