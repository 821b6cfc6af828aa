import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPassword, tempDataDir } from '../backend/testing/test-backend';
import { copiedStore } from './testing/copied-store';
import { consentDeskBin } from './testing/cli-process';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/**
 * Export every authorization of `dataDir` with V8 tracing its collections, and
 * return the largest heap a full collection left: what the export kept alive
 * (its live set), unlike the resident size, which shows how lazily V8 collects.
 * Every collection is a full one (--gc-global): a short export has only two or
 * three otherwise, and the largest of so few says little.
 */
function liveSetOfExport(dataDir: string): Promise<{ code: number | null; stderr: string; liveMb: number; collections: number }> {
  const out = path.join(tempDataDir('export-live-out'), 'bundle.zip');
  dirs.push(path.dirname(out));
  const args = ['export', '--data-dir', dataDir, '--user', 'admin', '--password-stdin', '--from', '2026-12-01', '--to', '2026-12-01', '--out', out];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--trace-gc', '--gc-global', consentDeskBin, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      // "Mark-Compact 40.1 (52.3) -> 26.7 (50.1) MB": the heap before and after a full collection.
      const after = [...stdout.matchAll(/Mark-Compact[^\n]*?-> ([\d.]+) \(/g)].map((m) => Number(m[1]));
      resolve({ code, stderr, liveMb: Math.max(0, ...after), collections: after.length });
    });
    child.stdin.end(adminPassword);
  });
}

const small = 1000;
const large = 9000;

/*
 * Issue 14: at 100k authorizations the export's used heap had grown by 75 MB
 * over 10k, and its peak resident size past 300 MB. It kept every chosen
 * authorization as an object, the JSON of all their ids for the posts' query,
 * a Map of them for posts.csv, and an object and name Buffer per file for the
 * zip's central directory: about 420 bytes each (measured at 10k: a live set
 * of 31.3 MB against 27.1). Nine times the authorizations must leave the live
 * set where it was: measured, 24.4 and 24.2 MB; the old code's grew from
 * 24.9 to 28 MB.
 */
describe(`an export's live set, at ${small} and at ${large} authorizations`, () => {
  const stores: Record<number, string> = {};
  beforeAll(async () => {
    for (const size of [small, large]) {
      stores[size] = tempDataDir(`export-live-${size}`);
      dirs.push(stores[size]);
      await copiedStore(stores[size], size, { postsPerAuthorization: 1, standInHashes: true });
    }
  }, 600_000);

  it('does not grow with the number of authorizations', async () => {
    const few = await liveSetOfExport(stores[small]!);
    const many = await liveSetOfExport(stores[large]!);
    expect([few.code, few.stderr, many.code, many.stderr]).toEqual([0, '', 0, '']);
    // Enough full collections for the largest to be near the peak of what was kept.
    expect(many.collections).toBeGreaterThan(5);
    // Under 150 bytes for each added authorization (the old code kept about 420).
    expect(many.liveMb - few.liveMb).toBeLessThan(((large - small) * 150) / 2 ** 20);
  }, 600_000);
});
