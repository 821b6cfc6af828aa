import exifr from 'exifr';
import sharp, { type Metadata, type Sharp } from 'sharp';
import { AppError } from '../../../shared/errors';
import type { MediaKind } from '../../../shared/posts/post';
import { decodeImageFully, photoLimits } from './decoded-image';

export const maxMediaBytes = 50 * 1024 * 1024;

export interface CleanMedia {
  data: Buffer;
  mimeType: string;
  width: number | null;
  height: number | null;
  thumbnail: Buffer | null;
  /** What identifying metadata the original held and the stored copy does not. */
  metadataRemoved: string[];
}

const imageFormats: Record<string, { mimeType: string; encode: (s: Sharp) => Sharp }> = {
  jpeg: { mimeType: 'image/jpeg', encode: (s) => s.jpeg({ quality: 92 }) },
  png: { mimeType: 'image/png', encode: (s) => s.png() },
  webp: { mimeType: 'image/webp', encode: (s) => s.webp({ quality: 92 }) },
};

/** What the original's metadata held that could identify a person or place. */
async function identifyingMetadata(bytes: Buffer, meta: Metadata): Promise<string[]> {
  const found: string[] = [];
  if (meta.exif) {
    const exif = (await exifr.parse(bytes, { tiff: true, exif: true, gps: true, xmp: false, iptc: false }).catch(() => null)) as Record<
      string,
      unknown
    > | null;
    if (exif && ('latitude' in exif || 'GPSLatitude' in exif)) found.push('GPS position');
    if (exif && ('DateTimeOriginal' in exif || 'CreateDate' in exif || 'ModifyDate' in exif)) found.push('dates');
    if (exif && ('Make' in exif || 'Model' in exif || 'SerialNumber' in exif || 'BodySerialNumber' in exif)) found.push('camera details');
    found.push('EXIF');
  }
  if (meta.xmp) found.push('XMP');
  if (meta.iptc) found.push('IPTC');
  if (meta.comments?.length) found.push('comments');
  if (meta.icc) found.push('colour profile');
  return found;
}

async function cleanImage(bytes: Buffer): Promise<CleanMedia> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { failOn: 'error', limitInputPixels: false }).metadata();
  } catch {
    throw new AppError('validation', 'That file is not a readable image.', { issues: [{ path: 'file', message: 'Choose a JPEG, PNG or WebP photo.' }] });
  }
  const format = imageFormats[meta.format ?? ''];
  if (!format) {
    throw new AppError('validation', `${(meta.format ?? 'That').toUpperCase()} images are not supported. Use JPEG, PNG or WebP.`, {
      issues: [{ path: 'file', message: 'Choose a JPEG, PNG or WebP photo.' }],
    });
  }
  // Every pixel decoded, within the pixel limit, before anything is kept.
  await decodeImageFully(bytes, { field: 'file', formats: Object.keys(imageFormats), limits: photoLimits, what: 'photo' });
  const removed = await identifyingMetadata(bytes, meta);
  // rotate() applies the EXIF orientation to the pixels first, so the photo
  // still stands upright once the EXIF block is gone. sharp writes no input
  // metadata unless asked to (keepMetadata / withMetadata), which we never do.
  const cleaned = await format
    .encode(sharp(bytes, { failOn: 'error', limitInputPixels: photoLimits.maxPixels }).rotate())
    .toBuffer({ resolveWithObject: true });
  const thumbnail = await sharp(cleaned.data).resize(320, 320, { fit: 'inside' }).jpeg({ quality: 75 }).toBuffer();
  return {
    data: cleaned.data,
    mimeType: format.mimeType,
    width: cleaned.info.width,
    height: cleaned.info.height,
    thumbnail,
    metadataRemoved: removed,
  };
}

/** Recognise a video or audio container by its first bytes. */
function containerType(bytes: Buffer, kind: 'video' | 'audio'): string | null {
  const at = (offset: number, text: string) => bytes.subarray(offset, offset + text.length).toString('latin1') === text;
  if (at(4, 'ftyp')) return kind === 'video' ? (at(8, 'qt') ? 'video/quicktime' : 'video/mp4') : 'audio/mp4';
  if (bytes.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]))) return kind === 'video' ? 'video/webm' : 'audio/webm';
  if (kind === 'audio' && at(0, 'RIFF') && at(8, 'WAVE')) return 'audio/wav';
  if (kind === 'audio' && at(0, 'OggS')) return 'audio/ogg';
  if (kind === 'audio' && (at(0, 'ID3') || (bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0))) return 'audio/mpeg';
  return null;
}

/**
 * Check an imported file and prepare the copy that is stored: images are
 * re-encoded without EXIF (GPS, dates, camera), XMP, IPTC or comments, with
 * a thumbnail; video and audio are checked by type and kept as they are
 * (their container metadata is not rewritten: the screen says so).
 */
export async function cleanMedia(bytes: Buffer, kind: MediaKind): Promise<CleanMedia> {
  if (bytes.length === 0) throw new AppError('validation', 'The file is empty.', { issues: [{ path: 'file', message: 'Choose another file.' }] });
  if (bytes.length > maxMediaBytes) {
    throw new AppError('validation', `The file is ${(bytes.length / 1024 / 1024).toFixed(0)} MB; the limit is 50 MB.`, {
      issues: [{ path: 'file', message: 'Choose a smaller file, or shorten the video.' }],
    });
  }
  if (kind === 'photo') return cleanImage(bytes);
  const mimeType = containerType(bytes, kind);
  if (!mimeType) {
    throw new AppError('validation', `That file is not a ${kind === 'video' ? 'MP4, MOV or WebM video' : 'MP3, M4A, WAV, Ogg or WebM audio file'}.`, {
      issues: [{ path: 'file', message: 'Choose another file.' }],
    });
  }
  return { data: bytes, mimeType, width: null, height: null, thumbnail: null, metadataRemoved: [] };
}
