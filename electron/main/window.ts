import { BrowserWindow, type Session } from 'electron';
import { appEntryUrl } from './app-origin';
import { askBeforeLosingUnsavedChanges } from './unsaved-changes';
import { defaultWindowSize, minimumWindowSize, type SavedWindowState } from './window-bounds';

export interface MainWindowOptions {
  preloadPath: string;
  /** Packaged builds get no DevTools at all. */
  isPackaged: boolean;
  /**
   * The window's session: an in-memory one (no `persist:` partition), so
   * Chromium keeps the page's caches, storage and blobs, which can hold PHI,
   * in memory and never on disk.
   */
  session: Session;
  /** Where the window was last time, if it is still on a screen. */
  restore: SavedWindowState | null;
}

/**
 * The one window. Every setting from Electron's security checklist is spelled
 * out even where it is already the default, so a future default change or a
 * careless edit shows up in review. Navigation, pop-ups and permissions are
 * refused for every web contents in session-policy.ts.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Consent Desk',
    ...(options.restore?.bounds ?? defaultWindowSize),
    minWidth: minimumWindowSize.width,
    minHeight: minimumWindowSize.height,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preloadPath,
      session: options.session,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Spell-check dictionaries are downloaded from the internet; the app stays offline.
      spellcheck: false,
      safeDialogs: true,
      devTools: !options.isPackaged,
    },
  });

  askBeforeLosingUnsavedChanges(window);
  if (options.restore?.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appEntryUrl);
  return window;
}

/** Brings the existing window to the front (a second launch lands here). */
export function focusWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
