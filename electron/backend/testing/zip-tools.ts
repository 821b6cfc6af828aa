import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';

/** Every file of a zip, in order, in memory (for small test bundles). */
export async function readZip(file: string): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (error, z) => (error ? reject(error) : resolve(z))),
  );
  const files = new Map<string, Buffer>();
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (error, stream) => {
          if (error) return reject(error);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.once('end', () => resolve());
      zip.once('error', reject);
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return files;
}

/** Write files into a new zip, as someone repacking a bundle by hand would. */
export async function writeZip(file: string, files: Map<string, Buffer>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of files) zip.addBuffer(content, name);
  zip.end();
  await pipeline(zip.outputStream as Readable, fs.createWriteStream(file));
}

/** Copy a zip with a change made to its files. */
export async function rewriteZip(from: string, to: string, change: (files: Map<string, Buffer>) => void): Promise<void> {
  const files = await readZip(from);
  change(files);
  await writeZip(to, files);
}

/**
 * What Info-ZIP's `unzip` makes of a zip, as another reader than yauzl:
 * `unzip -t` (tests every entry's CRC-32) and `zipinfo` (each entry's
 * method), or null where unzip is not installed.
 */
export function systemUnzip(file: string): { ok: boolean; test: string; methods: Map<string, string> } | null {
  const test = spawnSync('unzip', ['-t', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (test.error) return null;
  const info = spawnSync('unzip', ['-Z', '-l', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const methods = new Map<string, string>();
  // "-rw-r--r--  6.3 unx     1234 tx     5678 defN 26-Mar-02 15:04 name"
  for (const line of info.stdout.split('\n')) {
    const m = /^\S{10}\s+\S+\s+\S+\s+\d+\s+\S+\s+\d+\s+(\S+)\s+\S+\s+\S+\s(.+)$/.exec(line);
    if (m) methods.set(m[2]!, m[1]!);
  }
  return { ok: test.status === 0 && info.status === 0, test: `${test.stdout}${test.stderr}`, methods };
}
