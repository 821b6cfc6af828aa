import { dialog, shell, type BrowserWindow } from 'electron';

export interface AboutFacts {
  version: string;
  dataDir: string;
  logDir: string;
  versions: { electron?: string; chrome?: string; node?: string };
}

/** The text of Help > About: the version, where the data and the log live, and what it runs on. */
export function aboutText(facts: AboutFacts): { message: string; detail: string } {
  return {
    message: `Consent Desk ${facts.version}`,
    detail: [
      `Data folder: ${facts.dataDir}`,
      `Log files: ${facts.logDir}`,
      '',
      `Electron ${facts.versions.electron ?? '?'}, Chromium ${facts.versions.chrome ?? '?'}, Node.js ${facts.versions.node ?? '?'}`,
    ].join('\n'),
  };
}

export async function showAbout(window: BrowserWindow | null, facts: AboutFacts): Promise<void> {
  const { message, detail } = aboutText(facts);
  const options = { type: 'info' as const, title: 'About Consent Desk', message, detail, buttons: ['Close', 'Open the data folder'], defaultId: 0, cancelId: 0 };
  const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
  if (response === 1) await shell.openPath(facts.dataDir);
}
