/**
 * What the main window does when its page fails: a renderer that crashed
 * or was killed is reloaded at the sign-in screen (the session is locked
 * first, so a reload never lands on patient data); a page that stops
 * responding for `hangGraceMs` is ended and reloaded the same way; a page
 * that fails to load is retried twice, then the shell gives up with a
 * message. Written against the few events it needs, so it is tested
 * without Electron.
 */
export interface WatchedContents {
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string; exitCode: number }) => void): unknown;
  on(event: 'unresponsive' | 'responsive' | 'did-finish-load', listener: () => void): unknown;
  on(event: 'did-fail-load', listener: (event: unknown, errorCode: number, description: string, url: string, isMainFrame: boolean) => void): unknown;
  reload(): void;
  forcefullyCrashRenderer(): void;
  isDestroyed(): boolean;
}

export interface RecoveryOptions {
  /** Lock the backend's session (reason `window`); resolves once it is locked. */
  lock: () => Promise<void>;
  giveUp: (message: string) => void;
  log: (line: string) => void;
  hangGraceMs?: number;
  retryDelayMs?: number;
  schedule?: (task: () => void, ms: number) => () => void;
}

/** net::ERR_ABORTED: a load replaced by another (a reload), not a failure. */
const aborted = -3;
const maxLoadRetries = 2;

export function watchWindow(contents: WatchedContents, options: RecoveryOptions): void {
  const schedule =
    options.schedule ??
    ((task, ms) => {
      const timer = setTimeout(task, ms);
      return () => clearTimeout(timer);
    });
  let cancelHang: (() => void) | null = null;
  let failedLoads = 0;

  const lockThenReload = (why: string) => {
    options.log(why);
    void options.lock().finally(() => {
      if (!contents.isDestroyed()) contents.reload();
    });
  };

  contents.on('render-process-gone', (_event, details) => {
    cancelHang?.();
    cancelHang = null;
    if (details.reason === 'clean-exit') return;
    lockThenReload(`window's page stopped (${details.reason}, exit code ${details.exitCode}); reloading at the sign-in screen`);
  });

  contents.on('unresponsive', () => {
    if (cancelHang) return;
    options.log('window stopped responding');
    cancelHang = schedule(() => {
      cancelHang = null;
      options.log(`window still not responding after ${options.hangGraceMs ?? 15_000} ms; ending its page`);
      // render-process-gone follows, and reloads.
      if (!contents.isDestroyed()) contents.forcefullyCrashRenderer();
    }, options.hangGraceMs ?? 15_000);
  });

  contents.on('responsive', () => {
    cancelHang?.();
    cancelHang = null;
  });

  contents.on('did-finish-load', () => {
    failedLoads = 0;
  });

  contents.on('did-fail-load', (_event, errorCode, description, _url, isMainFrame) => {
    if (!isMainFrame || errorCode === aborted) return;
    failedLoads += 1;
    options.log(`window failed to load (${errorCode} ${description}), attempt ${failedLoads}`);
    if (failedLoads > maxLoadRetries) {
      options.giveUp(`Consent Desk could not open its window (${description}). Reinstall Consent Desk; your data is not affected.`);
      return;
    }
    schedule(() => {
      if (!contents.isDestroyed()) contents.reload();
    }, options.retryDelayMs ?? 1000);
  });
}
