import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/audit-log';
import { storePaths } from '../data-dir';
import { adminPassword, setUpStore } from '../testing/test-backend';
import { Store } from './store';

const writerScript = path.resolve(import.meta.dirname, '../testing/crash-writer.ts');
const repoRoot = path.resolve(import.meta.dirname, '../../..');
const kills = 36;

interface WriterRun {
  acknowledged: string[];
  signal: NodeJS.Signals | null;
}

/**
 * Start the crash writer, wait until it writes, let it run 5–150 ms, then
 * SIGKILL it. Returns the ids it acknowledged (complete lines only: a line
 * cut short by the kill acknowledges nothing).
 */
function runAndKill(dataDir: string, secret: string): Promise<WriterRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writerScript, dataDir], {
      cwd: repoRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!timer && stdout.startsWith('ready\n')) {
        timer = setTimeout(() => child.kill('SIGKILL'), 5 + Math.random() * 145);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') {
        reject(new Error(`crash writer stopped on its own (signal ${signal}): ${stderr.trim()}`));
        return;
      }
      const complete = stdout.slice(0, stdout.lastIndexOf('\n') + 1).split('\n').filter(Boolean);
      resolve({ acknowledged: complete.slice(1), signal });
    });
    child.stdin.end(secret);
  });
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('crash safety', () => {
  it(`keeps every acknowledged audited write through ${kills} SIGKILLs at random moments`, async () => {
    const { backend, dataDir } = await setUpStore();
    dirs.push(dataDir);
    backend.close();
    const paths = storePaths(dataDir);
    const [unlocked] = await Store.unlock(paths, { username: 'admin', password: adminPassword });
    if (!unlocked) throw new Error('the admin password should unlock the store');
    const { dataKey, keyring } = unlocked;
    const secret = JSON.stringify({ key: dataKey.toString('hex'), cipher: keyring.cipher });

    const acknowledged: string[] = [];
    let roundsWithWrites = 0;
    for (let round = 0; round < kills; round++) {
      const run = await runAndKill(dataDir, secret);
      acknowledged.push(...run.acknowledged);
      if (run.acknowledged.length > 0) roundsWithWrites += 1;

      // Reopen as the app does (WAL recovery happens here) and check.
      const store = Store.openWithKey(paths, keyring, dataKey);
      try {
        expect(store.db.pragma('integrity_check', { simple: true }), `round ${round}`).toBe('ok');
        const chain = verifyAuditChain(store.db);
        expect(chain, `round ${round}`).toMatchObject({ intact: true });
        const present = new Set(
          (store.db.prepare("SELECT id FROM staff WHERE username LIKE 'crash-%'").all() as { id: string }[]).map((r) => r.id),
        );
        const lost = acknowledged.filter((id) => !present.has(id));
        expect(lost, `round ${round}: acknowledged but missing`).toEqual([]);
        // Each record and its audit event committed together or not at all.
        const unaudited = store.db
          .prepare(
            "SELECT count(*) AS n FROM staff s WHERE username LIKE 'crash-%' AND NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.subject_id = s.id)",
          )
          .get() as { n: number };
        const orphaned = store.db
          .prepare(
            "SELECT count(*) AS n FROM audit_events a WHERE actor_name = 'crash-writer' AND NOT EXISTS (SELECT 1 FROM staff s WHERE s.id = a.subject_id)",
          )
          .get() as { n: number };
        expect([unaudited.n, orphaned.n], `round ${round}`).toEqual([0, 0]);
      } finally {
        store.close();
      }
    }
    // The kills must land while writing, not only before the first commit.
    expect(roundsWithWrites).toBeGreaterThan(kills / 2);
    expect(acknowledged.length).toBeGreaterThan(kills);
  }, 120_000);
});
