import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../backend/testing/test-backend';
import { repoRoot, runConsentDesk, type CliRun } from './testing/cli-process';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function run(bin: string, args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A chunk and every chunk it imports statically, transitively: what loading it evaluates. */
function staticallyLoaded(chunk: string): Map<string, string> {
  const loaded = new Map<string, string>();
  const visit = (file: string) => {
    if (loaded.has(file)) return;
    const text = fs.readFileSync(file, 'utf8');
    loaded.set(file, text);
    for (const [, spec] of text.matchAll(/^import\s*(?:[^;"']*?from\s*)?"(\.{1,2}\/[^"]+)"/gm)) visit(path.resolve(path.dirname(file), spec!));
  };
  visit(chunk);
  return loaded;
}

describe('the consent-desk bundle', () => {
  it('answers --help from the entry and a few small chunks: the backend, zod and the PDF libraries load only with a command that needs them', () => {
    const dir = path.join(repoRoot, 'dist', 'cli');
    // What `consent-desk --help` loads.
    const loaded = staticallyLoaded(path.join(dir, 'main.mjs'));
    const all = [...loaded.values()].join('\n');
    expect(all.length).toBeLessThan(150 * 1024);
    expect(all).not.toMatch(/better-sqlite3|pdf-lib|node-forge|zxcvbn|ZodError/);
    // …while the backend is there, as a chunk of its own that a command imports when it runs.
    expect(loaded.get(path.join(dir, 'main.mjs'))).toMatch(/import\("\.\/chunks\/backend-[A-Z0-9]+\.mjs"\)/);
  });

  it('loads the backend without the PDF, signing, image, zip and password-dictionary libraries: each loads with the first call that needs it', () => {
    const dir = path.join(repoRoot, 'dist', 'cli');
    const loaded = staticallyLoaded(path.join(dir, 'chunks', fs.readdirSync(path.join(dir, 'chunks')).find((f) => /^backend-[A-Z0-9]+\.mjs$/.test(f))!));
    const all = [...loaded.values()].join('\n');
    // esbuild marks each bundled package module with its path; sharp is external, imported by name.
    const heavy = [...all.matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)].map((m) => m[1]!);
    expect([...new Set(heavy)].filter((name) => /^(pdf-lib|@pdf-lib\/.*|@signpdf\/.*|pkijs|asn1js|@zxcvbn-ts\/.*|yazl|pako)$/.test(name))).toEqual([]);
    expect(all).not.toMatch(/^import [^;]*"sharp"/m);
    // The guard sees what it looks for: the backend still bundles zod, from the contract, eagerly.
    expect(heavy).toContain('zod');
  });

  it('without the bundle (installed with --ignore-scripts) runs the source through tsx, with a one-line hint', async () => {
    // A copy of the checkout's layout with no dist/: bin/ copied, the source and packages linked.
    const root = tempDataDir('cli-no-bundle');
    dirs.push(root);
    fs.mkdirSync(path.join(root, 'bin'));
    fs.copyFileSync(path.join(repoRoot, 'bin', 'consent-desk.mjs'), path.join(root, 'bin', 'consent-desk.mjs'));
    for (const linked of ['electron', 'shared', 'node_modules', 'package.json', 'tsconfig.json']) fs.symlinkSync(path.join(repoRoot, linked), path.join(root, linked));

    const fromSource = await run(path.join(root, 'bin', 'consent-desk.mjs'), ['--help']);
    const bundled = await runConsentDesk(['--help']);
    expect(fromSource.code).toBe(0);
    expect(fromSource.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^consent-desk: running from source .*npm run build:cli/)]);
    expect(bundled.stderr).toBe('');
    expect(bundled.code).toBe(0);
    expect(bundled.stdout).toMatch(/^Usage: consent-desk <command>/);
    expect(fromSource.stdout).toBe(bundled.stdout);
  });
});
