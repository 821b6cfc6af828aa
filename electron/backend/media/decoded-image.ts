import sharp, { type Metadata } from 'sharp';
import { AppError } from '../../../shared/errors';

/**
 * An image is accepted only once every pixel of it has been decoded, within
 * limits, by libvips (through sharp): the first bytes being right proves
 * nothing. A PNG cut short passes a magic-byte check, and then sent pdf-lib
 * into an endless loop when the signature was drawn into the PDF; a
 * 16000 x 16000 PNG of a few kilobytes asks for a gigabyte once decoded.
 */
export interface ImageLimits {
  /** Width times height, checked from the header before any pixel is decoded. */
  maxPixels: number;
  /** The longest side. */
  maxSide: number;
}

/** A signature from the pad: the canvas at up to 3x pixel density, with room to spare. */
export const signatureLimits: ImageLimits = { maxPixels: 8_000_000, maxSide: 6000 };
/** Photos and scans: a 50-megapixel phone photo fits; the decoding stays under about 250 MB. */
export const photoLimits: ImageLimits = { maxPixels: 60_000_000, maxSide: 20_000 };

export interface DecodedImage {
  format: string;
  width: number;
  height: number;
}

/**
 * Decode `bytes` completely and return what they are; refuse, with a
 * validation error on `field`, a file that is not a whole image of an
 * allowed format or exceeds the limits.
 */
export async function decodeImageFully(
  bytes: Buffer,
  options: { field: string; formats: readonly string[]; limits: ImageLimits; what: string },
): Promise<DecodedImage> {
  const refuse = (message: string): never => {
    throw new AppError('validation', message, { issues: [{ path: options.field, message }] });
  };
  let header: Metadata;
  try {
    header = await sharp(bytes, { failOn: 'error', limitInputPixels: false }).metadata();
  } catch {
    return refuse(`The ${options.what} is not a readable image.`);
  }
  const { width = 0, height = 0, format = '' } = header;
  if (!options.formats.includes(format)) return refuse(`The ${options.what} must be ${options.formats.map((f) => f.toUpperCase()).join(' or ')}.`);
  if (width <= 0 || height <= 0) return refuse(`The ${options.what} is empty.`);
  if (width > options.limits.maxSide || height > options.limits.maxSide || width * height > options.limits.maxPixels) {
    return refuse(`The ${options.what} is ${width} x ${height} pixels: too large. Use an image of at most ${Math.round(options.limits.maxPixels / 1_000_000)} megapixels.`);
  }
  try {
    // stats() reads every pixel; failOn 'error' turns a truncated or corrupt stream into a failure.
    await sharp(bytes, { failOn: 'error', limitInputPixels: options.limits.maxPixels }).stats();
  } catch {
    return refuse(`The ${options.what} is damaged or incomplete (it could not be read to its end).`);
  }
  return { format, width, height };
}
