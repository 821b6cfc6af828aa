import crypto from 'node:crypto';
import { PDFDocument, rgb, type PDFEmbeddedPage, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import { embedDocumentFont } from './document-font-embedding';
import { useNativeDeflate } from './save-pdf';

/**
 * Widths of words in each font and size, for the life of the process: the
 * same words (the wording, labels, names) recur in every document, and with
 * an embedded TrueType font every measurement runs the font's shaping.
 * Bounded: past the limit it starts again.
 */
const wordWidths = new Map<string, number>();
const maxRememberedWidths = 50_000;

/** US Letter, with 0.75-inch margins and room for the footer. */
export const pageSize: [number, number] = [612, 792];
const margin = 54;
const footerHeight = 30;
const ink = rgb(0.1, 0.1, 0.12);
const muted = rgb(0.35, 0.35, 0.4);
type Color = ReturnType<typeof rgb>;

const sizes = { title: 16, heading: 11.5, body: 10.5, field: 9.5, caption: 9 };
const leadingOf = (size: number) => size * 1.35;
/** The space between a label column and its values. */
const labelGap = 10;
/** Labels never take more than this share of the line; longer ones wrap inside it. */
const maxLabelShare = 0.45;

/**
 * A subset font's name as the PDF standard wants it (ISO 32000 9.6.4): six
 * capital letters, "+", the font's name. Viewers and pdffonts recognise a
 * subset by it; pdf-lib's own names lack the tag.
 */
function subsetName(fontName: string): string {
  const tag = [...crypto.randomBytes(6)].map((b) => String.fromCharCode(65 + (b % 26))).join('');
  return `${tag}+${fontName}`;
}

/**
 * A small flowing-text writer on top of pdf-lib: headings, paragraphs,
 * lists, label/value rows, hashes and images, with new pages as needed and
 * a footer that knows the page count. Everything it prints is measured in
 * the font it is printed in, so nothing overlaps whatever the language or
 * name; callers keep parts together by asking for the height first.
 *
 * Every PDF embeds its fonts (DejaVu Sans, Bold and Sans Mono, subset), so a
 * record kept for six years prints the same in any viewer, and names
 * outside Latin-1 print as typed.
 */
export class PdfLayout {
  private page!: PDFPage;
  private y = 0;
  private labelColumn = 150;
  readonly pages: PDFPage[] = [];

  private constructor(
    readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
    private readonly mono: PDFFont,
  ) {
    this.newPage();
  }

  static async create(meta: { title: string; author: string; subject: string; creationDate: Date }): Promise<PdfLayout> {
    const doc = await PDFDocument.create();
    useNativeDeflate(doc);
    const regular = embedDocumentFont(doc, 'regular', subsetName('DejaVuSans'));
    const bold = embedDocumentFont(doc, 'bold', subsetName('DejaVuSans-Bold'));
    const mono = embedDocumentFont(doc, 'mono', subsetName('DejaVuSansMono'));
    doc.setTitle(meta.title);
    doc.setAuthor(meta.author);
    doc.setSubject(meta.subject);
    doc.setCreator('Consent Desk');
    doc.setProducer('Consent Desk');
    doc.setCreationDate(meta.creationDate);
    doc.setModificationDate(meta.creationDate);
    return new PdfLayout(doc, regular, bold, mono);
  }

  get width(): number {
    return pageSize[0] - 2 * margin;
  }

  /** The height left on the current page above the footer. */
  get room(): number {
    return this.y - (margin + footerHeight);
  }

  /** The height a page offers to content, from its top margin to the footer. */
  static get pageRoom(): number {
    return pageSize[1] - 2 * margin - footerHeight;
  }

  newPage(): void {
    this.page = this.doc.addPage(pageSize);
    this.pages.push(this.page);
    this.y = pageSize[1] - margin;
  }

  /** Start a new page unless `height` still fits on this one (a part taller than a page starts a page and flows). */
  keepTogether(height: number): void {
    if (height > this.room && this.y < pageSize[1] - margin) this.newPage();
  }

  /**
   * The width of a piece of text, remembered: with an embedded TrueType font
   * every measurement runs the font's shaping, and paragraphs repeat words.
   */
  private widthOf(text: string, font: PDFFont, size: number): number {
    const key = `${font === this.bold ? 'b' : font === this.mono ? 'm' : 'r'}${size}\u0000${text}`;
    let width = wordWidths.get(key);
    if (width === undefined) {
      width = font.widthOfTextAtSize(text, size);
      if (wordWidths.size >= maxRememberedWidths) wordWidths.clear();
      wordWidths.set(key, width);
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
        // A word wider than the line (a long address, a URL) is broken by characters.
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

  private draw(line: string, x: number, size: number, font: PDFFont, color: Color = ink): void {
    this.page.drawText(line, { x, y: this.y + size * 0.3, size, font, color });
  }

  private lines(text: string, opts: { size: number; bold?: boolean; indent?: number; color?: Color; gap?: number }): void {
    const font = opts.bold ? this.bold : this.regular;
    const indent = opts.indent ?? 0;
    const leading = leadingOf(opts.size);
    for (const line of this.wrap(text, font, opts.size, this.width - indent)) {
      this.keepTogether(leading);
      this.y -= leading;
      this.draw(line, margin + indent, opts.size, font, opts.color);
    }
    this.y -= opts.gap ?? 0;
  }

  private linesHeight(text: string, size: number, bold = false, indent = 0): number {
    return this.wrap(text, bold ? this.bold : this.regular, size, this.width - indent).length * leadingOf(size);
  }

  title(text: string): void {
    this.lines(text, { size: sizes.title, bold: true, gap: 6 });
  }

  caption(text: string): void {
    this.lines(text, { size: sizes.caption, color: muted, gap: 4 });
  }

  headingHeight(text: string): number {
    return 6 + this.linesHeight(text, sizes.heading, true) + 2;
  }

  /** A heading, on the same page as at least `keepWith` points of what follows it. */
  heading(text: string, keepWith = 3 * leadingOf(sizes.body)): void {
    this.keepTogether(this.headingHeight(text) + keepWith);
    this.y -= 6;
    this.lines(text, { size: sizes.heading, bold: true, gap: 2 });
  }

  paragraphHeight(text: string): number {
    return this.linesHeight(text, sizes.body) + 6;
  }

  paragraph(text: string): void {
    this.lines(text, { size: sizes.body, gap: 6 });
  }

  private readonly bullet = '•';
  private readonly listIndent = 12;

  private hangingIndent(): number {
    return this.listIndent + this.widthOf(this.bullet, this.regular, sizes.body) + 6;
  }

  listItemHeight(item: string): number {
    return this.linesHeight(item, sizes.body, false, this.hangingIndent()) + 1;
  }

  listHeight(items: string[]): number {
    return items.reduce((h, item) => h + this.listItemHeight(item), 0) + 5;
  }

  /**
   * Bulleted items with a hanging indent: wrapped lines start under the
   * text, not under the bullet, and an item is never split across pages.
   */
  list(items: string[]): void {
    const textIndent = this.hangingIndent();
    const leading = leadingOf(sizes.body);
    for (const item of items) {
      const lines = this.wrap(item, this.regular, sizes.body, this.width - textIndent);
      this.keepTogether(lines.length * leading);
      lines.forEach((line, i) => {
        this.y -= leading;
        if (i === 0) this.draw(this.bullet, margin + this.listIndent, sizes.body, this.regular);
        this.draw(line, margin + textIndent, sizes.body, this.regular);
      });
      this.y -= 1;
    }
    this.y -= 5;
  }

  /**
   * Size the label column of the rows that follow to their longest label,
   * measured in the bold font (within a share of the line).
   */
  labelsFor(labels: string[]): void {
    const widest = Math.max(0, ...labels.map((l) => this.widthOf(l, this.bold, sizes.field)));
    this.labelColumn = Math.min(widest + labelGap, this.width * maxLabelShare);
  }

  private fieldLines(label: string, value: string, mono: boolean): { labelLines: string[]; valueLines: string[]; valueSize: number; height: number } {
    const labelLines = this.wrap(label, this.bold, sizes.field, this.labelColumn - labelGap);
    const valueWidth = this.width - this.labelColumn;
    let valueSize = sizes.field;
    let valueLines: string[];
    if (mono) {
      // A hash or fingerprint stays whole on one line: the size shrinks to fit it.
      valueSize = Math.min(sizes.field, (sizes.field * valueWidth) / this.widthOf(value, this.mono, sizes.field));
      valueLines = [value];
    } else {
      valueLines = this.wrap(value || '—', this.regular, sizes.field, valueWidth);
    }
    const rows = Math.max(labelLines.length, valueLines.length);
    return { labelLines, valueLines, valueSize, height: rows * leadingOf(sizes.field) + 2 };
  }

  fieldHeight(label: string, value: string, mono = false): number {
    return this.fieldLines(label, value, mono).height;
  }

  /** A label and its value on one row, the value wrapping beside the label; `mono` for hashes, kept on one line. */
  field(label: string, value: string, opts: { mono?: boolean } = {}): void {
    const { labelLines, valueLines, valueSize, height } = this.fieldLines(label, value, opts.mono ?? false);
    this.keepTogether(height);
    const top = this.y;
    const leading = leadingOf(sizes.field);
    labelLines.forEach((line, i) => {
      this.y = top - leading * (i + 1);
      this.draw(line, margin, sizes.field, this.bold);
    });
    valueLines.forEach((line, i) => {
      this.y = top - leading * (i + 1);
      this.draw(line, margin + this.labelColumn, opts.mono ? valueSize : sizes.field, opts.mono ? this.mono : this.regular);
    });
    this.y = top - height;
  }

  imageHeight(image: PDFImage, maxWidth: number, maxHeight: number): number {
    return image.height * Math.min(maxWidth / image.width, maxHeight / image.height, 1) + 8;
  }

  image(image: PDFImage, maxWidth: number, maxHeight: number, opts: { underline?: boolean } = {}): void {
    const scale = Math.min(maxWidth / image.width, maxHeight / image.height, 1);
    const w = image.width * scale;
    const h = image.height * scale;
    this.keepTogether(h + 8);
    this.y -= h;
    this.page.drawImage(image, { x: margin, y: this.y, width: w, height: h });
    if (opts.underline ?? true) {
      this.page.drawLine({ start: { x: margin, y: this.y - 2 }, end: { x: margin + maxWidth, y: this.y - 2 }, thickness: 0.7, color: muted });
    }
    this.y -= 8;
  }

  /** An image filling the page's content area (a scanned page), on a page of its own. */
  fullPageImage(image: PDFImage, caption: string): void {
    this.newPage();
    this.caption(caption);
    const maxWidth = this.width;
    const maxHeight = this.room - 4;
    const scale = Math.min(maxWidth / image.width, maxHeight / image.height);
    const w = image.width * scale;
    const h = image.height * scale;
    this.y -= h;
    this.page.drawImage(image, { x: margin + (maxWidth - w) / 2, y: this.y, width: w, height: h });
    this.y -= 4;
  }

  /** A page of another PDF (a scanned page), scaled into what is left of the current page. */
  embeddedPage(page: PDFEmbeddedPage): void {
    const maxWidth = this.width;
    const maxHeight = this.room - 4;
    const scale = Math.min(maxWidth / page.width, maxHeight / page.height);
    const w = page.width * scale;
    const h = page.height * scale;
    this.y -= h;
    this.page.drawPage(page, { x: margin + (maxWidth - w) / 2, y: this.y, width: w, height: h });
    this.y -= 4;
  }

  /** The height of `writeLines` for the same labels: a row of blank lines to write on by hand. */
  static handwritingHeight(rows: number): number {
    return rows * 40;
  }

  /**
   * Blank lines to write on by hand, each with its label beneath: the
   * paper form's signature block. `rows` is a list of lines of one or two
   * fields ([label] or [label, label]).
   */
  handwritingLines(rows: string[][]): void {
    for (const row of rows) {
      this.keepTogether(40);
      this.y -= 28;
      const gap = 18;
      const each = (this.width - gap * (row.length - 1)) / row.length;
      row.forEach((label, i) => {
        const x = margin + i * (each + gap);
        this.page.drawLine({ start: { x, y: this.y }, end: { x: x + each, y: this.y }, thickness: 0.8, color: ink });
        this.page.drawText(label, { x, y: this.y - 10, size: 8.5, font: this.regular, color: muted });
      });
      this.y -= 12;
    }
  }

  /** A QR code (its module matrix, quiet zone included) at the left margin, its top at the current line, `size` points square; the caller moves down past it. */
  qrCode(modules: boolean[][], size: number): void {
    const count = modules.length;
    const quiet = 0;
    const cell = size / (count + 2 * quiet);
    const left = margin;
    this.keepTogether(size);
    const top = this.y;
    modules.forEach((row, r) =>
      row.forEach((dark, c) => {
        if (dark) this.page.drawRectangle({ x: left + (c + quiet) * cell, y: top - (r + quiet + 1) * cell, width: cell, height: cell, color: rgb(0, 0, 0) });
      }),
    );
  }

  space(points: number): void {
    this.y -= points;
  }

  /** Write the footer on every page: `left` text and "Page N of M". */
  footers(left: string, pageWord: (n: number, m: number) => string): void {
    const size = 8;
    this.pages.forEach((page, i) => {
      const right = pageWord(i + 1, this.pages.length);
      const rightWidth = this.widthOf(right, this.regular, size);
      page.drawLine({ start: { x: margin, y: margin + 14 }, end: { x: pageSize[0] - margin, y: margin + 14 }, thickness: 0.5, color: muted });
      // The left text stops short of the page number, whatever its length.
      const [leftLine] = this.wrap(left, this.regular, size, this.width - rightWidth - 12);
      page.drawText(leftLine ?? '', { x: margin, y: margin, size, font: this.regular, color: muted });
      page.drawText(right, { x: pageSize[0] - margin - rightWidth, y: margin, size, font: this.regular, color: muted });
    });
  }
}
