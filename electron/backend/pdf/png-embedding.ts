import zlib from 'node:zlib';
import { PNG } from 'pngjs';
import { PDFImage, PngEmbedder, type PDFContext, type PDFDocument, type PDFRef } from 'pdf-lib';

/**
 * A PNG (the patient's drawn or typed signature, a scanned page) embedded
 * as pdf-lib embeds it (an RGB image with its alpha as a soft mask, 8 bits
 * a channel), decoded and compressed with Node's zlib instead of pdf-lib's
 * JavaScript inflate and deflate: for a 600 x 200 signature that was most of
 * a signed PDF's time. pngjs decodes every PNG kind (palette, grey, 16-bit,
 * interlaced) to RGBA.
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

export async function embedPngImage(doc: PDFDocument, bytes: Uint8Array): Promise<PDFImage> {
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
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
  // pdf-lib's embedder only reads the size from the decoded image; the channels go in compressed.
  const embedder = new NativeZlibPngEmbedder(
    { rgbChannel: new Uint8Array(0), width: png.width, height: png.height, bitsPerComponent: 8 },
    zlib.deflateSync(rgb),
    // A PNG without transparency (a scan) needs no mask.
    opaque ? undefined : zlib.deflateSync(alpha),
  );
  const image = PDFImage.of(doc.context.nextRef(), doc, embedder);
  // Written now, so the document needs no list of its own to hold it until it is saved.
  await image.embed();
  return image;
}
