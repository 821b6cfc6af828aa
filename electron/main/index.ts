import os from 'node:os';
import path from 'node:path';
import { app, dialog, Menu, powerMonitor, safeStorage, screen, session, type BrowserWindow, type WebContents } from 'electron';
import { defaultDataDir, developmentDataDir, ensurePrivateFolder, rollbackAnchorDir } from '../backend/data-dir';
import type { AppState, LockReason } from '../../shared/session';
import { showAbout } from './about';
import { isAppUrl } from './app-origin';
import { isPrintContents, isPrintViewerUrl } from './print-pdf';
import { registerAppSchemePrivileges, serveRenderer } from './app-protocol';
import { eventChannelOf } from '../../shared/contract/contract-events';
import { BackendHost } from './backend-host';
import { createCallRelay } from './call-relay';
import { registerIpcHandlers } from './ipc';
import { createLogFile } from './log-file';
import { createAnchorKeeper } from './rollback-anchor-keeper';
import { buildAppMenu } from './menu';
import { hardenWebContents, lockDownSession } from './session-policy';
import { VouchedPaths } from './vouched-paths';
import { createMainWindow, focusWindow } from './window';
import { readWindowState, restoreWindowState, windowStateFile, writeWindowState } from './window-bounds';
import { watchWindow } from './window-recovery';

/**
 * The Electron shell: lifecycle, one window, menus, dialogs, printing, OS
 * events and the relay to the backend process. Every rule lives in the
 * backend (electron/backend, run in a utility process); this file only
 * wires things up, and never waits on the backend's work.
 */

/** Tests and developers point the app at a folder of their own; a packaged app ignores it. */
const dataDirOverrideVariable = 'CONSENT_DESK_DATA_DIR';
/** The window's session: no `persist:` prefix, so Chromium keeps it in memory only. */
const windowPartition = 'consent-desk';

function resolveDataDir(): string {
  if (app.isPackaged) return defaultDataDir();
  const override = process.env[dataDirOverrideVariable];
  return override ? path.resolve(override) : developmentDataDir();
}

// All of these must happen before `ready`. The data folder is made (0700)
// before the single-instance lock, which Electron writes into it.
const dataDir = resolveDataDir();
ensurePrivateFolder(dataDir);
const logDir = path.join(dataDir, 'logs');
const log = createLogFile(logDir);
registerAppSchemePrivileges();
app.setPath('userData', dataDir);
// What Chromium still keeps on disk for itself (its own settings, crash
// reports' folder) goes in a subfolder; the page's storage never does.
app.setPath('sessionData', path.join(dataDir, 'chromium'));
app.setPath('crashDumps', path.join(dataDir, 'chromium', 'crashes'));
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start();
}

function start(): void {
  let mainWindow: BrowserWindow | null = null;
  let quitting = false;
  const vouched = new VouchedPaths();
  const stateFile = windowStateFile(dataDir);

  log(`Consent Desk ${app.getVersion()} starting (${process.platform} ${process.arch}, Electron ${process.versions.electron ?? '?'})`);

  // The rollback anchor's copy outside the data folder, sealed by the OS where it can (see rollback-anchor-keeper.ts).
  const anchors = createAnchorKeeper({
    folder: rollbackAnchorDir(dataDir, { packaged: app.isPackaged }),
    sealing: safeStorage,
    platform: process.platform,
    log,
  });

  const backend = new BackendHost({
    entry: path.join(app.getAppPath(), 'dist', 'backend', 'index.cjs'),
    start: { dataDir, workstation: os.hostname() },
    anchors,
    log,
    onRestarted: () => {
      // The new backend has nobody signed in: show the sign-in screen, which says what happened.
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.reload();
    },
    // Changes committed by the backend (or announced by the practice server) reach the window without a reload.
    onEvent: (name, payload) => {
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(eventChannelOf(name), payload);
    },
    onGaveUp: (reason) => {
      log(`giving up on the backend process: ${reason}`);
      dialog.showErrorBox('Consent Desk has to close', `${reason} Everything saved before it stopped is kept. Start Consent Desk again; if this keeps happening, contact support with the log folder:\n${logDir}`);
      app.exit(1);
    },
  });

  const isAppWebContents = (contents: WebContents): boolean =>
    mainWindow !== null && !mainWindow.isDestroyed() && contents.id === mainWindow.webContents.id;

  /** Lock the session (if someone is signed in) and bring the window to the lock screen. */
  const lockForShell = async (reason: LockReason): Promise<boolean> => {
    const before = await backend.invoke('app.state', {});
    if (!before.ok || (before.value as AppState).phase !== 'active') return false;
    await backend.invoke('session.lock', { reason });
    log(`locked (${reason})`);
    return true;
  };

  const openWindow = (): void => {
    const windowSession = session.fromPartition(windowPartition);
    const restore = restoreWindowState(
      readWindowState(stateFile),
      screen.getAllDisplays().map((d) => d.workArea),
    );
    const window = createMainWindow({
      preloadPath: path.join(__dirname, '..', 'preload', 'index.cjs'),
      isPackaged: app.isPackaged,
      session: windowSession,
      restore,
    });
    mainWindow = window;
    watchWindow(window.webContents, {
      lock: async () => {
        await lockForShell('window');
      },
      log,
      giveUp: (message) => {
        dialog.showErrorBox('Consent Desk could not open its window', message);
        app.quit();
      },
    });
    window.on('close', () => {
      writeWindowState(stateFile, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
  };

  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, isPrintContents(contents) ? isPrintViewerUrl : isAppUrl),
  );

  app.on('second-instance', () => {
    if (mainWindow !== null) focusWindow(mainWindow);
  });

  // Closing the window ends the session on every platform, macOS included:
  // an app left running with a signed-in session is an open door to PHI.
  app.on('window-all-closed', () => app.quit());

  // Close the store before quitting: the backend process gets a few seconds.
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    void backend.close().finally(() => {
      log('Consent Desk closed');
      app.quit();
    });
  });

  // A terminal's Ctrl+C or a system shutdown should still close the store cleanly.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  app
    .whenReady()
    .then(() => {
      const allowDevTools = !app.isPackaged;
      const windowSession = session.fromPartition(windowPartition);
      lockDownSession(windowSession, { allowDevTools });
      lockDownSession(session.defaultSession, { allowDevTools });
      serveRenderer(windowSession, path.join(app.getAppPath(), 'dist', 'renderer'));

      backend.start();
      const relay = createCallRelay({
        backend: (name, input) => backend.invoke(name, input),
        vouched,
        shell: { window: () => mainWindow, documentsFolder: app.getPath('documents'), log },
      });
      registerIpcHandlers(relay, isAppWebContents);

      // The screen locking or the computer going to sleep locks Consent Desk too.
      for (const event of ['lock-screen', 'suspend'] as const) {
        powerMonitor.on(event as 'lock-screen', () => {
          void lockForShell('system').then((locked) => {
            if (locked && mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.reload();
          });
        });
      }

      const about = () =>
        void showAbout(mainWindow, { version: app.getVersion(), dataDir, logDir, versions: process.versions as AboutVersions });
      Menu.setApplicationMenu(buildAppMenu({ isPackaged: app.isPackaged, platform: process.platform, onAbout: about }));
      openWindow();

      app.on('activate', () => {
        if (mainWindow === null) openWindow();
      });
    })
    .catch((error: unknown) => {
      // Start-up failures hold paths and module names, never patient data.
      const message = error instanceof Error ? error.message : String(error);
      log(`start-up failed: ${error instanceof Error ? error.name : typeof error}`);
      dialog.showErrorBox('Consent Desk could not start', message);
      app.exit(1);
    });
}

type AboutVersions = { electron?: string; chrome?: string; node?: string };
