import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeTerms } from '../../../shared/authorization/test-terms';
import { AppError } from '../../../shared/errors';
import { parseRecoveryKey } from '../crypto/recovery-key';
import { storePaths } from '../data-dir';
import { verifyBundle } from '../export/bundle-verify';
import { samplePatient, signAuthorization } from '../testing/consent-flow';
import { adminPassword, setUpStore, tempDataDir, testBackend } from '../testing/test-backend';
import { Store } from './store';

/**
 * Crash injection: each operation that changes several files (backup,
 * restore, export, key rotation) is run in a child process and killed with
 * SIGKILL just before each of its renames, links and fsyncs in turn (and
 * once not at all). After every kill the folder is opened as the app
 * would open it, and must be: openable with every credential, nothing lost,
 * no plaintext patient data anywhere, no leftovers, every file private.
 * Each operation reports its trials and failures (target 0). Setting
 * CONSENT_DESK_CRASH_SOAK=N adds N kills at random moments per operation.
 */
const repoRoot = path.resolve(import.meta.dirname, '../../..');
const child = path.resolve(import.meta.dirname, '../testing/crash-operation.ts');
const hook = path.resolve(import.meta.dirname, '../testing/crash-points.ts');
const soak = Number(process.env.CONSENT_DESK_CRASH_SOAK ?? 0);
const marker = 'Quixotica';
const staffPassword = 'tangerine orbit lantern';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

let fixture: { dataDir: string; backup: string; recoveryKey: string };

beforeAll(async () => {
  const root = tempDataDir('crash-fixture');
  dirs.push(root);
  const dataDir = path.join(root, 'store');
  const t = await setUpStore({ dataDir });
  await t.call('staff.create', { username: 'fran', displayName: 'Fran Front', role: 'frontdesk', password: staffPassword });
  await t.call('staff.create', { username: 'sam', displayName: 'Sam Leaving', role: 'frontdesk', password: staffPassword });
  const patient = await t.call('patients.create', { ...samplePatient, firstName: 'Zebulon', lastName: marker });
  await signAuthorization(t.call, patient.id, completeTerms(), `Zebulon ${marker}`, adminPassword);
  const backup = path.join(root, 'before-later.cdbackup');
  await t.call('backups.create', { destinationPath: backup });
  await t.call('staff.create', { username: 'later', displayName: 'Added Later', role: 'frontdesk', password: staffPassword });
  t.backend.close();
  fixture = { dataDir, backup, recoveryKey: t.recoveryKey };
}, 120_000);

type Op = 'backup' | 'restore' | 'export' | 'rotation';

function argFor(op: Op, out: string): string {
  if (op === 'backup') return path.join(out, 'manual.cdbackup');
  if (op === 'export') return path.join(out, 'bundle.zip');
  if (op === 'restore') return fixture.backup;
  return 'sam';
}

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  count?: { count: number; points: string[] };
}

function runChild(op: Op, dataDir: string, out: string, env: Record<string, string>, killAfterMs?: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', '--import', hook, child, op, dataDir, argFor(op, out)], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    proc.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    proc.stdout.resume();
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
    proc.on('error', reject);
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      const countFile = env.CONSENT_DESK_CRASH_COUNT_FILE;
      resolve({ code, signal, stderr, ...(countFile && fs.existsSync(countFile) ? { count: JSON.parse(fs.readFileSync(countFile, 'utf8')) } : {}) });
    });
    proc.stdin.end(adminPassword);
  });
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).map((e) => path.join(e.parentPath, e.name));
}

/** Everything wrong with the folder after a kill and the next open; empty when all holds. */
async function problemsAfter(op: Op, dataDir: string, out: string): Promise<string[]> {
  const problems: string[] = [];
  const t = testBackend({ dataDir });
  try {
    const state = await t.call('app.state', {});
    if (state.phase !== 'signed_out') problems.push(`the app opened on "${state.phase}"${state.problem ? `: ${state.problem}` : ''}`);
    await t.call('session.signIn', { username: 'admin', password: adminPassword });
    const staff = await t.call('staff.list', {});
    const names = staff.map((s) => s.username).sort().join(',');
    if (op === 'restore') {
      if (names !== 'admin,fran,later,sam' && names !== 'admin,fran,sam') problems.push(`staff after restore: ${names}`);
    } else if (names !== 'admin,fran,later,sam') problems.push(`staff: ${names}`);
    const consents = await t.call('consents.list', {});
    if (consents.filter((c) => c.stage === 'final').length !== 1) problems.push(`final authorizations: ${consents.length}`);
    const chain = await t.call('audit.verify', {});
    if (!chain.intact) problems.push(`audit chain: ${chain.problem}`);
    const sam = staff.find((s) => s.username === 'sam');
    await t.call('session.signOut', {});
    // Every credential still opens the store (and a disabled account none).
    for (const who of ['fran', 'later', 'sam']) {
      if (!staff.some((s) => s.username === who)) continue;
      const result = await t.backend.invoke('session.signIn', { username: who, password: staffPassword });
      const shouldOpen = !(who === 'sam' && sam?.status === 'disabled');
      if (result.ok !== shouldOpen) problems.push(`${who} ${shouldOpen ? 'cannot sign in' : 'can still sign in'}${result.ok ? '' : `: ${result.error.message}`}`);
      await t.call('session.signOut', {});
    }
  } catch (error) {
    problems.push(`opening failed: ${error instanceof AppError ? `${error.code}: ${error.message}` : String(error)}`);
  } finally {
    t.backend.close();
  }
  const opened = await Store.open(storePaths(dataDir), { recoveryKey: parseRecoveryKey(fixture.recoveryKey) }).catch(() => null);
  if (!opened) problems.push('the recovery key does not open the store');
  opened?.store.close();

  for (const file of [...filesUnder(dataDir), ...filesUnder(out)]) {
    const name = path.basename(file);
    const stat = fs.statSync(file);
    if (/^\.restore-|\.partial|\.tmp$|^keyring\.pending\.json$/.test(name)) problems.push(`left behind: ${path.relative(path.dirname(dataDir), file)}`);
    if (file.startsWith(dataDir) && (stat.mode & 0o077) !== 0) problems.push(`${path.relative(dataDir, file)} is mode ${(stat.mode & 0o777).toString(8)}`);
    if (stat.isFile() && fs.readFileSync(file).includes(marker)) {
      // A finished bundle holds names by design (it is for an auditor); it must then be whole.
      const bundle = op === 'export' && file === argFor('export', out);
      if (!bundle) problems.push(`plaintext patient data in ${path.relative(path.dirname(dataDir), file)}`);
    }
  }
  const journal = path.join(dataDir, 'operations');
  if (fs.existsSync(journal) && fs.readdirSync(journal).length) problems.push(`journal entries left: ${fs.readdirSync(journal).join(', ')}`);
  const bundle = argFor('export', out);
  if (op === 'export' && fs.existsSync(bundle)) {
    const verified = await verifyBundle(bundle);
    if (!verified.ok) problems.push(`the bundle in place does not verify: ${verified.failures[0]}`);
  }
  return problems;
}

function freshTrial(label: string): { dataDir: string; out: string } {
  const root = tempDataDir(`crash-${label}`);
  dirs.push(root);
  const dataDir = path.join(root, 'store');
  fs.cpSync(fixture.dataDir, dataDir, { recursive: true });
  const out = path.join(root, 'out');
  fs.mkdirSync(out, { mode: 0o700 });
  return { dataDir, out };
}

describe.each<Op>(['backup', 'export', 'rotation', 'restore'])('a kill at every rename and fsync of a %s', (op) => {
  it('leaves a store that opens with every credential, nothing lost, no plaintext, no leftovers', async () => {
    const counting = freshTrial(`${op}-count`);
    const countFile = path.join(path.dirname(counting.dataDir), 'count.json');
    const full = await runChild(op, counting.dataDir, counting.out, { CONSENT_DESK_CRASH_COUNT_FILE: countFile });
    expect(full.code, full.stderr).toBe(0);
    const points = full.count?.count ?? 0;
    expect(points).toBeGreaterThan(2);
    const failures: string[] = [];
    const trials: { label: string; env: Record<string, string>; killAfterMs?: number }[] = [
      ...Array.from({ length: points }, (_, i) => ({ label: `point ${i + 1} (${full.count!.points[i]})`, env: { CONSENT_DESK_CRASH_AT: String(i + 1) } })),
      { label: 'no kill', env: {} },
      ...Array.from({ length: soak }, (_, i) => ({ label: `random kill ${i + 1}`, env: {}, killAfterMs: 300 + Math.random() * 2500 })),
    ];
    for (const trial of trials) {
      const { dataDir, out } = freshTrial(op);
      const run = await runChild(op, dataDir, out, trial.env, trial.killAfterMs);
      if (trial.env.CONSENT_DESK_CRASH_AT && run.signal !== 'SIGKILL') failures.push(`${trial.label}: not killed (exit ${run.code}) ${run.stderr.trim().split('\n')[0] ?? ''}`);
      const problems = await problemsAfter(op, dataDir, out);
      failures.push(...problems.map((p) => `${trial.label}: ${p}`));
    }
    console.log(`crash injection, ${op}: ${trials.length} trials (${points} kill points${soak ? ` + ${soak} random kills` : ''}), ${failures.length} failures`);
    expect(failures).toEqual([]);
  }, 900_000);
});
