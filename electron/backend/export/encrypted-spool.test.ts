import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../testing/test-backend';
import { EncryptedSpool } from './encrypted-spool';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function spoolFile(): string {
  const dir = tempDataDir('spool');
  dirs.push(dir);
  return path.join(dir, '.bundle.zip.0123456789ab.partial.manifest');
}

const collect = async (chunks: AsyncIterable<Buffer>) => {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
};

describe('an encrypted spool', () => {
  it('gives back exactly what was appended, while the file on disk holds none of it in plaintext', async () => {
    const file = spoolFile();
    const spool = new EncryptedSpool(file);
    const lines = Array.from({ length: 5000 }, (_, i) => `authorizations/González-María-${i}.pdf\n`);
    for (const line of lines) spool.append(line);
    // Past the first 64 kB, appended text is already on disk, encrypted.
    const onDisk = fs.readFileSync(file);
    expect(onDisk.length).toBeGreaterThan(64 * 1024);
    expect(onDisk.includes(Buffer.from('González'))).toBe(false);
    expect(onDisk.includes(Buffer.from('authorizations/'))).toBe(false);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    expect(await collect(spool.chunks())).toBe(lines.join(''));
    expect(() => spool.append('more')).toThrow(/closed/);
    spool.discard();
    expect(fs.existsSync(file)).toBe(false);
  });

  it('refuses to give back a file changed on disk while it waited: one flipped bit fails the read-back', async () => {
    const file = spoolFile();
    const spool = new EncryptedSpool(file);
    for (let i = 0; i < 3000; i += 1) spool.append(`authorizations/${i}.pdf  sha256 ${'0'.repeat(64)}\n`);
    const chunks = spool.chunks();
    // The first chunk closes the file (and keeps its tag); a hostile insider flips a bit of the hash list behind it.
    const first = await chunks.next();
    expect(first.done).toBe(false);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 100]! ^= 0x01;
    fs.writeFileSync(file, bytes);
    await expect(collect(chunks)).rejects.toThrow(/authenticate/);
    spool.discard();
    expect(fs.existsSync(file)).toBe(false);
  });

  it('never replaces a file that is there, and discarding removes it even with text pending', () => {
    const file = spoolFile();
    fs.writeFileSync(file, 'someone else’s');
    expect(() => new EncryptedSpool(file)).toThrow(/EEXIST/);
    fs.rmSync(file);
    const spool = new EncryptedSpool(file);
    spool.append('pending');
    spool.discard();
    spool.discard();
    expect(fs.existsSync(file)).toBe(false);
  });
});
