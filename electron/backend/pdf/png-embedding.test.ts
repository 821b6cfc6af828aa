import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { PDFDocument, type PDFImage } from 'pdf-lib';
import { PNG, type PNGOptions } from 'pngjs';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { drawnSignature } from '../consents/sample-signature';
import { qpdfCheck, renderPdfPages } from '../testing/pdf-tools';
import { embedPngImage } from './png-embedding';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'png-embedding-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A one-page PDF with the image drawn over a patterned background (so that transparency shows), at its own size. */
async function pageWith(png: Buffer, embed: (doc: PDFDocument, png: Buffer) => Promise<PDFImage>): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const image = await embed(doc, png);
  const page = doc.addPage([image.width, image.height]);
  for (let x = 0; x < image.width; x += 20) page.drawRectangle({ x, y: 0, width: 10, height: image.height, opacity: 1 });
  page.drawImage(image, { x: 0, y: 0, width: image.width, height: image.height });
  return Buffer.from(await doc.save());
}

let rendered = 0;
/** The page rendered by poppler, as raw RGB pixels. */
async function pixels(pdf: Buffer): Promise<Buffer> {
  const [file] = renderPdfPages(pdf, dir, `page${rendered++}`, 72);
  return sharp(file!).removeAlpha().raw().toBuffer();
}

/** The same image drawn by pdf-lib's own embedPng and by embedPngImage renders to the same pixels. */
async function expectSameAsPdfLib(png: Buffer): Promise<void> {
  const ours = await pageWith(png, embedPngImage);
  const theirs = await pageWith(png, (doc, bytes) => doc.embedPng(bytes));
  expect(qpdfCheck(ours).ok).toBe(true);
  expect((await pixels(ours)).equals(await pixels(theirs))).toBe(true);
}

function encode(width: number, height: number, rgba: (x: number, y: number) => [number, number, number, number], options: PNGOptions): Buffer {
  const png = new PNG({ width, height, ...options });
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const [r, g, b, a] = rgba(x, y);
      const at = (y * width + x) * 4;
      png.data[at] = r;
      png.data[at + 1] = g;
      png.data[at + 2] = b;
      png.data[at + 3] = a;
    }
  return PNG.sync.write(png, options);
}

describe('embedPngImage', () => {
  it('draws a drawn signature (ink on a transparent canvas) as pdf-lib does', async () => {
    await expectSameAsPdfLib(drawnSignature().png);
  });

  it('draws opaque, grey, grey with alpha and half-transparent PNGs as pdf-lib does, and an opaque one without a mask', async () => {
    const gradient = (x: number, y: number): [number, number, number, number] => [(x * 7) % 256, (y * 5) % 256, (x * y) % 256, 255];
    const opaque = encode(120, 40, gradient, { colorType: 2 });
    await expectSameAsPdfLib(opaque);
    const doc = await PDFDocument.create();
    await embedPngImage(doc, opaque);
    expect(Buffer.from(await doc.save()).toString('latin1')).not.toContain('/SMask');
    await expectSameAsPdfLib(encode(120, 40, (x) => [x * 2, x * 2, x * 2, 255], { colorType: 0 }));
    await expectSameAsPdfLib(encode(120, 40, (x, y) => [x * 2, x * 2, x * 2, (y * 6) % 256], { colorType: 4 }));
    await expectSameAsPdfLib(encode(120, 40, (x, y) => [200, 30, 30, (x + y) % 256], { colorType: 6 }));
  });

  it('undoes every PNG row filter as pdf-lib does, with and without alpha', async () => {
    const pattern = (x: number, y: number): [number, number, number, number] => [(x * 13 + y * 3) % 256, (x * y) % 256, (y * 29) % 256, (x * 7 + y * 11) % 256];
    for (const colorType of [2, 6] as const)
      for (const filterType of [0, 1, 2, 3, 4]) await expectSameAsPdfLib(encode(37, 23, pattern, { colorType, filterType }));
    const doc = await PDFDocument.create();
    await expect(embedPngImage(doc, Buffer.from(encode(8, 8, pattern, { colorType: 6, filterType: 4 })).fill(0, 40, 41))).rejects.toThrow();
  });

  it('draws random images as pdf-lib does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 30 }), fc.uint8Array({ minLength: 4 * 60 * 30, maxLength: 4 * 60 * 30 }), fc.constantFrom(2, 6), async (w, h, noise, colorType) => {
          await expectSameAsPdfLib(encode(w, h, (x, y) => { const i = 4 * (y * w + x); return [noise[i]!, noise[i + 1]!, noise[i + 2]!, noise[i + 3]!]; }, { colorType: colorType as 2 | 6 }));
        }),
      { numRuns: 12 },
    );
  });

  it('refuses bytes that are not a PNG with an error, not a broken page', async () => {
    const doc = await PDFDocument.create();
    await expect(embedPngImage(doc, Buffer.from('not a png at all'))).rejects.toThrow();
    const truncated = drawnSignature().png.subarray(0, 200);
    await expect(embedPngImage(doc, truncated)).rejects.toThrow();
  });
});
