import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../testing/test-backend';
import { verifyBundle } from './bundle-verify';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A hostile bundle: a well-formed manifest listing `files` (unsigned), and the files themselves, deflated. */
async function hostileBundle(label: string, files: { name: string; kind: string; content: Buffer }[]): Promise<string> {
  const dir = tempDataDir(label);
  dirs.push(dir);
  const manifest = {
    format: 'consent-desk-audit-bundle',
    version: 1,
    certificates: [],
    signer: { fingerprintSha256: '0'.repeat(64) },
    audit: { firstSeq: 1, lastSeq: 1, events: 1 },
    files: files.map((f) => ({ path: f.name, kind: f.kind, bytes: f.content.length, sha256: crypto.createHash('sha256').update(f.content).digest('hex') })),
  };
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(manifest)), 'manifest.json');
  for (const f of files) zip.addBuffer(f.content, f.name, { compress: true });
  zip.end();
  const file = path.join(dir, `${label}.zip`);
  await pipeline(zip.outputStream as Readable, fs.createWriteStream(file));
  return file;
}

describe('verifying a hostile bundle stays linear and bounded', () => {
  it('reports a 32 MB audit line as too long without parsing it (it took 75 s and 590 MB before)', async () => {
    // Hex does not compress much, so this is no zip bomb: the line itself must be handled.
    const line = Buffer.from(crypto.randomBytes(16 * 1024 * 1024).toString('hex'));
    const file = await hostileBundle('long-line', [{ name: 'audit-log.jsonl', kind: 'audit-log', content: Buffer.concat([line, Buffer.from('\n')]) }]);
    const before = process.memoryUsage().rss;
    const result = await verifyBundle(file);
    expect(result.ok).toBe(false);
    expect(result.failures).toContain('audit-log.jsonl line 1: longer than 256 kB, so not an audit event.');
    // Nothing near the line's size was held at once.
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('still checks every event of a long excerpt, line by line, across chunk boundaries', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ seq: i + 1, note: 'x'.repeat(i % 700) }));
    const file = await hostileBundle('many-lines', [{ name: 'audit-log.jsonl', kind: 'audit-log', content: Buffer.from(`${lines.join('\n')}\n`) }]);
    const result = await verifyBundle(file);
    // Each line is parsed and found incomplete: proof that every line boundary was seen, none merged or split.
    const incomplete = result.failures.filter((f) => /not a complete audit event/.test(f));
    expect(incomplete[0]).toBe('audit-log.jsonl line 1: not a complete audit event.');
    expect(result.failures).toContain('audit-log.jsonl: 2980 more problems in the audit excerpt.');
  });

  it('refuses a zip bomb from what it claims, before inflating it', async () => {
    const zeros = Buffer.alloc(24 * 1024 * 1024);
    const file = await hostileBundle('bomb', [{ name: 'consents.csv', kind: 'spreadsheet', content: zeros }]);
    const result = await verifyBundle(file);
    expect(result.ok).toBe(false);
    expect(result.failures.some((f) => /^consents\.csv: compressed \d+ to 1, far more than real content allows/.test(f))).toBe(true);
    expect(result.checked.files).toBe(0);
  });
});
