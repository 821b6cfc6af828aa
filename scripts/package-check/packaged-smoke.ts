import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import exifr from 'exifr';
import { completeTerms } from '../../shared/authorization/test-terms';
import type { AuthorizationDetail } from '../../shared/authorization/record';
import { dayOf, workstationTimeZone } from '../../shared/calendar';
import type { ExportJob } from '../../shared/compliance/audit-bundle';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import type { CallResult } from '../../shared/errors';
import { signAuthorization } from '../../electron/backend/consents/signing-flow';
import { photoWithGps } from '../../electron/backend/media/sample-images';
import { samplePatient } from '../../electron/backend/testing/consent-flow';
import { pdfSignatureReport } from '../../electron/backend/testing/pdf-tools';
import { appEntryUrl } from '../../electron/main/app-origin';
import { createRecordingElectron, installAsElectronModule } from '../../electron/main/testing/recording-electron';

export interface SmokeOptions {
  repoRoot: string;
  /** app.asar extracted: the packaged main bundle, renderer and node_modules. */
  extractedApp: string;
  unpackedDir: string;
  workDir: string;
}

const password = 'packaged smoke password';

async function until<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The packaged main bundle, run by Node with `electron` replaced by the
 * recording fake, its backend in its own process loading the packaged
 * native modules the way Electron would (asar-native-redirect.cjs), driven
 * through the same IPC handlers the window would call: set up and sign in,
 * sign an authorization (pdfsig must call the PDF valid and whole), import a
 * phone photo with GPS and get it back without metadata, and export a
 * bundle that `consent-desk verify-bundle` accepts. Returns what failed.
 */
export async function runPackagedSmoke(options: SmokeOptions): Promise<string[]> {
  const failures: string[] = [];
  const home = path.join(options.workDir, 'home');
  const out = path.join(options.workDir, 'out');
  for (const dir of [home, out]) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
  }
  // The packaged app ignores CONSENT_DESK_DATA_DIR; its data folder follows XDG_CONFIG_HOME, its rollback anchors XDG_STATE_HOME.
  process.env.XDG_CONFIG_HOME = home;
  process.env.XDG_STATE_HOME = path.join(home, 'state');
  const logFile = path.join(home, 'Consent Desk', 'logs', 'consent-desk.log');
  const anchorDir = path.join(home, 'state', 'Consent Desk', 'rollback-anchors');
  process.env.CONSENT_DESK_CHECK_ASAR_ROOT = options.extractedApp;
  process.env.CONSENT_DESK_CHECK_UNPACKED_ROOT = options.unpackedDir;
  const appPackage = JSON.parse(fs.readFileSync(path.join(options.extractedApp, 'package.json'), 'utf8')) as { version: string; main: string };

  const recording = createRecordingElectron({
    isPackaged: true,
    appPath: options.extractedApp,
    version: appPackage.version,
    utilityExecArgv: ['--require', path.join(options.repoRoot, 'scripts', 'package-check', 'asar-native-redirect.cjs')],
  });
  installAsElectronModule(recording);
  const { state } = recording;

  const started = Date.now();
  const step = (what: string) => console.log(`  packaged smoke: ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

  async function call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
    const handler = state.ipcHandlers.get(`consent-desk:${name}`);
    if (!handler) throw new Error(`the packaged main process registered no handler for ${name}`);
    const window = state.windows[0]!;
    const event = { sender: window.webContents, senderFrame: { url: appEntryUrl, parent: null, isDestroyed: () => false } };
    const result = (await handler(event, input)) as CallResult<CallOutput<K>>;
    if (!result.ok) throw new Error(`${name} was refused: ${result.error.code}: ${result.error.message}`);
    return result.value;
  }

  try {
    // The packaged main bundle, as Electron would load it from app.asar.
    const require = Module.createRequire(path.join(options.extractedApp, 'package.json'));
    require(path.join(options.extractedApp, appPackage.main));
    recording.fireReady();
    await until(() => state.windows.length === 1 && state.ipcHandlers.size > 0, 'the window and the IPC handlers');
    if (!state.utilityProcesses[0]) throw new Error('the main process started no backend process');
    step(`window open, backend in process ${state.utilityProcesses[0].pid}`);

    await call('setup.create', { practiceName: 'Packaged Check Practice', adminUsername: 'pat', adminDisplayName: 'Pat Admin', password });
    await call('session.signOut', {});
    const signedIn = await call('session.signIn', { username: 'pat', password });
    if (signedIn.phase !== 'active') failures.push(`sign-in ended in phase ${signedIn.phase}`);
    step('signed in');
    // Every authorization tells the patient where to send a revocation.
    await call('settings.update', { practiceAddress: '12 River Road, Springfield, IL 62701', practiceEmail: 'privacy@packaged-check.example' });

    // Sign an authorization, then save the patient's copy through the shell's save dialog.
    const patient = await call('patients.create', samplePatient);
    const final: AuthorizationDetail = await signAuthorization(call, patient.id, completeTerms(), 'Maria Lopez', password);
    const copyPath = path.join(out, 'patient-copy.pdf');
    state.dialogAnswers.push(copyPath);
    await call('shell.savePdf', { source: { call: 'consents.pdf', input: { id: final.id } } });
    const report = pdfSignatureReport(fs.readFileSync(copyPath));
    if (!report.includes('Signature is Valid') || !report.includes('Total document signed')) {
      failures.push(`pdfsig does not call the signed authorization valid and whole:\n${report}`);
    }
    const recorded = await call('consents.recordPatientCopy', { id: final.id, method: 'saved' });
    if (recorded.patientCopy?.method !== 'saved') failures.push('the patient’s copy was not recorded as saved');
    // Drawn in the packaged PDF worker, the bundle beside the backend's inside app.asar, not on the backend's own thread.
    const packagedWorker = path.join(options.extractedApp, 'dist', 'backend', 'pdf-worker.cjs');
    const workerLine = await until(
      () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').find((line) => line.includes('PDF worker (drawing) started from')) : undefined),
      'the log line of the PDF worker',
      30_000,
    ).catch(() => null);
    if (!workerLine?.endsWith(`started from ${packagedWorker}`)) failures.push(`the signed PDF was not drawn by the packaged worker ${packagedWorker} (log: ${workerLine ?? 'no worker started'})`);
    step('authorization signed and saved; pdfsig: valid, total document signed; drawn in dist/backend/pdf-worker.cjs');

    // A phone photo with GPS comes back without metadata.
    const testimonial = await call('testimonials.create', { patientId: patient.id, title: 'Back to running', quote: 'I can run again.' });
    const original = await photoWithGps();
    if (!(await exifr.gps(original))) failures.push('the test photo has no GPS position to remove');
    const media = await call('media.import', { testimonialId: testimonial.id, fileName: 'IMG_2041.jpg', kind: 'photo', beforeAfter: false, base64: original.toString('base64') });
    const stored = Buffer.from((await call('media.get', { id: media.id })).base64, 'base64');
    const left = await exifr.parse(stored, { tiff: true, exif: true, gps: true, xmp: true, iptc: true });
    if (left !== undefined) failures.push(`the imported photo still carries metadata: ${Object.keys(left as object).join(', ')}`);
    step(`photo imported with sharp from app.asar.unpacked; removed: ${media.metadataRemoved.join(', ')}`);

    // An export to where the save dialog says, checked as an auditor would.
    const bundlePath = path.join(out, 'audit-bundle.zip');
    state.dialogAnswers.push(bundlePath);
    const chosen = await call('shell.choosePath', { purpose: 'bundle', suggestedName: 'audit-bundle.zip' });
    // The practice was set up in this workstation's zone: its today, not UTC's.
    const today = dayOf(new Date(), workstationTimeZone());
    const job = await call('exports.start', { from: '2020-01-01', to: today, destinationPath: chosen!.path });
    const done = await until(async () => {
      const now: ExportJob = await call('exports.progress', { id: job.id });
      return now.state === 'running' ? null : now;
    }, 'the export');
    if (done.state !== 'done') failures.push(`the export ended ${done.state}: ${done.error ?? ''}`);
    const verify = spawnSync(process.execPath, [path.join(options.repoRoot, 'bin', 'consent-desk.mjs'), 'verify-bundle', bundlePath], { encoding: 'utf8' });
    if (verify.status !== 0) failures.push(`consent-desk verify-bundle refused the bundle (exit ${verify.status}):\n${verify.stdout}${verify.stderr}`);
    step(`bundle exported (${done.counts.authorizations} authorization(s)); consent-desk verify-bundle: ${verify.stdout.trim().split('\n').at(-1)}`);

    // A backup, copied and checked in the packaged backup worker (dist/backend/backup-copy-worker.cjs, beside the backend in app.asar).
    const backupPath = path.join(out, 'packaged-check.cdbackup');
    state.dialogAnswers.push(backupPath);
    const backupTarget = await call('shell.choosePath', { purpose: 'backup', suggestedName: 'packaged-check.cdbackup' });
    const backup = await call('backups.create', { destinationPath: backupTarget!.path });
    const written = fs.existsSync(backup.filePath) ? fs.statSync(backup.filePath).size : 0;
    if (written === 0 || written !== backup.bytes || !/^[0-9a-f]{64}$/.test(backup.databaseSha256)) {
      failures.push(`the backup was not written and checked as it says (${backup.filePath}: ${written} bytes on disk, ${backup.bytes} reported)`);
    }
    step(`backup written and checked in the packaged backup worker (${written} bytes)`);
  } catch (error) {
    failures.push(`the packaged app failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    const exits = state.utilityProcesses.map(
      (p) => new Promise((resolve) => (p.child.exitCode !== null || p.child.signalCode !== null ? resolve(null) : p.child.once('exit', resolve))),
    );
    recording.electron.app.quit();
    await Promise.race([Promise.all(exits), new Promise((resolve) => setTimeout(resolve, 15_000))]);
    for (const p of state.utilityProcesses) p.kill();
    // The shell kept the rollback anchor outside the data folder, sealed through safeStorage, by the time it quit.
    await until(() => state.quit >= 2, 'the app to finish quitting', 15_000).catch(() => null);
    const anchors = fs.existsSync(anchorDir) ? fs.readdirSync(anchorDir) : [];
    if (anchors.length !== 1 || !anchors[0]!.endsWith('.anchor.sealed') || state.safeStorage.encrypted === 0) {
      failures.push(`the packaged app kept no sealed rollback anchor in ${anchorDir} (found: ${anchors.join(', ') || 'nothing'})`);
    } else {
      console.log(`  packaged smoke: rollback anchor kept outside the data folder, sealed by the OS (${path.relative(home, anchorDir)})`);
    }
    if (failures.length > 0 && fs.existsSync(logFile)) console.error(`The packaged app's log:\n${fs.readFileSync(logFile, 'utf8')}`);
    // A test store's output: no real patient data, and it says why a start failed.
    for (const p of state.utilityProcesses) if (failures.length > 0 && p.stderrText) console.error(`Backend process ${p.pid} wrote:\n${p.stderrText}`);
  }
  return failures;
}
