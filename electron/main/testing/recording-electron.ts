/**
 * A thin, recording stand-in for the `electron` module, for running the real
 * main process without an Electron binary: in the shell's unit tests
 * (vi.mock) and in the packaging check, where it is put in place of
 * `electron` with a require hook before the packaged main bundle loads.
 *
 * It records what the main process asks of Electron (paths, windows, IPC
 * handlers, menus, protocol handlers, dialogs shown, folders opened) and
 * lets the caller answer (dialog results) and emit OS events. One real part:
 * `utilityProcess.fork` starts a real Node.js child process with
 * utility-process-child.cjs, which gives it Electron's `process.parentPort`,
 * and MessageChannelMain ports that cross into that child; so the backend
 * really runs in its own process, as in the app.
 */
import { fork, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import Module from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

type Listener = (...args: unknown[]) => unknown;

export interface RecordingOptions {
  isPackaged: boolean;
  appPath: string;
  version?: string;
  /** Extra `node` options for backend processes (the packaging check's asar emulation). */
  utilityExecArgv?: string[];
  /** Where utility-process-child.cjs is (it sits beside this file in the source tree). */
  utilityChildPreload?: string;
  /**
   * What safeStorage finds: an OS credential store (`keyring`, the default),
   * Linux's fallback to a fixed password (`basic_text`), or nothing (`none`).
   */
  safeStorage?: 'keyring' | 'basic_text' | 'none';
}

let portIds = 0;

/** One end of a MessageChannelMain. While both ends are in this process, messages go straight across. */
export class FakeMessagePortMain extends EventEmitter {
  readonly id = ++portIds;
  peer: FakeMessagePortMain | null = null;
  /** Set once the port was handed to a child process. */
  carriedBy: FakeUtilityProcess | null = null;
  private started = false;
  private queued: unknown[] = [];

  postMessage(data: unknown): void {
    const peer = this.peer;
    if (!peer) return;
    if (peer.carriedBy) peer.carriedBy.sendToPort(peer.id, data);
    else setImmediate(() => peer.receive(data));
  }

  receive(data: unknown): void {
    if (!this.started) this.queued.push(data);
    else this.emit('message', { data, ports: [] });
  }

  start(): void {
    this.started = true;
    for (const data of this.queued.splice(0)) this.emit('message', { data, ports: [] });
  }

  close(): void {
    this.emit('close');
  }
}

export class FakeMessageChannelMain {
  readonly port1 = new FakeMessagePortMain();
  readonly port2 = new FakeMessagePortMain();
  constructor() {
    this.port1.peer = this.port2;
    this.port2.peer = this.port1;
  }
}

/** Electron's UtilityProcess, as a Node child process. */
export class FakeUtilityProcess extends EventEmitter {
  readonly child: ChildProcess;
  /** What the process wrote to stderr, for a failing check to show. */
  stderrText = '';
  private readonly ports = new Map<number, FakeMessagePortMain>();

  constructor(modulePath: string, args: string[], options: { env?: NodeJS.ProcessEnv; execArgv?: string[] }, preload: string, extraExecArgv: string[]) {
    super();
    this.child = fork(modulePath, args, {
      execArgv: [...extraExecArgv, ...(options.execArgv ?? []), '--require', preload],
      env: options.env ?? process.env,
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderrText = (this.stderrText + chunk.toString('utf8')).slice(-20_000)));
    this.child.on('spawn', () => this.emit('spawn'));
    this.child.on('exit', (code, signal) => this.emit('exit', code ?? (signal ? 1 : 0)));
    this.child.on('message', (message: { port: number | null; data: unknown }) => {
      if (message.port === null) this.emit('message', message.data);
      else this.ports.get(message.port)?.peer?.receive(message.data);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get stdout() {
    return this.child.stdout;
  }

  get stderr() {
    return this.child.stderr;
  }

  postMessage(data: unknown, transfer: FakeMessagePortMain[] = []): void {
    for (const port of transfer) {
      port.carriedBy = this;
      this.ports.set(port.id, port);
    }
    if (this.child.connected) this.child.send({ port: null, data, ports: transfer.map((p) => p.id) });
  }

  sendToPort(id: number, data: unknown): void {
    if (this.child.connected) this.child.send({ port: id, data });
  }

  kill(): boolean {
    return this.child.kill();
  }
}

export class FakeWebContents extends EventEmitter {
  static nextId = 100;
  readonly id = FakeWebContents.nextId++;
  openHandler: (() => unknown) | null = null;
  reloads = 0;
  crashed = 0;
  destroyed = false;
  printed: unknown[] = [];
  /** What the shell sent the page (ipc channel and arguments), in order. */
  sent: { channel: string; args: unknown[] }[] = [];
  /** What the next print() reports: success, or the reason it failed. */
  printOutcome: { success: boolean; failureReason: string } = { success: true, failureReason: '' };
  setWindowOpenHandler(handler: () => unknown) {
    this.openHandler = handler;
  }
  reload() {
    this.reloads += 1;
  }
  forcefullyCrashRenderer() {
    this.crashed += 1;
  }
  isDestroyed() {
    return this.destroyed;
  }
  print(options: unknown, callback: (success: boolean, failureReason: string) => void) {
    this.printed.push(options);
    setImmediate(() => callback(this.printOutcome.success, this.printOutcome.failureReason));
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push({ channel, args });
  }
  close() {
    this.destroyed = true;
  }
}

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function createRecordingElectron(options: RecordingOptions) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const utilityChildPreload = options.utilityChildPreload ?? path.join(here, 'utility-process-child.cjs');
  const appEvents = new EventEmitter();
  const powerMonitor = new EventEmitter();
  const windows: FakeBrowserWindow[] = [];
  let readyResolve: () => void = () => {};
  let ready = new Promise<void>((resolve) => (readyResolve = resolve));

  const state = {
    paths: new Map<string, string>(),
    privileged: [] as unknown[],
    ipcHandlers: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
    sessions: new Map<string, FakeSession>(),
    windows,
    menu: null as unknown,
    quit: 0,
    exitCode: null as number | null,
    errorBoxes: [] as { title: string; content: string }[],
    messageBoxes: [] as unknown[],
    /** Answers for the next save/open dialogs, in order; when empty, the dialog is cancelled. */
    dialogAnswers: [] as (string | null)[],
    dialogsShown: [] as { kind: 'save' | 'open'; options: unknown }[],
    shownInFolder: [] as string[],
    openedExternally: [] as string[],
    openedPaths: [] as string[],
    utilityProcesses: [] as FakeUtilityProcess[],
    aboutPanel: null as unknown,
    /** How many strings safeStorage sealed and opened. */
    safeStorage: { encrypted: 0, decrypted: 0 },
  };

  // This "OS account's" key: what safeStorage seals is real AES-256-GCM under it, so a file holds no plaintext.
  const osAccountKey = crypto.randomBytes(32);

  class FakeSession {
    readonly protocolHandlers = new Map<string, (request: Request | { url: string; method: string }) => Promise<Response>>();
    permissionRequest: Listener | null = null;
    permissionCheck: Listener | null = null;
    deviceCheck: Listener | null = null;
    beforeRequest: Listener | null = null;
    readonly protocol = {
      handle: (scheme: string, handler: (request: { url: string; method: string }) => Promise<Response>) => this.protocolHandlers.set(scheme, handler),
    };
    readonly webRequest = { onBeforeRequest: (handler: Listener) => (this.beforeRequest = handler) };
    constructor(readonly partition: string) {}
    setPermissionRequestHandler(handler: Listener) {
      this.permissionRequest = handler;
    }
    setPermissionCheckHandler(handler: Listener) {
      this.permissionCheck = handler;
    }
    setDevicePermissionHandler(handler: Listener) {
      this.deviceCheck = handler;
    }
    setSpellCheckerEnabled() {}
    clearStorageData() {
      return Promise.resolve();
    }
  }

  const sessionFor = (partition: string) => {
    let found = state.sessions.get(partition);
    if (!found) {
      found = new FakeSession(partition);
      state.sessions.set(partition, found);
    }
    return found;
  };

  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    loadedUrl: string | null = null;
    bounds: Bounds;
    maximized = false;
    destroyed = false;
    shown = false;
    constructor(readonly options: { webPreferences: Record<string, unknown>; x?: number; y?: number; width?: number; height?: number }) {
      super();
      this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
      windows.push(this);
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    isDestroyed() {
      return this.destroyed;
    }
    getNormalBounds() {
      return { ...this.bounds };
    }
    getBounds() {
      return { ...this.bounds };
    }
    isMaximized() {
      return this.maximized;
    }
    maximize() {
      this.maximized = true;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    show() {
      this.shown = true;
    }
    focus() {}
    close() {
      this.emit('close', { preventDefault: () => {} });
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.emit('closed');
    }
    static getAllWindows() {
      return windows.filter((w) => !w.destroyed);
    }
    static fromWebContents(contents: FakeWebContents) {
      return windows.find((w) => w.webContents === contents) ?? null;
    }
  }

  const answerDialog = (kind: 'save' | 'open', dialogOptions: unknown) => {
    state.dialogsShown.push({ kind, options: dialogOptions });
    const answer = state.dialogAnswers.shift() ?? null;
    return Promise.resolve(
      kind === 'save'
        ? { canceled: answer === null, filePath: answer ?? '' }
        : { canceled: answer === null, filePaths: answer === null ? [] : [answer] },
    );
  };

  const electron = {
    app: {
      get isPackaged() {
        return options.isPackaged;
      },
      setPath: (name: string, value: string) => state.paths.set(name, value),
      getPath: (name: string) => state.paths.get(name) ?? '',
      getAppPath: () => options.appPath,
      getVersion: () => options.version ?? '0.0.0',
      getName: () => 'Consent Desk',
      enableSandbox: () => {},
      requestSingleInstanceLock: () => true,
      setAboutPanelOptions: (panel: unknown) => (state.aboutPanel = panel),
      quit: () => {
        state.quit += 1;
        appEvents.emit('before-quit', { preventDefault: () => {} });
      },
      exit: (code = 0) => {
        state.exitCode = code;
      },
      on: (event: string, listener: Listener) => appEvents.on(event, listener),
      once: (event: string, listener: Listener) => appEvents.once(event, listener),
      whenReady: () => ready,
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.privileged.push(...schemes),
      handle: (scheme: string, handler: (request: { url: string; method: string }) => Promise<Response>) =>
        sessionFor('').protocolHandlers.set(scheme, handler),
    },
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, input: unknown) => Promise<unknown>) => state.ipcHandlers.set(channel, handler),
    },
    session: {
      get defaultSession() {
        return sessionFor('');
      },
      fromPartition: (partition: string) => sessionFor(partition),
    },
    BrowserWindow: FakeBrowserWindow,
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu: (menu: unknown) => (state.menu = menu),
    },
    dialog: {
      showErrorBox: (title: string, content: string) => state.errorBoxes.push({ title, content }),
      showMessageBox: (...args: unknown[]) => {
        state.messageBoxes.push(args.at(-1));
        return Promise.resolve({ response: 0, checkboxChecked: false });
      },
      showSaveDialog: (...args: unknown[]) => answerDialog('save', args.at(-1)),
      showOpenDialog: (...args: unknown[]) => answerDialog('open', args.at(-1)),
    },
    shell: {
      showItemInFolder: (file: string) => state.shownInFolder.push(file),
      openExternal: (url: string) => {
        state.openedExternally.push(url);
        return Promise.resolve();
      },
      openPath: (file: string) => {
        state.openedPaths.push(file);
        return Promise.resolve('');
      },
    },
    powerMonitor,
    screen: {
      getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
      getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
    },
    utilityProcess: {
      fork: (modulePath: string, args: string[] = [], forkOptions: { env?: NodeJS.ProcessEnv; execArgv?: string[] } = {}) => {
        const child = new FakeUtilityProcess(modulePath, args, forkOptions, utilityChildPreload, options.utilityExecArgv ?? []);
        state.utilityProcesses.push(child);
        return child;
      },
    },
    MessageChannelMain: FakeMessageChannelMain,
    safeStorage: {
      isAsyncEncryptionAvailable: () => Promise.resolve((options.safeStorage ?? 'keyring') !== 'none'),
      getSelectedStorageBackend: () => ((options.safeStorage ?? 'keyring') === 'keyring' ? 'gnome_libsecret' : 'basic_text'),
      encryptStringAsync: (plainText: string) => {
        if (options.safeStorage === 'none') return Promise.reject(new Error('Encryption is not available.'));
        state.safeStorage.encrypted += 1;
        const iv = crypto.randomBytes(12);
        const cipher = crypto.createCipheriv('aes-256-gcm', osAccountKey, iv);
        const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
        return Promise.resolve(Buffer.concat([Buffer.from('v10'), iv, cipher.getAuthTag(), body]));
      },
      decryptStringAsync: (encrypted: Buffer) => {
        try {
          if (encrypted.subarray(0, 3).toString() !== 'v10') throw new Error('not sealed here');
          const decipher = crypto.createDecipheriv('aes-256-gcm', osAccountKey, encrypted.subarray(3, 15));
          decipher.setAuthTag(encrypted.subarray(15, 31));
          const result = Buffer.concat([decipher.update(encrypted.subarray(31)), decipher.final()]).toString('utf8');
          state.safeStorage.decrypted += 1;
          return Promise.resolve({ result, shouldReEncrypt: false });
        } catch {
          return Promise.reject(new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.'));
        }
      },
    },
  };

  /** Forget everything recorded, for the next start of the main module (a test's beforeEach). */
  const reset = (next: Partial<RecordingOptions>) => {
    Object.assign(options, next);
    for (const child of state.utilityProcesses) child.kill();
    state.paths.clear();
    state.privileged.length = 0;
    state.ipcHandlers.clear();
    state.sessions.clear();
    windows.length = 0;
    state.menu = null;
    state.quit = 0;
    state.exitCode = null;
    state.errorBoxes.length = 0;
    state.messageBoxes.length = 0;
    state.dialogAnswers.length = 0;
    state.dialogsShown.length = 0;
    state.shownInFolder.length = 0;
    state.openedExternally.length = 0;
    state.openedPaths.length = 0;
    state.utilityProcesses.length = 0;
    state.safeStorage.encrypted = 0;
    state.safeStorage.decrypted = 0;
    appEvents.removeAllListeners();
    powerMonitor.removeAllListeners();
    ready = new Promise<void>((resolve) => (readyResolve = resolve));
  };

  return {
    electron,
    state,
    appEvents,
    powerMonitor,
    reset,
    /** Fires `ready`, as Electron does once it has started. */
    fireReady: () => readyResolve(),
    FakeWebContents,
    FakeBrowserWindow,
  };
}

export type RecordingElectron = ReturnType<typeof createRecordingElectron>;

/**
 * Puts the recording fake where CommonJS `require('electron')` looks, for
 * loading a built main bundle (app/dist/main/index.cjs) in this process.
 */
export function installAsElectronModule(recording: RecordingElectron): void {
  const id = path.join(path.sep, '__consent-desk-recording-electron__.js');
  const fake = new Module(id);
  fake.filename = id;
  fake.loaded = true;
  fake.exports = recording.electron;
  (Module as unknown as { _cache: Record<string, Module> })._cache[id] = fake;
  const internals = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolve = internals._resolveFilename;
  internals._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'electron' ? id : resolve.call(this, request, ...rest);
  };
}
