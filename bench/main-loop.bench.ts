/**
 * `npm run bench:main-loop [-- --authorizations N]`
 *
 * How long Electron's main process (also the window's UI thread) is kept
 * from its event loop while the heavy calls run: a sign-in (scrypt), a
 * report PDF (signed) and an audit export. Measured two ways, in the same
 * process, with the same calls through the contract:
 *
 * - "backend process": the built main bundle (app/dist/main/index.cjs) with
 *   `electron` replaced by the recording fake, its backend in its own
 *   process (app/dist/backend/index.cjs) as in the app; calls go through the
 *   window's IPC handlers and the MessagePort relay;
 * - "in-process" (how it was before): the backend created in this process.
 *
 * The main loop's longest gap is read with a 1 ms timer: the largest
 * distance between two ticks, less the 1 ms. Target: under 50 ms with the
 * backend process. Needs `npm run build:electron` first (the npm script does it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { completeTerms } from '../shared/authorization/test-terms';
import type { CallInput, CallName, CallOutput } from '../shared/contract';
import type { ExportJob } from '../shared/compliance/audit-bundle';
import type { CallResult } from '../shared/errors';
import { createBackend } from '../electron/backend/backend';
import { signAuthorization } from '../electron/backend/consents/signing-flow';
import { samplePatient } from '../electron/backend/testing/consent-flow';
import { appEntryUrl } from '../electron/main/app-origin';
import { createRecordingElectron, installAsElectronModule } from '../electron/main/testing/recording-electron';

const { values } = parseArgs({ options: { authorizations: { type: 'string', default: '20' } } });
const authorizationCount = Number(values.authorizations);
const repoRoot = path.resolve(import.meta.dirname, '..');
const appDir = path.join(repoRoot, 'app');
const password = 'main loop bench password';

type Call = <K extends CallName>(name: K, input: CallInput<K>) => Promise<CallOutput<K>>;

/** The longest stretch the event loop went without running a 1 ms timer. */
function watchGaps() {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - 1);
    last = now;
  }, 1);
  return {
    reset() {
      last = performance.now();
      longest = 0;
    },
    read: () => longest,
    stop: () => clearInterval(timer),
  };
}

async function fixture(call: Call): Promise<void> {
  await call('setup.create', { practiceName: 'Main Loop Practice', adminUsername: 'pat', adminDisplayName: 'Pat Admin', password });
  for (let i = 0; i < authorizationCount; i++) {
    const patient = await call('patients.create', { ...samplePatient, recordNumber: `MRN-${i}`, lastName: `Lopez${i}` });
    await signAuthorization(call, patient.id, completeTerms(), `Maria Lopez${i}`, password);
  }
  await call('session.signOut', {});
}

/** Each heavy call once, with the loop's longest gap during it. */
async function measure(call: Call, outDir: string): Promise<Record<string, number>> {
  const gaps = watchGaps();
  const results: Record<string, number> = {};
  const run = async (what: string, work: () => Promise<unknown>) => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    gaps.reset();
    await work();
    results[what] = gaps.read();
  };
  await run('sign-in', () => call('session.signIn', { username: 'pat', password }));
  await run('report PDF', () => call('reports.pdf', { report: 'staff_activity', from: '2020-01-01', to: '2099-12-31', includeNames: true }));
  await run('export', async () => {
    const job = await call('exports.start', { from: '2020-01-01', to: '2099-12-31', destinationPath: path.join(outDir, `bundle-${Date.now()}.zip`) });
    for (;;) {
      const now: ExportJob = await call('exports.progress', { id: job.id });
      if (now.state !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });
  gaps.stop();
  return results;
}

async function withBackendProcess(root: string): Promise<Record<string, number>> {
  const appPackage = JSON.parse(fs.readFileSync(path.join(appDir, 'package.json'), 'utf8')) as { main: string };
  if (!fs.existsSync(path.join(appDir, 'dist', 'backend', 'index.cjs'))) throw new Error('Run `npm run build:electron` first.');
  process.env.CONSENT_DESK_DATA_DIR = path.join(root, 'process-data');
  const recording = createRecordingElectron({ isPackaged: false, appPath: appDir });
  installAsElectronModule(recording);
  // The bundle resolves its native modules from app/node_modules when there is one (an
  // Electron build, after `npm start`); here it must find the Node build in the root.
  const require = (await import('node:module')).createRequire(path.join(appDir, 'package.json'));
  require(path.join(appDir, appPackage.main));
  recording.fireReady();
  for (let i = 0; i < 200 && recording.state.ipcHandlers.size === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  const call: Call = async (name, input) => {
    const window = recording.state.windows[0]!;
    const event = { sender: window.webContents, senderFrame: { url: appEntryUrl, parent: null, isDestroyed: () => false } };
    const result = (await recording.state.ipcHandlers.get(`consent-desk:${name}`)!(event, input)) as CallResult<never>;
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value;
  };
  // Paths must come from a dialog in the shell: answer the bundle's save dialog up front.
  const outDir = path.join(root, 'out');
  fs.mkdirSync(outDir, { recursive: true });
  await fixture(call);
  const vouched: Call = async (name, input) => {
    if (name === 'exports.start') {
      const target = (input as { destinationPath: string }).destinationPath;
      recording.state.dialogAnswers.push(target);
      await call('shell.choosePath', { purpose: 'bundle' });
    }
    return call(name, input);
  };
  const results = await measure(vouched, outDir);
  const exits = recording.state.utilityProcesses.map((p) => new Promise((resolve) => (p.child.exitCode !== null || p.child.signalCode !== null ? resolve(null) : p.child.once('exit', resolve))));
  recording.electron.app.quit();
  await Promise.all(exits);
  return results;
}

async function inProcess(root: string): Promise<Record<string, number>> {
  const backend = createBackend({ dataDir: path.join(root, 'in-process-data') });
  const call: Call = async (name, input) => {
    const result = await backend.invoke(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as never;
  };
  const outDir = path.join(root, 'out');
  fs.mkdirSync(outDir, { recursive: true });
  await fixture(call);
  const results = await measure(call, outDir);
  backend.close();
  return results;
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'consent-desk-main-loop-'));
try {
  console.log(`Main-loop gaps with ${authorizationCount} signed authorizations; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, ${os.cpus().length} cores.\n`);
  const separate = await withBackendProcess(root);
  const together = await inProcess(root);
  console.log('| Call | Longest main-loop gap, backend process | In-process backend (before) |');
  console.log('| ---- | ---: | ---: |');
  for (const what of Object.keys(separate)) console.log(`| ${what} | ${separate[what]!.toFixed(1)} ms | ${together[what]!.toFixed(1)} ms |`);
  const worst = Math.max(...Object.values(separate));
  console.log(`\nLongest gap with the backend process: ${worst.toFixed(1)} ms (target: under 50 ms) ${worst < 50 ? 'met' : 'NOT met'}.`);
} finally {
  fs.rmSync(root, { recursive: true, force: true });
  delete process.env.CONSENT_DESK_DATA_DIR;
}
process.exit(0);
