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

describe('the consent-desk bundle', () => {
  it('answers --help from the entry chunk alone: the backend is a chunk of its own, loaded by the commands that run', () => {
    const entry = fs.readFileSync(path.join(repoRoot, 'dist', 'cli', 'main.mjs'), 'utf8');
    // Nothing heavy at the top of the entry: no static import of another chunk, no SQLite, no PDF library.
    expect(entry).not.toMatch(/^import [^;]*from\s*"\.\/chunks\//m);
    expect(entry).not.toMatch(/better-sqlite3|pdf-lib|node-forge/);
    expect(entry).toMatch(/import\("\.\/chunks\/backend-[A-Z0-9]+\.mjs"\)/);
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
