import { describe, expect, it, vi } from 'vitest';
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
