/**
 * The Electron shell's wiring, checked without an Electron binary: `electron`
 * is replaced by a recording fake, the real main-process module runs against
 * the real backend in a temporary folder. What only real Electron can show
 * (the sandbox, the CSP in Chromium) is in e2e/electron.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannelOf } from '../../shared/bridge';
import { callNames } from '../../shared/contract';
import type { CallResult } from '../../shared/errors';
import { appEntryUrl, contentSecurityPolicy } from './app-origin';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const state = {
    isPackaged: false,
    appPath: '',
    paths: new Map<string, string>(),
    appListeners: new Map<string, Listener[]>(),
    ready: { resolve: () => {} } as { resolve: () => void },
    readyPromise: Promise.resolve(),
    privileged: [] as unknown[],
    protocolHandlers: new Map<string, (request: { url: string; method: string }) => Promise<Response>>(),
    ipcHandlers: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
    windows: [] as FakeWindow[],
    permissionRequest: null as null | ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void),
    permissionCheck: null as null | ((...args: unknown[]) => boolean),
    deviceCheck: null as null | ((...args: unknown[]) => boolean),
    beforeRequest: null as null | ((details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void),
    menu: null as unknown,
    quit: 0,
  };

  class FakeWebContents {
    readonly id: number;
    readonly listeners = new Map<string, Listener[]>();
    openHandler: (() => unknown) | null = null;
    constructor(id: number) {
      this.id = id;
    }
    on(event: string, listener: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    setWindowOpenHandler(handler: () => unknown) {
      this.openHandler = handler;
    }
  }

  class FakeWindow {
    readonly webContents: FakeWebContents;
    loadedUrl: string | null = null;
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      this.webContents = new FakeWebContents(100 + state.windows.length);
      state.windows.push(this);
    }
    once() {
      return this;
    }
    on() {
      return this;
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
  }

  const electron = {
    app: {
      get isPackaged() {
        return state.isPackaged;
      },
      setPath: (name: string, value: string) => state.paths.set(name, value),
      getPath: (name: string) => state.paths.get(name) ?? '',
      getAppPath: () => state.appPath,
      enableSandbox: () => {},
      requestSingleInstanceLock: () => true,
      quit: () => {
        state.quit += 1;
      },
      exit: () => {},
      on: (event: string, listener: Listener) => {
        state.appListeners.set(event, [...(state.appListeners.get(event) ?? []), listener]);
      },
      whenReady: () => state.readyPromise,
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.privileged.push(...schemes),
      handle: (scheme: string, handler: (request: { url: string; method: string }) => Promise<Response>) =>
        state.protocolHandlers.set(scheme, handler),
    },
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, input: unknown) => Promise<unknown>) => state.ipcHandlers.set(channel, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: typeof state.permissionRequest) => (state.permissionRequest = handler),
        setPermissionCheckHandler: (handler: typeof state.permissionCheck) => (state.permissionCheck = handler),
        setDevicePermissionHandler: (handler: typeof state.deviceCheck) => (state.deviceCheck = handler),
        webRequest: {
          onBeforeRequest: (handler: typeof state.beforeRequest) => (state.beforeRequest = handler),
        },
      },
    },
    BrowserWindow: FakeWindow,
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu: (menu: unknown) => (state.menu = menu),
    },
    dialog: { showErrorBox: () => {} },
  };
  return { state, electron, FakeWebContents };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const { state } = fake;
let tempRoot = '';
let signalListeners: { signal: NodeJS.Signals; listeners: Listener[] }[] = [];

/** Loads the main-process module afresh, as `electron .` would, then fires `ready`. */
async function startShell(options: { isPackaged: boolean; dataDirOverride?: string }): Promise<void> {
  state.isPackaged = options.isPackaged;
  state.readyPromise = new Promise<void>((resolve) => (state.ready.resolve = resolve));
  if (options.dataDirOverride) process.env.CONSENT_DESK_DATA_DIR = options.dataDirOverride;
  else delete process.env.CONSENT_DESK_DATA_DIR;
  signalListeners = (['SIGINT', 'SIGTERM'] as const).map((signal) => ({ signal, listeners: process.listeners(signal) as Listener[] }));
  vi.resetModules();
  await import('./index');
  state.ready.resolve();
  await new Promise((resolve) => setImmediate(resolve));
}

function trustedEvent(url = appEntryUrl) {
  const window = state.windows[0]!;
  return { sender: window.webContents, senderFrame: { url, parent: null, isDestroyed: () => false } };
}

function invoke(event: unknown, name: string, input: unknown = {}): Promise<CallResult<unknown>> {
  const handler = state.ipcHandlers.get(`consent-desk:${name}`);
  if (!handler) throw new Error(`no handler for ${name}`);
  return handler(event, input) as Promise<CallResult<unknown>>;
}

beforeEach(() => {
  tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'consent-desk-shell-'));
  state.appPath = path.join(tempRoot, 'app');
  fs.mkdirSync(path.join(state.appPath, 'dist', 'renderer', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(state.appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Consent Desk</title>');
  fs.writeFileSync(path.join(state.appPath, 'dist', 'renderer', 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(state.appPath, 'package.json'), '{"secret":true}');
  state.paths.clear();
  state.appListeners.clear();
  state.privileged.length = 0;
  state.protocolHandlers.clear();
  state.ipcHandlers.clear();
  state.windows.length = 0;
  state.quit = 0;
});

afterEach(() => {
  for (const listener of state.appListeners.get('will-quit') ?? []) listener();
  // index.ts adds signal listeners to quit cleanly; do not leave them on the test process.
  for (const { signal, listeners } of signalListeners) {
    for (const listener of process.listeners(signal)) if (!listeners.includes(listener as Listener)) process.off(signal, listener);
  }
  delete process.env.CONSENT_DESK_DATA_DIR;
  fs.rmSync(tempRoot, { recursive: true, force: true });
});

describe('the Electron main process', () => {
  it('uses the override data folder only when not packaged', async () => {
    const override = path.join(tempRoot, 'data');
    await startShell({ isPackaged: false, dataDirOverride: override });
    expect(state.paths.get('userData')).toBe(override);
    expect(state.paths.get('sessionData')).toBe(path.join(override, 'chromium'));

    await startShell({ isPackaged: true, dataDirOverride: override });
    expect(state.paths.get('userData')).not.toBe(override);
    expect(state.paths.get('userData')).toMatch(/Consent Desk$/);
  });

  it('registers the app scheme as standard and secure, without bypassing the CSP', async () => {
    await startShell({ isPackaged: false, dataDirOverride: path.join(tempRoot, 'data') });
    expect(state.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) as unknown },
    ]);
    expect(JSON.stringify(state.privileged)).not.toContain('bypassCSP');
  });

  it('opens one locked-down window on the app scheme', async () => {
    await startShell({ isPackaged: true, dataDirOverride: path.join(tempRoot, 'data') });
    expect(state.windows).toHaveLength(1);
    const window = state.windows[0]!;
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
  });

  it('serves only the renderer files, each with the CSP header', async () => {
    await startShell({ isPackaged: false, dataDirOverride: path.join(tempRoot, 'data') });
    const serve = state.protocolHandlers.get('app')!;

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

  it('denies every permission and every request off the app scheme', async () => {
    await startShell({ isPackaged: true, dataDirOverride: path.join(tempRoot, 'data') });
    let granted: boolean | null = null;
    state.permissionRequest!(null, 'media', (value) => (granted = value));
    expect(granted).toBe(false);
    expect(state.permissionCheck!(null, 'clipboard-read', 'app://consent-desk', {})).toBe(false);
    expect(state.deviceCheck!({})).toBe(false);

    const cancelled = (url: string) => {
      let cancel: boolean | undefined;
      state.beforeRequest!({ url }, (response) => (cancel = response.cancel));
      return cancel;
    };
    expect(cancelled(appEntryUrl)).toBe(false);
    expect(cancelled('data:image/png;base64,AAAA')).toBe(false);
    expect(cancelled('https://example.com/')).toBe(true);
    expect(cancelled('http://127.0.0.1:8080/')).toBe(true);
    expect(cancelled('file:///etc/passwd')).toBe(true);
    expect(cancelled('devtools://devtools/bundled/inspector.html')).toBe(true);
  });

  it('refuses navigation, pop-ups and webviews in every web contents', async () => {
    await startShell({ isPackaged: false, dataDirOverride: path.join(tempRoot, 'data') });
    const contents = new fake.FakeWebContents(999);
    for (const listener of state.appListeners.get('web-contents-created') ?? []) listener({}, contents);

    const prevented = (event: string, url: string) => {
      let called = false;
      for (const listener of contents.listeners.get(event) ?? []) listener({ url, preventDefault: () => (called = true) });
      return called;
    };
    expect(prevented('will-navigate', 'https://example.com/')).toBe(true);
    expect(prevented('will-navigate', appEntryUrl)).toBe(true);
    expect(prevented('will-frame-navigate', 'https://example.com/')).toBe(true);
    expect(prevented('will-redirect', 'https://example.com/')).toBe(true);
    expect(prevented('will-attach-webview', appEntryUrl)).toBe(true);
    expect(contents.openHandler?.()).toEqual({ action: 'deny' });
  });

  it('binds one IPC handler per contract call', async () => {
    await startShell({ isPackaged: false, dataDirOverride: path.join(tempRoot, 'data') });
    expect([...state.ipcHandlers.keys()].sort()).toEqual(callNames.map(ipcChannelOf).sort());
  });

  it('answers our window and refuses every other sender with `forbidden`', async () => {
    await startShell({ isPackaged: false, dataDirOverride: path.join(tempRoot, 'data') });

    const answered = await invoke(trustedEvent(), 'app.state');
    expect(answered).toMatchObject({ ok: true, value: { phase: 'setup' } });

    const window = state.windows[0]!;
    const untrusted = [
      { sender: window.webContents, senderFrame: null },
      { sender: window.webContents, senderFrame: { url: appEntryUrl, parent: {}, isDestroyed: () => false } },
      { sender: window.webContents, senderFrame: { url: 'https://example.com/', parent: null, isDestroyed: () => false } },
      { sender: window.webContents, senderFrame: { url: appEntryUrl, parent: null, isDestroyed: () => true } },
      { sender: new fake.FakeWebContents(999), senderFrame: { url: appEntryUrl, parent: null, isDestroyed: () => false } },
    ];
    for (const event of untrusted) {
      const refused = await invoke(event, 'app.state');
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    // A refused call never reaches the backend: setup still has not happened.
    expect(fs.existsSync(path.join(tempRoot, 'data', 'consent-desk.db'))).toBe(false);
  });

  it('returns the backend’s validation errors instead of throwing', async () => {
    await startShell({ isPackaged: false, dataDirOverride: path.join(tempRoot, 'data') });
    const result = await invoke(trustedEvent(), 'setup.create', { practiceName: '' });
    expect(result).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('quits when the window closes and keeps DevTools out of packaged menus', async () => {
    await startShell({ isPackaged: true, dataDirOverride: path.join(tempRoot, 'data') });
    for (const listener of state.appListeners.get('window-all-closed') ?? []) listener();
    expect(state.quit).toBe(1);
    expect(JSON.stringify(state.menu)).not.toContain('toggleDevTools');
    expect(JSON.stringify(state.menu)).toContain('editMenu');
  });
});
