import { dialog, type BrowserWindow } from 'electron';

/**
 * A page with unsaved changes refuses to unload (beforeunload); Electron
 * then does nothing by itself, so the window would neither close nor
 * reload without a word. Ask, as a browser would, and leave only on yes.
 */
export function askBeforeLosingUnsavedChanges(window: BrowserWindow): void {
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      buttons: ['Leave without saving', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      title: 'Unsaved changes',
      message: 'This screen has changes that are not saved.',
      detail: 'Leave without saving them?',
    });
    // preventDefault() here lets the page go despite its beforeunload.
    if (choice === 0) event.preventDefault();
  });
}
