import zlib from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { completeTerms } from '../../../shared/authorization/test-terms';
import { cleanScan } from '../consents/paper-scan';
import { maxScanPages } from '../consents/pdf-scan';
import { drawnSignature } from '../consents/sample-signature';
import { decodeScan } from '../consents/uploaded-file';
import { TimeLimitedWorker } from '../rendering/time-limited-worker';
import { patientSignature, samplePatient, signAuthorization } from '../testing/consent-flow';
import { adminPassword, rejection, setUpStore } from '../testing/test-backend';

/** A PNG whose header says width x height (1-bit grey) and whose pixels are all there: a few kB that decode to gigapixels. */
function pngBomb(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const byte of b) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    typed.copy(out, 4);
    out.writeUInt32BE(crc(typed), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const row = Math.ceil(width / 8) + 1;
  const pixels = zlib.deflateSync(Buffer.alloc(row * height), { level: 9 });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;

async function handedOver(patient = samplePatient) {
  const t = await setUpStore();
  const created = await t.call('patients.create', patient);
  const draft = await t.call('consents.createDraft', { patientId: created.id, terms: completeTerms() });
  await t.call('consents.startPatientMode', { id: draft.id });
  return { ...t, draft, patient: created };
}

describe('images are decoded in full, within pixel limits, before they are accepted', () => {
  it('refuses a signature PNG cut short (a data URL of 200 characters), and the draft can still be signed and witnessed', async () => {
    const t = await handedOver();
    const truncated = drawnSignature().dataUrl.slice(0, 200);
    const error = await rejection(t.call('consents.patientSign', { ...patientSignature(t.draft, 'Maria Lopez'), signaturePng: truncated }));
    expect(error.code).toBe('validation');
    expect(error.issues?.map((i) => i.path)).toEqual(['signature']);
    expect(error.message).toMatch(/damaged or incomplete|not a readable image/);
    const signed = await t.call('consents.patientSign', patientSignature(t.draft, 'Maria Lopez'));
    const final = await t.call('consents.witness', { id: signed.id, password: adminPassword });
    expect(final.stage).toBe('final');
  });

  it('refuses a 16000 x 16000 PNG bomb as a signature and as a photo', async () => {
    const bomb = pngBomb(16_000, 16_000);
    expect(bomb.length).toBeLessThan(100_000);
    const t = await handedOver();
    const signature = await rejection(t.call('consents.patientSign', { ...patientSignature(t.draft, 'Maria Lopez'), signaturePng: dataUrl(bomb) }));
    expect(signature.issues?.map((i) => i.path)).toEqual(['signature']);
    expect(signature.message).toMatch(/16000 x 16000 pixels: too large/);
    await t.call('consents.patientSign', patientSignature(t.draft, 'Maria Lopez'));
    await t.call('consents.witness', { id: t.draft.id, password: adminPassword });

    const testimonial = await t.call('testimonials.create', { patientId: t.patient.id, title: 'Stairs', quote: 'I can climb stairs again.' });
    const photo = await rejection(
      t.call('media.import', { testimonialId: testimonial.id, fileName: 'bomb.png', kind: 'photo', beforeAfter: false, base64: bomb.toString('base64') }),
    );
    expect(photo.code).toBe('validation');
    expect(photo.message).toMatch(/too large/);
  });
});

async function pdfOfPages(pages: number, blankPage?: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage();
    if (i + 1 !== blankPage) page.drawRectangle({ x: 50, y: 50, width: 100, height: 20 });
  }
  return Buffer.from(await doc.save());
}

describe('uploaded scans are read in full, within limits, before they are kept', () => {
  const b64 = (bytes: Buffer) => bytes.toString('base64');

  it('refuses a pixel bomb or a cut-short image as a paper scan and as a revocation scan, in words', async () => {
    const bomb = pngBomb(16_000, 16_000);
    for (const attempt of [() => cleanScan(b64(bomb), 'image/png'), () => decodeScan(b64(bomb), 'image/png', 'scan', 20_000_000)]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/16000 x 16000 pixels: too large/) as unknown, issues: [{ path: 'scan' }] });
    }
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 200, g: 190, b: 180 } } }).jpeg().toBuffer();
    const cut = photo.subarray(0, Math.floor(photo.length / 2));
    for (const attempt of [() => cleanScan(b64(cut), 'image/jpeg'), () => decodeScan(b64(cut), 'image/jpeg', 'scan', 20_000_000)]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/damaged or incomplete|not a readable image/) as unknown });
    }
    expect((await cleanScan(b64(photo), 'image/jpeg')).pages).toBe(1);
  });

  it(`holds a PDF scan to ${maxScanPages} pages and to being a PDF at all, for paper signatures and revocations alike`, async () => {
    const tooLong = await pdfOfPages(maxScanPages + 1);
    for (const attempt of [() => cleanScan(b64(tooLong), 'application/pdf'), () => decodeScan(b64(tooLong), 'application/pdf', 'scan', 20_000_000)]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'validation', message: `The scan must have between 1 and ${maxScanPages} pages; this one has ${maxScanPages + 1}.` });
    }
    const headerOnly = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n');
    await expect(decodeScan(b64(headerOnly), 'application/pdf', 'scan', 20_000_000)).rejects.toMatchObject({ code: 'validation', message: 'This PDF cannot be read. Scan it again.' });
    // A page with nothing on it is not a scan, and could not be drawn into the paper package.
    const withBlank = await pdfOfPages(3, 2);
    for (const attempt of [() => cleanScan(b64(withBlank), 'application/pdf'), () => decodeScan(b64(withBlank), 'application/pdf', 'scan', 20_000_000)]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'validation', message: 'Page 2 of the scan is empty. Scan the pages again.' });
    }
    const fine = await pdfOfPages(maxScanPages);
    expect((await cleanScan(b64(fine), 'application/pdf')).pages).toBe(maxScanPages);
    expect(await decodeScan(b64(fine), 'application/pdf', 'scan', 20_000_000)).toEqual(fine);
  });

  it('refuses a revocation with an unreadable scan and leaves the consent as it was', async () => {
    const t = await setUpStore();
    const patient = await t.call('patients.create', samplePatient);
    const final = await signAuthorization(t.call, patient.id, completeTerms(), 'Maria Lopez', adminPassword);
    const receivedOn = final.signedAt!.slice(0, 10);
    const refused = await rejection(
      t.call('consents.revoke', { id: final.id, receivedOn, method: 'mail', note: '', scan: { mimeType: 'application/pdf', base64: b64(await pdfOfPages(maxScanPages + 5)) } }),
    );
    expect(refused.issues?.map((i) => i.path)).toEqual(['scan']);
    expect((await t.call('consents.get', { id: final.id })).status).toBe('active');
  });
});

describe('names at their longest', () => {
  it('lets a patient whose two names have 100 characters each sign', async () => {
    const t = await setUpStore();
    const patient = await t.call('patients.create', { ...samplePatient, firstName: 'A'.repeat(100), lastName: 'B'.repeat(100) });
    const final = await signAuthorization(t.call, patient.id, completeTerms(), `${'A'.repeat(100)} ${'B'.repeat(100)}`, adminPassword);
    expect(final.stage).toBe('final');
  });
});

describe('work that could run away runs in a worker with a time limit', () => {
  const worker = new TimeLimitedWorker(new URL('../testing/runaway-worker.ts', import.meta.url), { timeLimitMs: 1500, tooSlow: 'Took too long.' });
  afterAll(() => worker.close());

  it('ends a job that never returns, says so, and answers the next job from a fresh worker', async () => {
    // Warm up: the first start loads the module through tsx, which is slow on a loaded machine.
    const echoed = await worker.run<{ length: number; isBuffer: boolean; bytes: Buffer }>('echo', { bytes: Buffer.from('abc') });
    expect(echoed).toEqual({ length: 3, isBuffer: true, bytes: Buffer.from('abcabc') });
    expect(Buffer.isBuffer(echoed.bytes)).toBe(true);
    const started = Date.now();
    await expect(worker.run('spin', {})).rejects.toThrow('Took too long.');
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await worker.run('echo', { bytes: Buffer.from('x') })).toMatchObject({ length: 1 });
  });

  it('passes typed errors across with their field issues', async () => {
    const error = await worker.run('refuse', {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'validation', message: 'Refused in the worker.', issues: [{ path: 'x', message: 'no' }] });
  });
});
