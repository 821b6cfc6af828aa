/**
 * The Electron shell's wiring, checked without an Electron binary: `electron`
 * is replaced by the recording fake (testing/recording-electron.ts), the
 * real main-process module runs, and the real backend runs in its own Node
 * process as it would in a utility process, in a temporary data folder.
 * What only real Electron can show (the sandbox, the CSP in Chromium,
 * native dialogs, printing) is in e2e/electron.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannelOf } from '../../shared/bridge';
import { callNames } from '../../shared/contract';
import { eventChannelOf } from '../../shared/contract/contract-events';
import type { CallResult } from '../../shared/errors';
import type { AppState } from '../../shared/session';
import { appEntryUrl, contentSecurityPolicy } from './app-origin';
import type { RecordingElectron } from './testing/recording-electron';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

vi.mock('electron', async () => {
  const { createRecordingElectron } = await import('./testing/recording-electron');
  const recording = createRecordingElectron({ isPackaged: false, appPath: '', utilityExecArgv: ['--import', 'tsx'] });
  (globalThis as { __recording?: RecordingElectron }).__recording = recording;
  return { ...recording.electron, default: recording.electron };
});

const recording = () => (globalThis as { __recording?: RecordingElectron }).__recording!;
const password = 'correct horse battery staple';
let tempRoot = '';
const xdgBefore = process.env.XDG_CONFIG_HOME;
const xdgStateBefore = process.env.XDG_STATE_HOME;
let signalListeners: { signal: NodeJS.Signals; listeners: ((...args: unknown[]) => unknown)[] }[] = [];

/** Loads the main-process module afresh, as `electron app` would, then fires `ready`. */
async function startShell(options: { isPackaged: boolean; dataDirOverride?: string; safeStorage?: 'keyring' | 'basic_text' | 'none' }): Promise<RecordingElectron> {
  await import('electron');
  const r = recording();
  const appPath = path.join(tempRoot, 'app');
  r.reset({ isPackaged: options.isPackaged, appPath, safeStorage: options.safeStorage ?? 'keyring' });
  if (options.dataDirOverride) process.env.CONSENT_DESK_DATA_DIR = options.dataDirOverride;
  else delete process.env.CONSENT_DESK_DATA_DIR;
  // A packaged app (or one without an override) uses the user's folder: keep it inside the test's.
  process.env.XDG_CONFIG_HOME = path.join(tempRoot, 'home');
  process.env.XDG_STATE_HOME = path.join(tempRoot, 'home', 'state');
  signalListeners = (['SIGINT', 'SIGTERM'] as const).map((signal) => ({ signal, listeners: process.listeners(signal) as ((...args: unknown[]) => unknown)[] }));
  vi.resetModules();
  await import('./index');
  r.fireReady();
  await new Promise((resolve) => setImmediate(resolve));
  return r;
}

function trustedEvent(r: RecordingElectron, url = appEntryUrl) {
  const window = r.state.windows[0]!;
  return { sender: window.webContents, senderFrame: { url, parent: null, isDestroyed: () => false } };
}

function invoke(r: RecordingElectron, name: string, input: unknown = {}, event: unknown = trustedEvent(r)): Promise<CallResult<unknown>> {
  const handler = r.state.ipcHandlers.get(`consent-desk:${name}`);
  if (!handler) throw new Error(`no handler for ${name}`);
  return handler(event, input) as Promise<CallResult<unknown>>;
}

async function value<T>(r: RecordingElectron, name: string, input: unknown = {}): Promise<T> {
  const result = await invoke(r, name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

async function setUp(r: RecordingElectron) {
  return value<{ state: AppState }>(r, 'setup.create', {
    practiceName: 'Xylophone Lane Dental',
    adminUsername: 'zebediah.q',
    adminDisplayName: 'Zebediah Quistgaard',
    password,
  });
}

/** Waits for something the shell announces, never for a fixed time. */
async function until<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function quit(r: RecordingElectron): Promise<void> {
  const exited = r.state.utilityProcesses.map((p) => new Promise((resolve) => (p.child.exitCode !== null || p.child.signalCode !== null ? resolve(null) : p.child.once('exit', resolve))));
  r.electron.app.quit();
  await Promise.all(exited);
}

/** Quit and wait until the shell has finished closing (it quits again once the backend and its last anchor are done). */
async function quitFully(r: RecordingElectron): Promise<void> {
  const before = r.state.quit;
  await quit(r);
  await until(() => r.state.quit >= before + 2, 'the shell to finish closing');
}

beforeEach(() => {
  tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'consent-desk-shell-'));
  const appPath = path.join(tempRoot, 'app');
  fs.mkdirSync(path.join(appPath, 'dist', 'renderer', 'assets'), { recursive: true });
  fs.mkdirSync(path.join(appPath, 'dist', 'backend'), { recursive: true });
  fs.writeFileSync(path.join(appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Consent Desk</title>');
  fs.writeFileSync(path.join(appPath, 'dist', 'renderer', 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(appPath, 'package.json'), '{"secret":true}');
  // The backend process runs the backend's source through tsx, as the bundle would run it.
  fs.writeFileSync(
    path.join(appPath, 'dist', 'backend', 'index.cjs'),
    `require(${JSON.stringify(path.join(repoRoot, 'electron', 'backend', 'process', 'main.ts'))});\n`,
  );
});

afterEach(async () => {
  const r = recording();
  if (r) await quit(r);
  // index.ts adds signal listeners to quit cleanly; do not leave them on the test process.
  for (const { signal, listeners } of signalListeners) {
    for (const listener of process.listeners(signal)) if (!listeners.includes(listener as (...args: unknown[]) => unknown)) process.off(signal, listener);
  }
  delete process.env.CONSENT_DESK_DATA_DIR;
  if (xdgBefore === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = xdgBefore;
  if (xdgStateBefore === undefined) delete process.env.XDG_STATE_HOME;
  else process.env.XDG_STATE_HOME = xdgStateBefore;
  fs.rmSync(tempRoot, { recursive: true, force: true });
});

describe('the Electron main process', () => {
  it('uses the override data folder only when not packaged, and a development folder when none is given', async () => {
    const override = path.join(tempRoot, 'data');
    let r = await startShell({ isPackaged: false, dataDirOverride: override });
    expect(r.state.paths.get('userData')).toBe(override);
    expect(r.state.paths.get('sessionData')).toBe(path.join(override, 'chromium'));
    if (process.platform !== 'win32') expect(fs.statSync(override).mode & 0o777).toBe(0o700);
    await quit(r);

    const home = path.join(tempRoot, 'home');
    r = await startShell({ isPackaged: true, dataDirOverride: override });
    expect(r.state.paths.get('userData')).toBe(path.join(home, 'Consent Desk'));
    await quit(r);
    r = await startShell({ isPackaged: false });
    expect(r.state.paths.get('userData')).toBe(path.join(home, 'Consent Desk (development)'));
  });

  it('registers the app scheme as standard and secure, without bypassing the CSP', async () => {
    const r = await startShell({ isPackaged: false, dataDirOverride: path.join(tempRoot, 'data') });
    expect(r.state.privileged).toEqual(
      expect.arrayContaining([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) as unknown }]),
    );
    expect(JSON.stringify(r.state.privileged)).not.toContain('bypassCSP');
  });

  it('opens one locked-down window on the app scheme, with an in-memory session', async () => {
    const r = await startShell({ isPackaged: true, dataDirOverride: path.join(tempRoot, 'data') });
    expect(r.state.windows).toHaveLength(1);
    const window = r.state.windows[0]!;
    expect(window.loadedUrl).toBe(appEntryUrl);
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      devTools: false,
    });
    expect(String(window.options.webPreferences.preload)).toMatch(/preload[\\/]index\.cjs$/);
    // Chromium keeps the page's caches, storage and blobs on disk only for `persist:` partitions.
    const windowSession = window.options.webPreferences.session as { partition: string };
    expect(windowSession.partition).not.toMatch(/^persist:/);
    expect(windowSession.partition).not.toBe('');
  });

  it('serves only the renderer files, each with the CSP header', async () => {
    const r = await startShell({ isPackaged: false, dataDirOverride: path.join(tempRoot, 'data') });
    const windowSession = r.state.windows[0]!.options.webPreferences.session as { protocolHandlers: Map<string, (request: { url: string; method: string }) => Promise<Response>> };
    const serve = windowSession.protocolHandlers.get('app')!;

    const page = await serve({ url: appEntryUrl, method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>Consent Desk</title>');

    const script = await serve({ url: 'app://consent-desk/assets/app.js', method: 'GET' });
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');

    for (const url of ['app://consent-desk/..%2fpackage.json', 'app://consent-desk/%2e%2e/package.json', 'app://consent-desk/assets/missing.js']) {
      const refused = await serve({ url, method: 'GET' });
      expect(refused.status, url).toBe(404);
      expect(refused.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    }
    expect((await serve({ url: appEntryUrl, method: 'POST' })).status).toBe(405);
  });

  it('denies every permission and every request off the app scheme, in every session', async () => {
    const r = await startShell({ isPackaged: true, dataDirOverride: path.join(tempRoot, 'data') });
    const windowSession = r.state.windows[0]!.options.webPreferences.session as ReturnType<RecordingElectron['electron']['session']['fromPartition']>;
    for (const ses of [windowSession, r.electron.session.defaultSession]) {
      let granted: boolean | null = null;
      ses.permissionRequest!(null, 'media', (v: boolean) => (granted = v));
      expect(granted).toBe(false);
      expect(ses.permissionCheck!(null, 'clipboard-read', 'app://consent-desk', {})).toBe(false);
      expect(ses.deviceCheck!({})).toBe(false);
      const cancelled = (url: string) => {
        let cancel: boolean | undefined;
        ses.beforeRequest!({ url }, (response: { cancel?: boolean }) => (cancel = response.cancel));
        return cancel;
      };
      expect(cancelled(appEntryUrl)).toBe(false);
      expect(cancelled('data:image/png;base64,AAAA')).toBe(false);
      for (const url of ['https://example.com/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'devtools://devtools/bundled/inspector.html']) {
        expect(cancelled(url), url).toBe(true);
      }
    }
  });

  it('refuses navigation, pop-ups and webviews in every web contents', async () => {
    const r = await startShell({ isPackaged: false, dataDirOverride: path.join(tempRoot, 'data') });
    const contents = new r.FakeWebContents();
    r.appEvents.emit('web-contents-created', {}, contents);
    const prevented = (event: string, url: string) => {
      let called = false;
      contents.emit(event, { url, preventDefault: () => (called = true) });
      return called;
    };
    expect(prevented('will-navigate', 'https://example.com/')).toBe(true);
    expect(prevented('will-navigate', appEntryUrl)).toBe(true);
    expect(prevented('will-frame-navigate', 'https://example.com/')).toBe(true);
    expect(prevented('will-redirect', 'https://example.com/')).toBe(true);
    expect(prevented('will-attach-webview', appEntryUrl)).toBe(true);
    expect(contents.openHandler?.()).toEqual({ action: 'deny' });

    // A print window may show its document in Chromium's PDF viewer, and nothing else.
    const printing = Object.assign(new r.FakeWebContents(), { session: r.electron.session.fromPartition('consent-desk-print') });
    r.appEvents.emit('web-contents-created', {}, printing);
    const printPrevented = (url: string) => {
      let called = false;
      printing.emit('will-frame-navigate', { url, preventDefault: () => (called = true) });
      return called;
    };
    expect(printPrevented('chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html')).toBe(false);
    expect(printPrevented('consent-desk-print://0123abcd/patient-copy.pdf')).toBe(false);
    expect(printPrevented(appEntryUrl)).toBe(true);
    expect(printPrevented('https://example.com/')).toBe(true);
  });

  it('binds one IPC handler per contract call', async () => {
    const r = await startShell({ isPackaged: false, dataDirOverride: path.join(tempRoot, 'data') });
    expect([...r.state.ipcHandlers.keys()].sort()).toEqual(callNames.map(ipcChannelOf).sort());
  });

  it('answers our window from a backend in another process, and refuses every other sender with `forbidden`', async () => {
    const r = await startShell({ isPackaged: false, dataDirOverride: path.join(tempRoot, 'data') });
    expect(await invoke(r, 'app.state')).toMatchObject({ ok: true, value: { phase: 'setup' } });
    expect(r.state.utilityProcesses).toHaveLength(1);
    expect(r.state.utilityProcesses[0]!.pid).not.toBe(process.pid);

    const window = r.state.windows[0]!;
    const untrusted = [
      { sender: window.webContents, senderFrame: null },
      { sender: window.webContents, senderFrame: { url: appEntryUrl, parent: {}, isDestroyed: () => false } },
      { sender: window.webContents, senderFrame: { url: 'https://example.com/', parent: null, isDestroyed: () => false } },
      { sender: window.webContents, senderFrame: { url: appEntryUrl, parent: null, isDestroyed: () => true } },
      { sender: new r.FakeWebContents(), senderFrame: { url: appEntryUrl, parent: null, isDestroyed: () => false } },
    ];
    for (const event of untrusted) {
      expect(await invoke(r, 'app.state', {}, event)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    // A refused call never reaches the backend: setup still has not happened.
    expect(fs.existsSync(path.join(tempRoot, 'data', 'consent-desk.db'))).toBe(false);
    expect(await invoke(r, 'setup.create', { practiceName: '' })).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('lets the renderer name no path: only the dialog’s answers and the backend’s own paths go through', async () => {
    const r = await startShell({ isPackaged: false, dataDirOverride: path.join(tempRoot, 'data') });
    await setUp(r);
    const folder = path.join(tempRoot, 'backups-elsewhere');
    fs.mkdirSync(folder);
    const schedule = { enabled: true, folder, everyHours: 24, keep: 14 };

    expect(await invoke(r, 'backups.setSchedule', schedule)).toMatchObject({ ok: false, error: { code: 'forbidden', issues: [{ path: 'folder' }] } });
    expect(await invoke(r, 'exports.verify', { filePath: '/etc/passwd.zip' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await invoke(r, 'shell.choosePath', { purpose: 'backupFolder', typedPath: folder })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await value(r, 'shell.capabilities')).toEqual({ dialogs: 'native', canPrint: true });

    // Cancelled, then chosen.
    expect(await value(r, 'shell.choosePath', { purpose: 'backupFolder' })).toBeNull();
    r.state.dialogAnswers.push(folder);
    expect(await value(r, 'shell.choosePath', { purpose: 'backupFolder' })).toEqual({ path: folder, name: 'backups-elsewhere' });
    expect(r.state.dialogsShown.at(-1)).toMatchObject({ kind: 'open', options: { properties: expect.arrayContaining(['openDirectory']) } });
    const overview = await value<{ folder: string }>(r, 'backups.setSchedule', schedule);
    expect(overview.folder).toBe(folder);

    // A backup the backend wrote may be handed back (to restore it, or show it in its folder).
    const backup = await value<{ filePath: string }>(r, 'backups.create', {});
    expect(await value(r, 'shell.showInFolder', { path: backup.filePath })).toBeNull();
    expect(r.state.shownInFolder).toEqual([backup.filePath]);
    expect(await invoke(r, 'shell.showInFolder', { path: path.join(tempRoot, 'data', 'keyring.json') })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // A published post's address opens in the system's browser; nothing but a web address does.
    expect(await value(r, 'shell.openLink', { url: 'https://www.instagram.com/p/abc' })).toEqual({ opened: true });
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'ms-settings:', 'smb://server/share']) {
      expect(await invoke(r, 'shell.openLink', { url })).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
    expect(r.state.openedExternally).toEqual(['https://www.instagram.com/p/abc']);
  });

  it('saves a PDF the backend makes where the dialog says, whole, and refuses it before sign-in', async () => {
    const r = await startShell({ isPackaged: false, dataDirOverride: path.join(tempRoot, 'data') });
    const source = { call: 'reports.pdf', input: { report: 'uncovered_posts' } };
    expect(await invoke(r, 'shell.savePdf', { source })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await setUp(r);
    const target = path.join(tempRoot, 'out', 'uncovered');
    fs.mkdirSync(path.dirname(target));
    r.state.dialogAnswers.push(target);
    const saved = await value<{ path: string; bytes: number }>(r, 'shell.savePdf', { source });
    expect(saved.path).toBe(`${target}.pdf`);
    const bytes = fs.readFileSync(saved.path);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBe(saved.bytes);
    expect(fs.readdirSync(path.dirname(target))).toEqual(['uncovered.pdf']);
    expect(r.state.dialogsShown.at(-1)).toMatchObject({ kind: 'save', options: { defaultPath: expect.stringMatching(/\.pdf$/) } });
    // A call the backend refuses never opens a dialog.
    const shown = r.state.dialogsShown.length;
    expect(await invoke(r, 'shell.savePdf', { source: { call: 'consents.pdf', input: { id: '7d3e1f0a-1b2c-4d5e-8f90-a1b2c3d4e5f6' } } })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(r.state.dialogsShown.length).toBe(shown);
  });

  it('restarts a backend that dies, keeps what it had acknowledged, and brings the window to the sign-in screen', async () => {
    const dataDir = path.join(tempRoot, 'data');
    const r = await startShell({ isPackaged: false, dataDirOverride: dataDir });
    await setUp(r);
    await value(r, 'settings.update', { idleMinutes: 7 });
    const first = r.state.utilityProcesses[0]!;
    first.child.kill('SIGKILL');
    await until(() => r.state.utilityProcesses.length === 2, 'a second backend process');
    await until(() => r.state.windows[0]!.webContents.reloads === 1, 'the window to reload');

    const state = await value<AppState>(r, 'app.state');
    expect(state).toMatchObject({ phase: 'signed_out', notice: 'backend_restarted' });
    const signedIn = await value<AppState>(r, 'session.signIn', { username: 'zebediah.q', password });
    expect(signedIn).toMatchObject({ phase: 'active', notice: null, idleMinutes: 7 });

    const log = fs.readFileSync(path.join(dataDir, 'logs', 'consent-desk.log'), 'utf8');
    expect(log).toMatch(/backend process stopped unexpectedly/);
  });

  it('keeps the rollback anchor outside the data folder, sealed by the OS, and refuses the whole folder put back until an administrator accepts it', async () => {
    const dataDir = path.join(tempRoot, 'data');
    const anchorDir = `${dataDir} (rollback anchors)`;
    const snapshot = path.join(tempRoot, 'snapshot');
    let r = await startShell({ isPackaged: false, dataDirOverride: dataDir });
    await setUp(r);
    await quitFully(r);
    const [anchorFile, ...others] = fs.readdirSync(anchorDir);
    expect(others).toEqual([]);
    expect(anchorFile).toMatch(/^[0-9a-f-]{36}\.anchor\.sealed$/);
    // Sealed by the OS: neither the anchor's format nor its audit head can be read in the file.
    expect(fs.readFileSync(path.join(anchorDir, anchorFile!)).includes('consent-desk-anchor')).toBe(false);
    expect(r.state.safeStorage.encrypted).toBeGreaterThan(0);
    if (process.platform !== 'win32') expect(fs.statSync(path.join(anchorDir, anchorFile!)).mode & 0o777).toBe(0o600);
    fs.cpSync(dataDir, snapshot, { recursive: true });

    r = await startShell({ isPackaged: false, dataDirOverride: dataDir });
    await value(r, 'session.signIn', { username: 'zebediah.q', password });
    await value(r, 'patients.create', { firstName: 'Quintessa', lastName: 'Vantongeren', dateOfBirth: '1984-05-17', recordNumber: null, phone: null, email: null, city: null });
    await quitFully(r);

    // The whole data folder put back, its own anchor file with it: only the copy outside can tell.
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.cpSync(snapshot, dataDir, { recursive: true });
    r = await startShell({ isPackaged: false, dataDirOverride: dataDir });
    const refused = await invoke(r, 'session.signIn', { username: 'zebediah.q', password });
    expect(refused).toMatchObject({ ok: false, error: { code: 'store_rolled_back', message: expect.stringMatching(/older than the store last seen on this computer/) as unknown } });
    expect(r.state.safeStorage.decrypted).toBeGreaterThan(0);
    // Refusing it leaves the copy outside as it was: asking again is refused again.
    expect(await invoke(r, 'session.signIn', { username: 'zebediah.q', password })).toMatchObject({ ok: false, error: { code: 'store_rolled_back' } });

    const accepted = await value<AppState>(r, 'store.acceptRollback', { username: 'zebediah.q', password, reason: 'We put back Monday’s copy on purpose.' });
    expect(accepted.phase).toBe('active');
    expect(accepted.alerts?.map((a) => a.kind)).toContain('rollback_accepted');
    const audit = await value<{ events: { action: string; detail: string | null }[] }>(r, 'audit.list', {});
    expect(audit.events.find((e) => e.action === 'store.rollback_accepted')?.detail).toMatch(/on this computer.*reason: We put back Monday’s copy on purpose\./);
    await quitFully(r);

    // Accepted once: it opens as usual from then on.
    r = await startShell({ isPackaged: false, dataDirOverride: dataDir });
    expect(await value<AppState>(r, 'session.signIn', { username: 'zebediah.q', password })).toMatchObject({ phase: 'active' });
  });

  it('keeps the anchor signed but unsealed where the OS has no credential store, and says so in the log', async () => {
    const dataDir = path.join(tempRoot, 'data');
    const anchorDir = `${dataDir} (rollback anchors)`;
    const r = await startShell({ isPackaged: false, dataDirOverride: dataDir, safeStorage: 'basic_text' });
    await setUp(r);
    await quitFully(r);
    const files = fs.readdirSync(anchorDir);
    expect(files).toEqual([expect.stringMatching(/\.anchor\.json$/)]);
    expect(JSON.parse(fs.readFileSync(path.join(anchorDir, files[0]!), 'utf8'))).toMatchObject({ format: 'consent-desk-anchor', mac: expect.any(String) as unknown });
    expect(r.state.safeStorage.encrypted).toBe(0);
    expect(fs.readFileSync(path.join(dataDir, 'logs', 'consent-desk.log'), 'utf8')).toMatch(/rollback anchors: no OS credential store/);
  });

  it('puts an installed app’s anchors in the user’s local state folder, never in the data folder', async () => {
    const r = await startShell({ isPackaged: true });
    await setUp(r);
    await quitFully(r);
    const anchorDir = path.join(tempRoot, 'home', 'state', 'Consent Desk', 'rollback-anchors');
    expect(fs.readdirSync(anchorDir)).toEqual([expect.stringMatching(/\.anchor\.sealed$/)]);
    expect(fs.readdirSync(path.join(tempRoot, 'home', 'Consent Desk')).some((name) => name.includes('anchor') && name !== 'store-anchor.json')).toBe(false);
  });

  it('locks on the OS lock screen and on sleep, and when the page crashes', async () => {
    const r = await startShell({ isPackaged: false, dataDirOverride: path.join(tempRoot, 'data') });
    await setUp(r);
    const contents = r.state.windows[0]!.webContents;
    r.powerMonitor.emit('lock-screen');
    await until(() => contents.reloads === 1, 'the reload after the lock');
    expect(await value(r, 'app.state')).toMatchObject({ phase: 'locked', notice: 'locked_by_system', lockedUsername: 'zebediah.q' });

    // Nobody signed in: sleeping changes nothing and reloads nothing.
    r.powerMonitor.emit('suspend');
    await value(r, 'app.state');
    expect(contents.reloads).toBe(1);

    await value(r, 'session.signIn', { username: 'zebediah.q', password });
    r.powerMonitor.emit('suspend');
    await until(() => contents.reloads === 2, 'the reload after sleep');
    expect(await value(r, 'app.state')).toMatchObject({ phase: 'locked', notice: 'locked_by_system' });

    await value(r, 'session.signIn', { username: 'zebediah.q', password });
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    await until(() => contents.reloads === 3, 'the reload after the crash');
    expect(await value(r, 'app.state')).toMatchObject({ phase: 'locked', notice: 'window_recovered' });
  });

  it('remembers the window’s place, and writes no patient data anywhere in the data folder', async () => {
    const dataDir = path.join(tempRoot, 'data');
    let r = await startShell({ isPackaged: false, dataDirOverride: dataDir });
    await setUp(r);
    await value(r, 'patients.create', { firstName: 'Quintessa', lastName: 'Vantongeren', dateOfBirth: '1984-05-17', recordNumber: 'MRN-99871', phone: null, email: null, city: null });
    const window = r.state.windows[0]!;
    // The new patient reaches the page as a change (table, id, kind), through the shell, and without the name.
    await expect
      .poll(() => window.webContents.sent.filter((m) => m.channel === eventChannelOf('records.changed')).flatMap((m) => (m.args[0] as { changes: { table: string; kind: string }[] }).changes))
      .toContainEqual(expect.objectContaining({ table: 'patients', kind: 'insert' }));
    expect(JSON.stringify(window.webContents.sent)).not.toContain('Quintessa');
    window.bounds = { x: 120, y: 80, width: 1100, height: 760 };
    window.close();
    await quit(r);

    r = await startShell({ isPackaged: false, dataDirOverride: dataDir });
    expect(r.state.windows[0]!.options).toMatchObject({ x: 120, y: 80, width: 1100, height: 760 });
    await quit(r);

    const files = (fs.readdirSync(dataDir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name));
    expect(files).toEqual(expect.arrayContaining([path.join(dataDir, 'window-state.json'), path.join(dataDir, 'logs', 'consent-desk.log')]));
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      for (const needle of ['Quintessa', 'Vantongeren', 'MRN-99871', 'Zebediah', 'Xylophone']) expect(bytes.includes(needle), `${needle} in ${file}`).toBe(false);
    }
  });

  it('quits when the window closes, keeps DevTools out of packaged menus, and has Help > About', async () => {
    const dataDir = path.join(tempRoot, 'data');
    const r = await startShell({ isPackaged: true, dataDirOverride: dataDir });
    const menu = r.state.menu as { template: { role?: string; submenu?: { label?: string; click?: () => void }[] }[] };
    expect(JSON.stringify(menu)).not.toContain('toggleDevTools');
    expect(JSON.stringify(menu)).toContain('editMenu');
    const about = menu.template.find((item) => item.role === 'help')!.submenu!.find((item) => item.label === 'About Consent Desk')!;
    about.click!();
    await until(() => r.state.messageBoxes.length === 1, 'the About box');
    expect(r.state.messageBoxes[0]).toMatchObject({ message: 'Consent Desk 0.0.0', detail: expect.stringContaining('Data folder: ') });
    r.appEvents.emit('window-all-closed');
    expect(r.state.quit).toBeGreaterThanOrEqual(1);
  });
});
