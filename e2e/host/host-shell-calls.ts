import fs from 'node:fs';
import path from 'node:path';
import type { FilePayload } from '../../shared/authorization/record';
import { contract, type CallName, type ShellCallName } from '../../shared/contract';
import { filePurposes, type FilePurpose } from '../../shared/contract/shell-calls';
import { AppError, type CallResult } from '../../shared/errors';
import type { AppState } from '../../shared/session';

/**
 * The development host's answers to the shell-only calls, for tests and
 * `npm run web`: it has no dialogs, so a path is typed (`typedPath`) and
 * checked instead of chosen; it has no printer, so with `printerDir` it
 * "prints" by writing the PDF into that folder (a test printer), and
 * without one it says it cannot print. It never touches the user's folders.
 */
export interface HostShellOptions {
  backend: (name: CallName, input: unknown) => Promise<CallResult<unknown>>;
  printerDir?: string;
  /** Where `shell.openLink` writes down the addresses it was asked to open. */
  openedLinks?: string[];
}

async function requireSignedIn(options: HostShellOptions): Promise<void> {
  const state = await options.backend('app.state', {});
  if (!state.ok || (state.value as AppState).phase !== 'active') throw new AppError('unauthorized', 'Sign in first.');
  if ((state.value as AppState).patientMode) throw new AppError('forbidden', 'The screen is handed to a patient.');
}

function typedPathFor(purpose: FilePurpose, typedPath: string | undefined): string {
  if (!typedPath) {
    throw new AppError('validation', 'Type the full path: the development host has no file dialog.', { issues: [{ path: 'typedPath', message: 'Type the full path.' }] });
  }
  const spec = filePurposes[purpose];
  const exists = fs.existsSync(typedPath);
  if (spec.extension && !typedPath.toLowerCase().endsWith(`.${spec.extension}`)) {
    throw new AppError('validation', `The file name must end in .${spec.extension}.`, { issues: [{ path: 'typedPath', message: `End it in .${spec.extension}.` }] });
  }
  if (spec.kind === 'folder' && !(exists && fs.statSync(typedPath).isDirectory())) {
    throw new AppError('validation', 'There is no folder at that path.', { issues: [{ path: 'typedPath', message: 'Type an existing folder.' }] });
  }
  if (spec.kind === 'open' && !(exists && fs.statSync(typedPath).isFile())) {
    throw new AppError('validation', 'There is no file at that path.', { issues: [{ path: 'typedPath', message: 'Type an existing file.' }] });
  }
  return typedPath;
}

async function pdfOf(options: HostShellOptions, source: { call: CallName; input: unknown }): Promise<FilePayload> {
  const result = await options.backend(source.call, source.input);
  if (!result.ok) throw AppError.fromData(result.error);
  return result.value as FilePayload;
}

const handlers: { [K in ShellCallName]: (options: HostShellOptions, input: never) => Promise<unknown> } = {
  'shell.capabilities': async (options) => ({ dialogs: 'typed-path', canPrint: options.printerDir !== undefined }),
  'shell.choosePath': async (options, { purpose, typedPath }: { purpose: FilePurpose; typedPath?: string }) => {
    await requireSignedIn(options);
    const chosen = typedPathFor(purpose, typedPath);
    return { path: chosen, name: path.basename(chosen) };
  },
  'shell.savePdf': async (options, { source, typedPath }: { source: { call: CallName; input: unknown }; typedPath?: string }) => {
    await requireSignedIn(options);
    const file = await pdfOf(options, source);
    const target = typedPathFor('pdf', typedPath);
    const bytes = Buffer.from(file.base64, 'base64');
    fs.writeFileSync(target, bytes, { flag: 'wx' });
    return { path: target, name: path.basename(target), bytes: bytes.length };
  },
  'shell.printPdf': async (options, { source }: { source: { call: CallName; input: unknown } }) => {
    await requireSignedIn(options);
    if (!options.printerDir) return { printed: false, reason: 'The development host has no printer.' };
    const file = await pdfOf(options, source);
    fs.mkdirSync(options.printerDir, { recursive: true });
    fs.writeFileSync(path.join(options.printerDir, `${Date.now()}-${file.fileName}`), Buffer.from(file.base64, 'base64'));
    return { printed: true, reason: null };
  },
  // No browser to hand the address to: the test host writes it down instead (`openedLinks`), and says it did not open it.
  'shell.openLink': async (options, { url }: { url: string }) => {
    await requireSignedIn(options);
    options.openedLinks?.push(url);
    return { opened: false };
  },
  'shell.showInFolder': async (options, { path: file }: { path: string }) => {
    await requireSignedIn(options);
    if (!fs.existsSync(file)) throw new AppError('not_found', `${path.basename(file)} is no longer there.`);
    return null;
  },
};

export async function answerShellCall(options: HostShellOptions, name: ShellCallName, input: unknown): Promise<CallResult<unknown>> {
  const parsed = contract[name].input.safeParse(input ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'validation', message: 'The request was not complete.', issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) } };
  }
  try {
    return { ok: true, value: await handlers[name](options, parsed.data as never) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toData() };
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, error: { code: 'conflict', message: code === 'EEXIST' ? 'A file with that name is already there.' : 'The file could not be written there.' } };
  }
}
