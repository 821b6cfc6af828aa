import fontkit from '@pdf-lib/fontkit';
import { CustomFontSubsetEmbedder, PDFFont, type PDFContext, type PDFDocument, type PDFRawStream, type PDFRef } from 'pdf-lib';
import { patientLanguages } from '../../../shared/patient-language';
import { programLanguages } from '../../../shared/program-language';
import { documentFonts } from './fonts';

/**
 * How every Consent Desk PDF embeds DejaVu Sans, Bold and Sans Mono, with
 * the work that is the same in every document done once per process:
 *
 * - each font file is parsed once (fontkit), and each piece of text laid
 *   out once per font (shaping is most of the cost of drawing text in an
 *   embedded TrueType font, and the wording recurs in every document);
 * - each document's subset starts with the same glyphs, in the same order
 *   (ASCII, the Latin-1 letters and every character of the product's own
 *   wording), so documents whose text stays within them have the same
 *   subset, and its font file, ToUnicode map and widths are compressed once
 *   and then copied. A name with other letters ("Nguyễn", "Łukasz") adds its
 *   glyphs after them: that document's subset is built as before.
 *
 * The output is what pdf-lib writes for `embedFont(bytes, { subset: true })`
 * with the same glyphs drawn: a subset TrueType font (Identity-H, ToUnicode),
 * so pdffonts lists it as embedded and subset, and text extracts as typed.
 */

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
type Font = ReturnType<Fontkit['create']>;
type GlyphRun = ReturnType<Font['layout']>;
export type DocumentFace = 'regular' | 'bold' | 'mono';

/** Pieces of text laid out per font before the memo starts again: the wording of both languages is a few thousand. */
const maxRememberedRuns = 20_000;
/** Distinct subsets kept per font (each a few tens of KB compressed): the common one, and the last documents with other letters. */
const maxRememberedSubsets = 32;

function parseWithRememberedLayout(data: Uint8Array): Font {
  const font = fontkit.create(data);
  const layout = font.layout.bind(font);
  const runs = new Map<string, GlyphRun>();
  // pdf-lib lays out with no features or script (the defaults); anything else goes to fontkit as asked.
  font.layout = (text: string, ...rest: unknown[]) => {
    if (rest.some((r) => r !== undefined)) return (layout as (...args: unknown[]) => GlyphRun)(text, ...rest);
    let run = runs.get(text);
    if (!run) {
      run = layout(text);
      if (runs.size >= maxRememberedRuns) runs.clear();
      runs.set(text, run);
    }
    return run;
  };
  return font;
}

let parsed: Record<DocumentFace, Font> | null = null;
function parsedFonts(): Record<DocumentFace, Font> {
  if (!parsed) {
    const files = documentFonts();
    parsed = { regular: parseWithRememberedLayout(files.regular), bold: parseWithRememberedLayout(files.bold), mono: parseWithRememberedLayout(files.mono) };
  }
  return parsed;
}

/**
 * The characters every subset starts with, one glyph each, in code-point
 * order. Text faces: printable ASCII and every character of the
 * patient-facing and program wording in English and Spanish; the regular
 * face, which prints names, also the Latin-1 letters ("José", "Müller",
 * "François"). The monospaced face prints hashes, fingerprints and ids: hex
 * digits and their separators.
 */
function seedCharacters(face: DocumentFace): string[] {
  const chars = new Set<string>();
  if (face === 'mono') {
    for (const ch of '0123456789abcdefABCDEF:-') chars.add(ch);
  } else {
    for (let c = 0x21; c <= 0x7e; c++) chars.add(String.fromCharCode(c));
    if (face === 'regular') for (let c = 0xc0; c <= 0xff; c++) if (c !== 0xd7 && c !== 0xf7) chars.add(String.fromCharCode(c));
    for (const ch of JSON.stringify([patientLanguages, programLanguages])) if (!/\s/.test(ch)) chars.add(ch);
  }
  return [' ', ...[...chars].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!)];
}
const seeds: Partial<Record<DocumentFace, string[]>> = {};

/** What a subset's embedding writes that depends only on its glyphs: kept per font, keyed by the glyph ids in subset order. */
interface SubsetStreams {
  fontFile: Uint8Array;
  toUnicode: Uint8Array;
  widths: (number | number[])[];
}
const subsets: Record<DocumentFace, Map<string, SubsetStreams>> = { regular: new Map(), bold: new Map(), mono: new Map() };

// pdf-lib declares the constructor private (documents make embedders through `embedFont`); it is an ordinary class.
const SubsetEmbedder = CustomFontSubsetEmbedder as unknown as new (font: Font, fontData: Uint8Array, customName?: string) => CustomFontSubsetEmbedder;

class RememberedSubsetEmbedder extends SubsetEmbedder {
  private known: SubsetStreams | undefined;
  private made: Partial<SubsetStreams> = {};

  constructor(
    font: Font,
    fontData: Uint8Array,
    customName: string,
    private readonly remembered: Map<string, SubsetStreams>,
  ) {
    super(font, fontData, customName);
  }

  private glyphKey(): string {
    return this.glyphCache
      .access()
      .map((g) => g.id)
      .join(',');
  }

  override async embedIntoContext(context: PDFContext, ref?: PDFRef): Promise<PDFRef> {
    const key = this.glyphKey();
    this.known = this.remembered.get(key);
    this.made = {};
    const embedded = await super.embedIntoContext(context, ref);
    if (!this.known && this.made.fontFile && this.made.toUnicode && this.made.widths) {
      if (this.remembered.size >= maxRememberedSubsets) this.remembered.clear();
      this.remembered.set(key, this.made as SubsetStreams);
    }
    return embedded;
  }

  protected override async embedFontStream(context: PDFContext): Promise<PDFRef> {
    if (this.known) return context.register(context.stream(this.known.fontFile, { Subtype: this.isCFF() ? 'CIDFontType0C' : undefined, Filter: 'FlateDecode' }));
    const ref = await super.embedFontStream(context);
    this.made.fontFile = (context.lookup(ref) as PDFRawStream).contents;
    return ref;
  }

  protected override embedUnicodeCmap(context: PDFContext): PDFRef {
    if (this.known) return context.register(context.stream(this.known.toUnicode, { Filter: 'FlateDecode' }));
    const ref = super.embedUnicodeCmap(context);
    this.made.toUnicode = (context.lookup(ref) as PDFRawStream).contents;
    return ref;
  }

  protected override computeWidths(): (number | number[])[] {
    if (this.known) return this.known.widths;
    return (this.made.widths = super.computeWidths());
  }
}

/**
 * Embed one of the document faces in `doc` as a subset named `customName`
 * (with its six-letter subset tag), its seed glyphs already in it. Written
 * into the document when it is saved, like any font pdf-lib embeds.
 */
export function embedDocumentFont(doc: PDFDocument, face: DocumentFace, customName: string): PDFFont {
  const font = parsedFonts()[face];
  const embedder = new RememberedSubsetEmbedder(font, documentFonts()[face], customName, subsets[face]);
  const chars = (seeds[face] ??= seedCharacters(face));
  for (const ch of chars) embedder.encodeText(ch);
  const pdfFont = PDFFont.of(doc.context.nextRef(), doc, embedder);
  // What `doc.embedFont` does with the fonts it makes, so that `save` writes this one too (pdf-lib keeps the list private).
  const fonts = (doc as unknown as { fonts?: PDFFont[] }).fonts;
  if (!Array.isArray(fonts)) throw new Error('This version of pdf-lib keeps its fonts differently: embedDocumentFont needs updating');
  fonts.push(pdfFont);
  return pdfFont;
}
