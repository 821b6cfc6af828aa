import type { PDFRawStream } from 'pdf-lib';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it, vi } from 'vitest';
import { pdfFlatText, pdfFonts, qpdfCheck } from '../testing/pdf-tools';
import type * as LayoutModule from './pdf-layout';

/**
 * Fonts parsed once per process and word widths remembered across documents
 * change no byte: a document made by a fresh module (nothing parsed or
 * measured yet) equals the same document made after others have filled the
 * caches (the speed is measured in bench/pdf.bench.ts, not here).
 */
async function makeDocument(layoutModule: typeof LayoutModule): Promise<Buffer> {
  const layout = await layoutModule.PdfLayout.create({ title: 'Authorization', author: 'Riverside', subject: 'Test', creationDate: new Date('2026-12-01T12:00:00Z') });
  layout.title('Authorization to use and disclose health information');
  layout.paragraph('María José González-Núñez, Nguyễn Thị Minh and Łukasz Brzęczyszczykiewicz allow Riverside Physical Therapy to post their story. '.repeat(12));
  layout.field('Record number', 'MRN-00012345', { mono: true });
  layout.list(['Instagram', 'Facebook', 'The practice website']);
  // Each document's subset gets a random six-letter tag (as PDF wants): the one difference allowed.
  const bytes = Buffer.from(await layout.doc.save({ useObjectStreams: false })).toString('latin1');
  return Buffer.from(bytes.replace(/[A-Z]{6}\+DejaVu/g, 'TAGTAG+DejaVu'), 'latin1');
}

describe('font reuse across documents', () => {
  it('gives byte-identical PDFs with fresh and warm caches', async () => {
    vi.resetModules();
    const fresh = await import('./pdf-layout');
    const first = await makeDocument(fresh);
    const again = await makeDocument(fresh);
    expect(first.includes('TAGTAG+DejaVuSans')).toBe(true);
    expect(again.equals(first)).toBe(true);
    vi.resetModules();
    const other = await import('./pdf-layout');
    expect(other).not.toBe(fresh);
    expect((await makeDocument(other)).equals(first)).toBe(true);
  });
});

/** The FontFile2 streams of a saved document, as written (compressed), in object order. */
async function fontFiles(pdf: Buffer): Promise<Buffer[]> {
  const doc = await PDFDocument.load(pdf);
  return doc.context
    .enumerateIndirectObjects()
    .map(([, object]) => object)
    .filter((object): object is PDFDict => object instanceof PDFDict && object.get(PDFName.of('Type')) === PDFName.of('FontDescriptor'))
    .map((descriptor) => Buffer.from((doc.context.lookup(descriptor.get(PDFName.of('FontFile2'))) as PDFRawStream).contents));
}

async function signedLetter(layoutModule: typeof LayoutModule, patient: string): Promise<Buffer> {
  const layout = await layoutModule.PdfLayout.create({ title: 'Authorization', author: 'Riverside', subject: 'Test', creationDate: new Date('2026-12-01T12:00:00Z') });
  layout.title('Autorización para usar y divulgar información de salud');
  layout.paragraph(`Yo, ${patient}, autorizo a Riverside Physical Therapy a publicar mi testimonio. I, ${patient}, agree.`);
  layout.labelsFor(['SHA-256']);
  layout.field('SHA-256', 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9', { mono: true });
  return Buffer.from(await layout.doc.save({ useObjectStreams: false }));
}

describe('subsets shared between documents', () => {
  it('gives patients with Latin names the same subset, written once, and every name still prints as typed', async () => {
    vi.resetModules();
    const layoutModule = await import('./pdf-layout');
    const names = ['Maria Lopez', 'Zoë Müller', 'François Dubois', 'Siobhán O’Brien'];
    const pdfs = [];
    for (const name of names) pdfs.push(await signedLetter(layoutModule, name));
    const first = await fontFiles(pdfs[0]!);
    expect(first).toHaveLength(3);
    for (const [i, pdf] of pdfs.entries()) {
      expect(await fontFiles(pdf)).toEqual(first);
      expect(pdfFonts(pdf).map((f) => [f.name.replace(/^[A-Z]{6}\+/, ''), f.embedded, f.subset]).sort()).toEqual([
        ['DejaVuSans', true, true],
        ['DejaVuSans-Bold', true, true],
        ['DejaVuSansMono', true, true],
      ]);
      expect(pdfFonts(pdf).every((f) => /^[A-Z]{6}\+/.test(f.name))).toBe(true);
      const text = pdfFlatText(pdf);
      expect(text).toContain(`Yo, ${names[i]}, autorizo`);
      expect(text).toContain('Autorización para usar y divulgar información de salud');
      expect(text).toContain('b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9');
      expect(qpdfCheck(pdf).ok).toBe(true);
    }
  });

  it('adds the glyphs of a name outside the shared letters to that document only', async () => {
    vi.resetModules();
    const layoutModule = await import('./pdf-layout');
    const latin = await signedLetter(layoutModule, 'Maria Lopez');
    const names = ['Nguyễn Thị Minh', 'Łukasz Brzęczyszczykiewicz', 'Олена Шевченко', 'Σοφία Παπαδοπούλου'];
    for (const name of names) {
      const pdf = await signedLetter(layoutModule, name);
      const [regular] = await fontFiles(pdf);
      expect(regular!.equals((await fontFiles(latin))[0]!)).toBe(false);
      expect(pdfFlatText(pdf)).toContain(`I, ${name}, agree.`);
      expect(qpdfCheck(pdf).ok).toBe(true);
    }
    // And a Latin document made after them has the shared subset again.
    expect(await fontFiles(await signedLetter(layoutModule, 'Emily Clarke'))).toEqual(await fontFiles(latin));
  });
});
