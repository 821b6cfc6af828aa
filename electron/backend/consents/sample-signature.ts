import zlib from 'node:zlib';
import type { Strokes } from '../../../shared/authorization/signature';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGBA buffer as a PNG file (8-bit, no filter), with Node's zlib only. */
function encodePng(rgba: Buffer, width: number, height: number): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface DrawnSignature {
  png: Buffer;
  /** The PNG as the signature pad hands it over. */
  dataUrl: string;
  strokes: Strokes;
  canvas: { width: number; height: number };
}

export interface DrawnSignatureOptions {
  width?: number;
  height?: number;
  /** Varies the curve, so fictional signers do not all sign alike (0 is the test fixture's). */
  seed?: number;
  /** When the first point was drawn (ms since the epoch). */
  startTime?: number;
}

/**
 * A signature-like wave drawn in dark ink on a transparent canvas, plus the
 * strokes that drew it, as the signature pad would report them. For tests
 * and the fictional demo store: no real person's signature.
 */
export function drawnSignature({ width = 600, height = 200, seed = 0, startTime = 1_700_000_000_000 }: DrawnSignatureOptions = {}): DrawnSignature {
  const rgba = Buffer.alloc(width * height * 4);
  const a = 6 + (seed % 5);
  const b = 2.5 + (seed % 3) * 0.4;
  const amplitude = 45 - (seed % 4) * 5;
  const points = Array.from({ length: 120 }, (_, i) => ({
    x: 40 + i * 4.3,
    y: height / 2 + Math.sin(i / a) * amplitude + Math.cos(i / b) * 10,
    time: startTime + i * 12,
  }));
  for (const p of points) {
    for (let dx = -2; dx <= 2; dx++) {
      for (let dy = -2; dy <= 2; dy++) {
        const x = Math.round(p.x) + dx;
        const y = Math.round(p.y) + dy;
        if (x < 0 || y < 0 || x >= width || y >= height) continue;
        const o = (y * width + x) * 4;
        rgba[o] = 20;
        rgba[o + 1] = 30;
        rgba[o + 2] = 70;
        rgba[o + 3] = 255;
      }
    }
  }
  const png = encodePng(rgba, width, height);
  return { png, dataUrl: `data:image/png;base64,${png.toString('base64')}`, strokes: [points], canvas: { width, height } };
}
