import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dialog, shell, type BrowserWindow, type FileFilter } from 'electron';
import type { FilePayload } from '../../shared/authorization/record';
import type { CallInput, CallName, CallOutput, ShellCallName } from '../../shared/contract';
import { filePurposes, type FilePurpose, type PdfSource } from '../../shared/contract/shell-calls';
import { AppError, type CallResult } from '../../shared/errors';
import type { AppState } from '../../shared/session';
import { printPdf } from './print-pdf';
import type { VouchedPaths } from './vouched-paths';

export interface ShellCallContext {
  /** The app's window, to attach dialogs to. */
  window: () => BrowserWindow | null;
  backend: (name: CallName, input: unknown) => Promise<CallResult<unknown>>;
  vouched: VouchedPaths;
  documentsFolder: string;
  log: (line: string) => void;
}

type ShellHandler<K extends ShellCallName> = (context: ShellCallContext, input: CallInput<K>) => Promise<CallOutput<K>>;

const typedPathRefused = () =>
  new AppError('forbidden', 'Consent Desk chooses files and folders with the system’s dialog; it does not take typed paths.', {
    issues: [{ path: 'typedPath', message: 'Use the dialog.' }],
  });

async function requireSignedIn(context: ShellCallContext): Promise<void> {
  const state = await context.backend('app.state', {});
  const value = state.ok ? (state.value as AppState) : null;
  if (!value || value.phase !== 'active') throw new AppError('unauthorized', 'Sign in first.');
  if (value.patientMode) throw new AppError('forbidden', 'The screen is handed to a patient.');
}

function filtersFor(purpose: FilePurpose): FileFilter[] {
  const { extension } = filePurposes[purpose];
  if (!extension) return [];
  const label = { zip: 'Audit bundle (zip)', pdf: 'PDF document', cdbackup: 'Consent Desk backup' }[extension];
  return [{ name: label, extensions: [extension] }];
}

/** The path with the purpose's extension, added if the person typed the name without it. */
function withExtension(file: string, purpose: FilePurpose): string {
  const { extension } = filePurposes[purpose];
  return extension && !file.toLowerCase().endsWith(`.${extension}`) ? `${file}.${extension}` : file;
}

async function choose(context: ShellCallContext, purpose: FilePurpose, suggestedName?: string): Promise<string | null> {
  const spec = filePurposes[purpose];
  const parent = context.window();
  const defaultPath = path.join(context.documentsFolder, suggestedName ?? '');
  if (spec.kind === 'save') {
    const options = { title: spec.title, defaultPath, filters: filtersFor(purpose), properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[] };
    const answer = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    return answer.canceled || !answer.filePath ? null : withExtension(answer.filePath, purpose);
  }
  const options = {
    title: spec.title,
    defaultPath: context.documentsFolder,
    filters: filtersFor(purpose),
    properties: (spec.kind === 'folder' ? ['openDirectory', 'createDirectory'] : ['openFile']) as ('openDirectory' | 'createDirectory' | 'openFile')[],
  };
  const answer = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return answer.canceled ? null : (answer.filePaths[0] ?? null);
}

async function pdfOf(context: ShellCallContext, source: PdfSource): Promise<FilePayload> {
  const result = await context.backend(source.call, source.input);
  if (!result.ok) throw AppError.fromData(result.error);
  return result.value as FilePayload;
}

/** Written beside the target and renamed over it, so a failed write never leaves half a PDF under the chosen name. */
function writeWhole(file: string, bytes: Buffer): void {
  const partial = path.join(path.dirname(file), `.${path.basename(file)}.${crypto.randomBytes(4).toString('hex')}.partial`);
  try {
    fs.writeFileSync(partial, bytes, { flag: 'wx' });
    fs.renameSync(partial, file);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(
      'conflict',
      code === 'ENOSPC'
        ? 'The disk is full: the PDF was not saved. Free some space or choose another place.'
        : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
          ? 'Consent Desk may not write there: the PDF was not saved. Choose another folder.'
          : 'The PDF could not be saved there. Choose another place.',
    );
  }
}

export const shellHandlers: { [K in ShellCallName]: ShellHandler<K> } = {
  'shell.capabilities': async () => ({ dialogs: 'native', canPrint: true }),

  'shell.choosePath': async (context, { purpose, suggestedName, typedPath }) => {
    if (typedPath !== undefined) throw typedPathRefused();
    await requireSignedIn(context);
    const chosen = await choose(context, purpose, suggestedName);
    if (!chosen) return null;
    context.vouched.add(chosen);
    return { path: chosen, name: path.basename(chosen) };
  },

  'shell.savePdf': async (context, { source, typedPath }) => {
    if (typedPath !== undefined) throw typedPathRefused();
    await requireSignedIn(context);
    // The backend checks the permission and makes the PDF before anyone picks a place.
    const file = await pdfOf(context, source);
    const chosen = await choose(context, 'pdf', file.fileName);
    if (!chosen) return null;
    const bytes = Buffer.from(file.base64, 'base64');
    writeWhole(chosen, bytes);
    context.vouched.add(chosen);
    context.log(`saved a PDF (${source.call}, ${bytes.length} bytes)`);
    return { path: chosen, name: path.basename(chosen), bytes: bytes.length };
  },

  'shell.printPdf': async (context, { source }) => {
    await requireSignedIn(context);
    const file = await pdfOf(context, source);
    const outcome = await printPdf(Buffer.from(file.base64, 'base64'));
    context.log(`print ${outcome.printed ? 'sent' : 'not sent'} (${source.call})`);
    return outcome;
  },

  'shell.openLink': async (context, { url }) => {
    await requireSignedIn(context);
    // Parsed again here: the main process trusts nothing the page sends, and opens only web pages.
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new AppError('forbidden', 'Only web addresses can be opened.');
    await shell.openExternal(parsed.href);
    return { opened: true };
  },

  'shell.showInFolder': async (context, { path: file }) => {
    await requireSignedIn(context);
    if (!context.vouched.has(file)) throw new AppError('forbidden', 'Consent Desk shows only files it saved or you chose.');
    if (!fs.existsSync(file)) throw new AppError('not_found', `${path.basename(file)} is no longer there: it was moved or deleted.`);
    shell.showItemInFolder(file);
    return null;
  },
};
