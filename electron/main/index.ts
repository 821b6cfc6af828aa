import os from 'node:os';
import path from 'node:path';
import { app, dialog, Menu, session, type BrowserWindow, type WebContents } from 'electron';
import { createBackend, type Backend } from '../backend/backend';
import { defaultDataDir } from '../backend/data-dir';
import { registerAppSchemePrivileges, serveRenderer } from './app-protocol';
import { registerIpcHandlers } from './ipc';
import { buildAppMenu } from './menu';
import { electronNativeBinding } from './native-binding';
import { hardenWebContents, lockDownSession } from './session-policy';
import { createMainWindow, focusWindow } from './window';

/**
 * The Electron shell: lifecycle, one window, IPC glue. Every rule lives in
 * the backend; this file only wires it up.
 */

/** Tests point the app at a fresh folder; a packaged app ignores it. */
const dataDirOverrideVariable = 'CONSENT_DESK_DATA_DIR';

function resolveDataDir(): string {
  const override = process.env[dataDirOverrideVariable];
  if (!app.isPackaged && override) return path.resolve(override);
  return defaultDataDir();
}

// All of these must happen before `ready`. The data dir is set before the
// single-instance lock, which lives in it; the CLI computes the same folder.
const dataDir = resolveDataDir();
registerAppSchemePrivileges();
app.setPath('userData', dataDir);
// Chromium's own state (caches, storage) goes in a subfolder, apart from the store's files.
app.setPath('sessionData', path.join(dataDir, 'chromium'));
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start();
}

function start(): void {
  let mainWindow: BrowserWindow | null = null;
  let backend: Backend | null = null;

  const isAppWebContents = (contents: WebContents): boolean =>
    mainWindow !== null && !mainWindow.isDestroyed() && contents.id === mainWindow.webContents.id;

  const openWindow = (): void => {
    mainWindow = createMainWindow({
      preloadPath: path.join(__dirname, '..', 'preload', 'index.cjs'),
      isPackaged: app.isPackaged,
    });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  app.on('second-instance', () => {
    if (mainWindow !== null) focusWindow(mainWindow);
  });

  // Closing the window ends the session on every platform, macOS included:
  // an app left running with a signed-in session is an open door to PHI.
  app.on('window-all-closed', () => app.quit());

  app.on('will-quit', () => {
    backend?.close();
    backend = null;
  });

  // A terminal's Ctrl+C or a system shutdown should still close the store cleanly.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  app
    .whenReady()
    .then(() => {
      const allowDevTools = !app.isPackaged;
      lockDownSession(session.defaultSession, { allowDevTools });
      serveRenderer(path.join(app.getAppPath(), 'dist', 'renderer'));

      backend = createBackend({
        dataDir: app.getPath('userData'),
        workstation: os.hostname(),
        // The packaged app's node_modules copy is already built for Electron.
        nativeBinding: app.isPackaged ? undefined : electronNativeBinding(app.getAppPath()),
      });
      registerIpcHandlers(backend, isAppWebContents);

      Menu.setApplicationMenu(buildAppMenu({ isPackaged: app.isPackaged, platform: process.platform }));
      openWindow();

      app.on('activate', () => {
        if (mainWindow === null) openWindow();
      });
    })
    .catch((error: unknown) => {
      // Start-up failures hold paths and module names, never patient data.
      const message = error instanceof Error ? error.message : String(error);
      dialog.showErrorBox('Consent Desk could not start', message);
      app.exit(1);
    });
}
