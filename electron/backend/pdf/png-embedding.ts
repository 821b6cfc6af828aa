import zlib from 'node:zlib';
import { PNG } from 'pngjs';
import { PDFImage, PngEmbedder, type PDFContext, type PDFDocument, type PDFRef } from 'pdf-lib';

/**
 * A PNG (the patient's drawn or typed signature, a scanned page) embedded
 * as pdf-lib embeds it (an RGB image with its alpha as a soft mask, 8 bits
 * a channel), decoded and compressed with Node's zlib instead of pdf-lib's
 * JavaScript inflate and deflate: for a 600 x 200 signature that was most of
 * a signed PDF's time. 8-bit RGB and RGBA PNGs are decoded here in one pass;
 * pngjs decodes every other kind (palette, grey, 16-bit, interlaced) to RGBA.
 */

// pdf-lib declares the constructor private (documents make embedders through `embedPng`); it takes the decoded image.
interface DecodedPng {
  rgbChannel: Uint8Array;
  alphaChannel?: Uint8Array;
  width: number;
  height: number;
  bitsPerComponent: number;
}
const ImageEmbedder = PngEmbedder as unknown as new (png: DecodedPng) => PngEmbedder;

class NativeZlibPngEmbedder extends ImageEmbedder {
  constructor(
    png: DecodedPng,
    private readonly rgbDeflated: Uint8Array,
    private readonly alphaDeflated: Uint8Array | undefined,
  ) {
    super(png);
  }

  override async embedIntoContext(context: PDFContext, ref?: PDFRef): Promise<PDFRef> {
    // The same dictionaries as pdf-lib's PngEmbedder, with the streams already compressed.
    const mask =
      this.alphaDeflated &&
      context.register(
        context.stream(this.alphaDeflated, { Type: 'XObject', Subtype: 'Image', Height: this.height, Width: this.width, BitsPerComponent: 8, ColorSpace: 'DeviceGray', Decode: [0, 1], Filter: 'FlateDecode' }),
      );
    const image = context.stream(this.rgbDeflated, {
      Type: 'XObject',
      Subtype: 'Image',
      BitsPerComponent: 8,
      Width: this.width,
      Height: this.height,
      ColorSpace: 'DeviceRGB',
      SMask: mask,
      Filter: 'FlateDecode',
    });
    if (ref) {
      context.assign(ref, image);
      return ref;
    }
    return context.register(image);
  }
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The colour and alpha channels of an 8-bit, non-interlaced RGB or RGBA PNG
 * (what a signature pad and most scanners hand over), decoded with Node's
 * zlib and one pass over the rows straight into the two channels; null for
 * every other kind, which pngjs decodes. Chunk checksums are checked, as
 * pngjs checks them.
 */
function decodeCommonPng(bytes: Buffer): { width: number; height: number; rgb: Buffer; alpha: Buffer | null } | null {
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(pngSignature)) return null;
  let at = 8;
  let header: { width: number; height: number; channels: number } | null = null;
  const data: Buffer[] = [];
  let ended = false;
  while (at + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > bytes.length) return null;
    if (zlib.crc32(bytes.subarray(at + 4, at + 8 + length)) !== bytes.readUInt32BE(at + 8 + length)) throw new Error(`The PNG's ${type} chunk is damaged.`);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      const [depth, colorType, compression, filter, interlace] = [body[8], body[9], body[10], body[11], body[12]];
      if (depth !== 8 || (colorType !== 2 && colorType !== 6) || compression !== 0 || filter !== 0 || interlace !== 0) return null;
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), channels: colorType === 6 ? 4 : 3 };
    } else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') {
      ended = true;
      break;
    } else if (type === 'PLTE' || type === 'tRNS') return null; // transparency by colour key: pngjs applies it
    at += 12 + length;
  }
  if (!header || !ended || data.length === 0 || header.width === 0 || header.height === 0) return null;
  const { width, height, channels } = header;
  const stride = width * channels;
  const raw = zlib.inflateSync(data.length === 1 ? data[0]! : Buffer.concat(data));
  if (raw.length < (stride + 1) * height) throw new Error('The PNG image data is truncated.');
  const pixels = width * height;
  const rgb = Buffer.allocUnsafe(pixels * 3);
  const alpha = channels === 4 ? Buffer.allocUnsafe(pixels) : null;
  let opaque = true;
  // Undo each row's filter (PNG spec 9.2) into `line`, against the row before.
  let previous = new Uint8Array(stride);
  let line = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const start = y * (stride + 1);
    const kind = raw[start]!;
    const row = raw.subarray(start + 1, start + 1 + stride);
    const bpp = channels;
    switch (kind) {
      case 0:
        line.set(row);
        break;
      case 1:
        for (let i = 0; i < stride; i++) line[i] = row[i]! + (i >= bpp ? line[i - bpp]! : 0);
        break;
      case 2:
        for (let i = 0; i < stride; i++) line[i] = row[i]! + previous[i]!;
        break;
      case 3:
        for (let i = 0; i < stride; i++) line[i] = row[i]! + (((i >= bpp ? line[i - bpp]! : 0) + previous[i]!) >> 1);
        break;
      case 4:
        for (let i = 0; i < stride; i++) {
          const a = i >= bpp ? line[i - bpp]! : 0;
          const b = previous[i]!;
          const c = i >= bpp ? previous[i - bpp]! : 0;
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          line[i] = row[i]! + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
        }
        break;
      default:
        throw new Error(`The PNG uses an unknown row filter (${kind}).`);
    }
    let j = y * width * 3;
    if (alpha) {
      let k = y * width;
      for (let i = 0; i < stride; i += 4) {
        rgb[j++] = line[i]!;
        rgb[j++] = line[i + 1]!;
        rgb[j++] = line[i + 2]!;
        const a = line[i + 3]!;
        alpha[k++] = a;
        if (a !== 255) opaque = false;
      }
    } else rgb.set(line, j);
    [previous, line] = [line, previous];
  }
  return { width, height, rgb, alpha: opaque ? null : alpha };
}

/** Any PNG as its colour channel and its alpha (null when every pixel is opaque). */
function decodePng(bytes: Uint8Array): { width: number; height: number; rgb: Buffer; alpha: Buffer | null } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const common = decodeCommonPng(buffer);
  if (common) return common;
  const png = PNG.sync.read(buffer);
  const pixels = png.width * png.height;
  const rgba = png.data;
  const rgb = Buffer.allocUnsafe(pixels * 3);
  const alpha = Buffer.allocUnsafe(pixels);
  let opaque = true;
  for (let p = 0, i = 0, j = 0; p < pixels; p++, i += 4, j += 3) {
    rgb[j] = rgba[i]!;
    rgb[j + 1] = rgba[i + 1]!;
    rgb[j + 2] = rgba[i + 2]!;
    alpha[p] = rgba[i + 3]!;
    if (rgba[i + 3] !== 255) opaque = false;
  }
  return { width: png.width, height: png.height, rgb, alpha: opaque ? null : alpha };
}

export async function embedPngImage(doc: PDFDocument, bytes: Uint8Array): Promise<PDFImage> {
  const png = decodePng(bytes);
  // An image with transparency is ink on an empty canvas (a signature): long runs, which run-length matching
  // compresses in a fifth of the time of the default search, at a few KB more. A scan keeps the default.
  const options = png.alpha ? { strategy: zlib.constants.Z_RLE } : {};
  // pdf-lib's embedder only reads the size from the decoded image; the channels go in compressed.
  const embedder = new NativeZlibPngEmbedder(
    { rgbChannel: new Uint8Array(0), width: png.width, height: png.height, bitsPerComponent: 8 },
    zlib.deflateSync(png.rgb, options),
    // A PNG without transparency (a scan) needs no mask.
    png.alpha ? zlib.deflateSync(png.alpha, options) : undefined,
  );
  const image = PDFImage.of(doc.context.nextRef(), doc, embedder);
  // Written now, so the document needs no list of its own to hold it until it is saved.
  await image.embed();
  return image;
}
