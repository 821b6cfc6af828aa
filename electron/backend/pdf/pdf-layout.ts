import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import { documentFonts } from './fonts';

/** US Letter, with 0.75-inch margins and room for the footer. */
const pageSize: [number, number] = [612, 792];
const margin = 54;
const footerHeight = 30;
const ink = rgb(0.1, 0.1, 0.12);
const muted = rgb(0.35, 0.35, 0.4);

/** Every string inside a value (objects, arrays), skipping binary data: what a document will print. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Buffer.isBuffer(value) || value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(stringsIn);
}

/**
 * A small flowing-text writer on top of pdf-lib: headings, paragraphs,
 * lists, label/value rows and images, with new pages as needed and a footer
 * that knows the page count.
 */
export class PdfLayout {
  private page!: PDFPage;
  private y = 0;
  readonly pages: PDFPage[] = [];

  private constructor(
    readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.newPage();
  }

  /**
   * `texts` is every string the document will hold. When all of them are in
   * the standard PDF fonts' character set (English and Spanish almost always
   * are), Helvetica is used: nothing to embed, and about ten times faster
   * than subsetting a TrueType font. Otherwise DejaVu Sans is embedded so
   * that every name prints as typed.
   */
  static async create(
    meta: { title: string; author: string; subject: string; creationDate: Date },
    texts: string[],
  ): Promise<PdfLayout> {
    const doc = await PDFDocument.create();
    let regular = await doc.embedFont(StandardFonts.Helvetica);
    let bold = await doc.embedFont(StandardFonts.HelveticaBold);
    const supported = new Set(regular.getCharacterSet());
    const fitsStandard = texts.every((t) => [...t].every((c) => c === '\n' || supported.has(c.codePointAt(0)!)));
    if (!fitsStandard) {
      doc.registerFontkit(fontkit);
      const fonts = documentFonts();
      regular = await doc.embedFont(fonts.regular, { subset: true });
      bold = await doc.embedFont(fonts.bold, { subset: true });
    }
    doc.setTitle(meta.title);
    doc.setAuthor(meta.author);
    doc.setSubject(meta.subject);
    doc.setCreator('Consent Desk');
    doc.setProducer('Consent Desk');
    doc.setCreationDate(meta.creationDate);
    doc.setModificationDate(meta.creationDate);
    return new PdfLayout(doc, regular, bold);
  }

  private get width(): number {
    return pageSize[0] - 2 * margin;
  }

  newPage(): void {
    this.page = this.doc.addPage(pageSize);
    this.pages.push(this.page);
    this.y = pageSize[1] - margin;
  }

  private ensure(height: number): void {
    if (this.y - height < margin + footerHeight) this.newPage();
  }

  private readonly widths = new Map<string, number>();

  /**
   * The width of a piece of text, remembered: with an embedded TrueType font
   * every measurement runs the font's shaping, and paragraphs repeat words.
   */
  private widthOf(text: string, font: PDFFont, size: number): number {
    const key = `${font === this.bold ? 'b' : 'r'}${size}\u0000${text}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      width = font.widthOfTextAtSize(text, size);
      this.widths.set(key, width);
    }
    return width;
  }

  private wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const space = this.widthOf(' ', font, size);
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      let line = '';
      let lineWidth = 0;
      for (const word of paragraph.split(/\s+/).filter(Boolean)) {
        const wordWidth = this.widthOf(word, font, size);
        const candidateWidth = line ? lineWidth + space + wordWidth : wordWidth;
        if (candidateWidth <= width) {
          line = line ? `${line} ${word}` : word;
          lineWidth = candidateWidth;
          continue;
        }
        if (line) lines.push(line);
        // A word wider than the line (a hash, a long address) is broken by characters.
        let rest = word;
        while (this.widthOf(rest, font, size) > width) {
          let cut = 1;
          while (cut < rest.length && this.widthOf(rest.slice(0, cut + 1), font, size) <= width) cut += 1;
          lines.push(rest.slice(0, cut));
          rest = rest.slice(cut);
        }
        line = rest;
        lineWidth = this.widthOf(rest, font, size);
      }
      lines.push(line);
    }
    return lines;
  }

  private lines(text: string, opts: { size: number; bold?: boolean; indent?: number; color?: ReturnType<typeof rgb>; gap?: number }): void {
    const font = opts.bold ? this.bold : this.regular;
    const indent = opts.indent ?? 0;
    const leading = opts.size * 1.35;
    for (const line of this.wrap(text, font, opts.size, this.width - indent)) {
      this.ensure(leading);
      this.y -= leading;
      this.page.drawText(line, { x: margin + indent, y: this.y + opts.size * 0.3, size: opts.size, font, color: opts.color ?? ink });
    }
    this.y -= opts.gap ?? 0;
  }

  title(text: string): void {
    this.lines(text, { size: 16, bold: true, gap: 6 });
  }

  caption(text: string): void {
    this.lines(text, { size: 9, color: muted, gap: 4 });
  }

  heading(text: string): void {
    this.ensure(40);
    this.y -= 6;
    this.lines(text, { size: 11.5, bold: true, gap: 2 });
  }

  paragraph(text: string): void {
    this.lines(text, { size: 10.5, gap: 6 });
  }

  list(items: string[]): void {
    for (const item of items) this.lines(`•  ${item}`, { size: 10.5, indent: 12, gap: 1 });
    this.y -= 5;
  }

  /** A label and its value on one row, the value wrapping beside the label. */
  field(label: string, value: string): void {
    const size = 9.5;
    const labelWidth = 150;
    const valueLines = this.wrap(value || '—', this.regular, size, this.width - labelWidth);
    const leading = size * 1.35;
    this.ensure(leading * valueLines.length);
    this.page.drawText(label, { x: margin, y: this.y - leading + size * 0.3, size, font: this.bold, color: ink });
    for (const line of valueLines) {
      this.y -= leading;
      this.page.drawText(line, { x: margin + labelWidth, y: this.y + size * 0.3, size, font: this.regular, color: ink });
    }
    this.y -= 2;
  }

  image(image: PDFImage, maxWidth: number, maxHeight: number): void {
    const scale = Math.min(maxWidth / image.width, maxHeight / image.height, 1);
    const w = image.width * scale;
    const h = image.height * scale;
    this.ensure(h + 8);
    this.y -= h;
    this.page.drawImage(image, { x: margin, y: this.y, width: w, height: h });
    this.page.drawLine({ start: { x: margin, y: this.y - 2 }, end: { x: margin + maxWidth, y: this.y - 2 }, thickness: 0.7, color: muted });
    this.y -= 8;
  }

  space(points: number): void {
    this.y -= points;
  }

  /** Write the footer on every page: `left` text and "Page N of M". */
  footers(left: string, pageWord: (n: number, m: number) => string): void {
    const size = 8;
    this.pages.forEach((page, i) => {
      const right = pageWord(i + 1, this.pages.length);
      page.drawLine({ start: { x: margin, y: margin + 14 }, end: { x: pageSize[0] - margin, y: margin + 14 }, thickness: 0.5, color: muted });
      page.drawText(left, { x: margin, y: margin, size, font: this.regular, color: muted });
      page.drawText(right, {
        x: pageSize[0] - margin - this.regular.widthOfTextAtSize(right, size),
        y: margin,
        size,
        font: this.regular,
        color: muted,
      });
    });
  }
}
