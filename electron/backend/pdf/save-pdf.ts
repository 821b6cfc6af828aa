import zlib from 'node:zlib';
import { PDFContentStream, PDFRawStream, type PDFDocument, type SaveOptions } from 'pdf-lib';

/**
 * Compress `doc`'s streams with Node's zlib instead of pdf-lib's JavaScript
 * deflate (pako), which took a few milliseconds of every signed PDF: the
 * streams pdf-lib compresses as they are made (font files, ToUnicode maps,
 * embedded pages) from now on. Page contents are compressed when saved, by
 * `savePdf`. The output is the same kind of FlateDecode stream.
 */
export function useNativeDeflate(doc: PDFDocument): void {
  const context = doc.context;
  context.flateStream = (contents, dict = {}) =>
    context.stream(zlib.deflateSync(typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents), { ...dict, Filter: 'FlateDecode' });
}

/**
 * Save `doc` as the last thing done to it: page contents compressed with
 * Node's zlib (each becomes the same dictionary over its compressed bytes),
 * and written in one go rather than a timer tick every 50 objects (PDFs are
 * made on a worker thread, where yielding only adds wall time under load).
 * The bytes are returned without a copy.
 */
export async function savePdf(doc: PDFDocument, options: SaveOptions = {}): Promise<Buffer> {
  const context = doc.context;
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    if (object instanceof PDFContentStream) {
      const encode = (object as unknown as { encode: boolean }).encode;
      const contents = object.getUnencodedContents();
      context.assign(ref, PDFRawStream.of(object.dict, encode ? zlib.deflateSync(contents) : contents));
    }
  }
  const bytes = await doc.save({ ...options, objectsPerTick: Infinity });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
