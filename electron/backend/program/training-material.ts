import crypto from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { AppError } from '../../../shared/errors';
import { maxMaterialBytes, trainingMaterialTypes, type TrainingMaterialType } from '../../../shared/program/training';
import { decodeUpload } from '../consents/uploaded-file';

/** Images larger than this many pixels are refused before they are decoded (a sign-in sheet photo is far smaller). */
const maxPixels = 60_000_000;

export interface CleanMaterial {
  fileName: string;
  mimeType: TrainingMaterialType;
  data: Buffer;
  sha256: string;
}

/** Characters no file name or plain text should hold: the C0 controls (tab, line feed and carriage return allowed in text). */
const isControl = (code: number, inText: boolean) => code < 0x20 && !(inText && (code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0c || code === 0x0b));
const cleanName = (name: string) => [...name].map((c) => (c === '/' || c === '\\' || isControl(c.charCodeAt(0), false) ? '_' : c)).join('');
const hasControls = (text: string) => [...text].some((c) => isControl(c.charCodeAt(0), true));

const refuse = (message: string, field: string): never => {
  throw new AppError('validation', message, { issues: [{ path: field, message }] });
};

function typeOf(fileName: string, field: string): TrainingMaterialType {
  const ending = fileName.toLowerCase().split('.').at(-1) ?? '';
  for (const [type, endings] of Object.entries(trainingMaterialTypes) as [TrainingMaterialType, readonly string[]][]) {
    if (endings.includes(ending)) return type;
  }
  return refuse('Attach a PDF, a PNG or JPEG image, or a plain text file.', field);
}

/**
 * A training material as it is kept: its type judged from its bytes (the
 * name's ending must agree), within 20 MB; a PDF that pdf-lib can open; an
 * image decoded in full within a pixel limit and re-encoded without its
 * EXIF (a photo of a sign-in sheet may carry where and when it was taken);
 * text that is UTF-8 without control characters. Then stored in the
 * encrypted database like every record.
 */
export async function cleanTrainingMaterial(input: { fileName: string; base64: string }, field = 'materials'): Promise<CleanMaterial> {
  const fileName = cleanName(input.fileName);
  const mimeType = typeOf(fileName, field);
  let data: Buffer;
  if (mimeType === 'text/plain') {
    const bytes = Buffer.from(input.base64, 'base64');
    if (bytes.length === 0) refuse('The file is empty.', field);
    if (bytes.length > maxMaterialBytes) refuse('A material must be 20 MB or smaller.', field);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return refuse('This text file is not UTF-8 text; save it as plain text and attach it again.', field);
    }
    if (hasControls(text)) refuse('This is not a plain text file.', field);
    data = bytes;
  } else {
    data = decodeUpload(input.base64, mimeType, field, maxMaterialBytes);
    if (mimeType === 'application/pdf') {
      try {
        const doc = await PDFDocument.load(data, { updateMetadata: false });
        if (doc.getPageCount() === 0) refuse('This PDF has no pages.', field);
      } catch (error) {
        if (error instanceof AppError) throw error;
        refuse(/encrypted/i.test(String(error)) ? 'This PDF is password-protected; attach one without a password.' : 'This PDF cannot be read.', field);
      }
    } else {
      try {
        const meta = await sharp(data, { failOn: 'error', limitInputPixels: false }).metadata();
        if (!meta.width || !meta.height || meta.width * meta.height > maxPixels) refuse('This image is too large: use one of at most 60 megapixels.', field);
        const image = sharp(data, { failOn: 'error', limitInputPixels: maxPixels }).rotate();
        data = mimeType === 'image/png' ? await image.png().toBuffer() : await image.jpeg({ quality: 90, mozjpeg: true }).toBuffer();
      } catch (error) {
        if (error instanceof AppError) throw error;
        refuse('This image is damaged or incomplete.', field);
      }
    }
  }
  return { fileName, mimeType, data, sha256: crypto.createHash('sha256').update(data).digest('hex') };
}
