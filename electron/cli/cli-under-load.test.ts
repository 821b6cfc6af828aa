import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { storePaths } from '../backend/data-dir';
import { Store } from '../backend/store/store';
import { adminPassword, setUpStore } from '../backend/testing/test-backend';
import { runCliInProcess } from './testing/cli-in-process';
import { lines, repoRoot, runConsentDesk } from './testing/cli-process';

const writerScript = path.resolve(import.meta.dirname, '../backend/testing/steady-writer.ts');
const cliRuns = Number(process.env.CONSENT_DESK_LOAD_RUNS ?? 50);
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  children.forEach((child) => child.kill('SIGKILL'));
  dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
});

/** Start the steady writer and wait until it has committed for a second (it says so). */
function startWriter(dataDir: string, secret: string, rate: number): Promise<{ child: ChildProcess; committed: () => number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writerScript, dataDir, String(rate)], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    let latest = 0;
    let started = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const counts = out.split('\n').filter((l) => /^\d+$/.test(l));
      if (counts.length) latest = Number(counts.at(-1));
      if (!started && counts.length > 0) {
        started = true;
        resolve({ child, committed: () => latest });
      }
    });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('exit', (code) => {
      if (!started) reject(new Error(`the writer stopped (${code}): ${err}`));
    });
    child.stdin.end(secret);
  });
}


describe('the command line beside an app writing 300 transactions a second', () => {
  it(`succeeds ${cliRuns} runs in a row, and the writes never stop`, async () => {
    const { backend, dataDir } = await setUpStore();
    dirs.push(dataDir);
    backend.close();
    const [unlocked] = await Store.unlock(storePaths(dataDir), { username: 'admin', password: adminPassword });
    const secret = JSON.stringify({ key: unlocked!.dataKey.toString('hex'), cipher: unlocked!.keyring.cipher });
    const writer = await startWriter(dataDir, secret, 300);

    const failures: string[] = [];
    const before = writer.committed();
    for (let run = 0; run < cliRuns; run++) {
      const { code, err } = await runCliInProcess(['status', '--data-dir', dataDir, '--user', 'admin', '--password-stdin', '--json'], `${adminPassword}\n`);
      if (code !== 0) failures.push(`run ${run + 1}: exit ${code}: ${err.trim()}`);
    }
    // And the real command, in its own process, a few times.
    for (let run = 0; run < 3; run++) {
      const result = await runConsentDesk(['audit', 'verify', '--data-dir', dataDir, '--user', 'admin', '--password-stdin'], adminPassword);
      if (result.code !== 0) failures.push(`process run ${run + 1}: exit ${result.code}: ${lines(result.stderr).join(' ')}`);
    }
    console.log(`load test: ${cliRuns + 3} command-line runs, ${failures.length} failed; the writer committed ${writer.committed() - before} transactions meanwhile`);
    expect(failures).toEqual([]);
    expect(writer.child.exitCode).toBeNull();
    expect(writer.committed()).toBeGreaterThan(before);
  }, 600_000);
});
