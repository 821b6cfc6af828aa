import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import yauzl from 'yauzl';
import { afterAll, describe, expect, it } from 'vitest';
import { readZip, systemUnzip } from '../testing/zip-tools';
import { deflated, dosDateTime, prepareEntry, stored, ZipOutput } from './zip-stream';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'consent-desk-zip-stream-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const tempZip = () => path.join(dir, `test-${++n}.zip`);
const mtime = new Date(2026, 2, 2, 15, 4, 6);
const hasUnzip = systemUnzip(__filename) !== null;

/** The zip's entries as yauzl sees them (names, methods, sizes), without reading their data (from memory: much faster for many entries). */
async function entriesOf(file: string): Promise<yauzl.Entry[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(fs.readFileSync(file), { lazyEntries: true, validateEntrySizes: true, strictFileNames: true }, (error, z) =>
      error ? reject(error) : resolve(z),
    ),
  );
  const entries: yauzl.Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: yauzl.Entry) => {
      entries.push(e);
      zip.readEntry();
    });
    zip.once('end', () => resolve());
    zip.once('error', reject);
    zip.readEntry();
  });
  zip.close();
  return entries;
}

/** A disk that takes writes only when told to (or never), or fails them. */
function heldDisk(mode: 'hold' | 'fail') {
  const held: (() => void)[] = [];
  const out = new Writable({
    highWaterMark: 1024,
    write(_chunk: Buffer, _encoding, callback) {
      if (mode === 'fail') return callback(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
      held.push(() => callback());
    },
  });
  return { out, release: () => held.splice(0).forEach((go) => go()) };
}

describe('the streamed zip', () => {
  it('writes whole files, stored or deflated, and streamed ones, that yauzl and unzip read back as written', async () => {
    const file = tempZip();
    const text = Buffer.from('consent '.repeat(5000), 'utf8');
    const noise = crypto.randomBytes(20_000);
    const chunks = [Buffer.from('\uFEFFa,b\r\n', 'utf8'), Buffer.from('1,2\r\n'.repeat(3000), 'utf8'), Buffer.from('Nguyễn,3\r\n', 'utf8')];
    const zip = new ZipOutput(fs.createWriteStream(file), { mtime });
    await zip.add('README.txt', prepareEntry(text));
    await zip.add('authorizations/noise.pdf', prepareEntry(noise));
    await zip.add('empty.txt', prepareEntry(Buffer.alloc(0)));
    await zip.add('dossier/Nguyễn-Ánh.txt', prepareEntry(Buffer.from('Ánh', 'utf8')));
    const seen: Buffer[] = [];
    await zip.addStream('consents.csv', chunks, (c) => seen.push(c));
    await zip.addStream(
      'audit-log.jsonl',
      (async function* () {
        for (let i = 0; i < 100; i++) yield Buffer.from(`{"seq":${i}}\n`);
      })(),
    );
    await zip.addStream('posts.csv', []);
    const { bytes, sha256 } = await zip.finish();

    const content = fs.readFileSync(file);
    expect(bytes).toBe(content.length);
    expect(sha256).toBe(crypto.createHash('sha256').update(content).digest('hex'));
    expect(Buffer.concat(seen)).toEqual(Buffer.concat(chunks));
    const files = await readZip(file);
    expect([...files.keys()]).toEqual(['README.txt', 'authorizations/noise.pdf', 'empty.txt', 'dossier/Nguyễn-Ánh.txt', 'consents.csv', 'audit-log.jsonl', 'posts.csv']);
    expect(files.get('README.txt')).toEqual(text);
    expect(files.get('authorizations/noise.pdf')).toEqual(noise);
    expect(files.get('empty.txt')!.length).toBe(0);
    expect(files.get('dossier/Nguyễn-Ánh.txt')!.toString('utf8')).toBe('Ánh');
    expect(files.get('consents.csv')).toEqual(Buffer.concat(chunks));
    expect(files.get('audit-log.jsonl')!.toString().split('\n')).toHaveLength(101);
    expect(files.get('posts.csv')!.length).toBe(0);

    const entries = await entriesOf(file);
    const method = (name: string) => entries.find((e) => e.fileName === name)!.compressionMethod;
    // Text deflates; random bytes do not shrink and are stored, as zip does.
    expect([method('README.txt'), method('authorizations/noise.pdf'), method('consents.csv')]).toEqual([deflated, stored, deflated]);
    for (const e of entries) {
      expect(e.getLastModDate().getTime(), e.fileName).toBe(mtime.getTime());
      expect(e.externalFileAttributes >>> 16, e.fileName).toBe(0o100644);
      expect(e.generalPurposeBitFlag & 0x800, e.fileName).toBe(0x800); // UTF-8 names
    }
  });

  it.skipIf(!hasUnzip)('passes Info-ZIP’s unzip -t, which checks every CRC-32', async () => {
    const file = tempZip();
    const zip = new ZipOutput(fs.createWriteStream(file), { mtime, chunkSize: 4096 });
    for (let i = 0; i < 50; i++) await zip.add(`authorizations/${i}.pdf`, prepareEntry(Buffer.from(`%PDF-1.7 ${'x'.repeat(i * 97)} ${i}`)));
    await zip.add('noise.bin', prepareEntry(crypto.randomBytes(5000)));
    await zip.addStream('consents.csv', [Buffer.from('a,b\r\n'.repeat(10_000))]);
    await zip.finish();
    const unzip = systemUnzip(file)!;
    expect(unzip.test).toContain('No errors detected');
    expect(unzip.ok).toBe(true);
    expect(unzip.methods.get('authorizations/49.pdf')).toBe('defN');
    expect(unzip.methods.get('noise.bin')).toBe('stor');
  });

  it('switches to Zip64 end records past 65,535 entries, and readers still find every one', async () => {
    const file = tempZip();
    const zip = new ZipOutput(fs.createWriteStream(file), { mtime });
    const count = 70_000;
    const empty = prepareEntry(Buffer.from('x'));
    for (let i = 0; i < count; i++) await zip.add(`f/${i}.txt`, empty);
    await zip.finish();
    const content = fs.readFileSync(file);
    expect(content.readUInt16LE(content.length - 22 + 10)).toBe(0xffff);
    expect(content.readUInt32LE(content.length - 22 - 20)).toBe(0x07064b50); // the Zip64 locator
    const entries = await entriesOf(file);
    expect(entries).toHaveLength(count);
    expect(entries.at(-1)!.fileName).toBe(`f/${count - 1}.txt`);
    if (hasUnzip) expect(systemUnzip(file)!.ok).toBe(true);
  });

  it('counts an entry written only once its last byte is in the file, and the last ones only when the zip is finished', async () => {
    const file = tempZip();
    const reports: { entries: number; fileSize: number }[] = [];
    const zip = new ZipOutput(fs.createWriteStream(file), {
      mtime,
      chunkSize: 1024,
      onWritten: (entries) => reports.push({ entries, fileSize: fs.statSync(file).size }),
    });
    const content = crypto.randomBytes(3000); // stored: 3 kB each, so about three writes per entry
    for (let i = 0; i < 10; i++) await zip.add(`${i}.bin`, prepareEntry(content));
    await zip.addStream('small.txt', [Buffer.from('small')]);
    // The small one is still gathered for the next write: not counted.
    expect(reports.at(-1)!.entries).toBeLessThan(11);
    await zip.finish();
    expect(reports.at(-1)!.entries).toBe(11);
    const counts = reports.map((r) => r.entries);
    expect(counts).toEqual([...new Set(counts)].sort((a, b) => a - b));
    // Where each entry ends in the file: every entry counted was wholly there when it was counted.
    const ends = (await entriesOf(file)).map(
      (e) => e.relativeOffsetOfLocalHeader + 30 + Buffer.byteLength(e.fileName) + e.compressedSize + (e.generalPurposeBitFlag & 0x8 ? 16 : 0),
    );
    for (const { entries, fileSize } of reports) expect(ends[entries - 1]).toBeLessThanOrEqual(fileSize);
  });

  it('stops waiting for a disk that holds its writes as soon as it is cancelled', async () => {
    const disk = heldDisk('hold');
    const controller = new AbortController();
    const zip = new ZipOutput(disk.out, { mtime, chunkSize: 1024, signal: controller.signal });
    const adding = zip.add('big.bin', prepareEntry(crypto.randomBytes(4096)));
    setTimeout(() => controller.abort(new Error('cancelled')), 20);
    await expect(adding).rejects.toThrow('cancelled');
    disk.out.destroy();
  });

  it('fails, without an unhandled error, when the disk refuses a write', async () => {
    const disk = heldDisk('fail');
    const zip = new ZipOutput(disk.out, { mtime, chunkSize: 1024 });
    const error = await (async () => {
      for (let i = 0; i < 10; i++) await zip.add(`${i}.bin`, prepareEntry(crypto.randomBytes(4096)));
      await zip.finish();
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ENOSPC' });
  });

  it('dates entries in MS-DOS local time, within the years it can hold', () => {
    expect(dosDateTime(new Date(2026, 2, 2, 15, 4, 6))).toEqual({ date: (46 << 9) | (3 << 5) | 2, time: (15 << 11) | (4 << 5) | 3 });
    expect(dosDateTime(new Date(1970, 0, 1))).toEqual(dosDateTime(new Date(1980, 0, 1)));
  });
});
