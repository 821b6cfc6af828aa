import { z } from 'zod';
import { authorizationIdSchema } from '../authorization/record';
import { returns, shellCall } from './define';
import { noInput } from './no-input';

/**
 * Calls only a shell can answer: choose where a file goes or which file to
 * open, show a file in its folder, print a PDF. The Electron shell answers
 * them with the system's dialogs and printer, in the main process; the
 * development host answers them with a typed path (`typedPath`) instead of a
 * dialog, for tests. The backend never sees them.
 *
 * In the Electron shell the renderer never names a path: `typedPath` is
 * refused there, and a backend call's path fields (see `pathInputs` in
 * define.ts) are relayed only with a path the shell itself handed out (a
 * dialog's answer, or a path in an earlier result).
 */
export const filePurposes = {
  /** Save: an audit bundle (.zip). */
  bundle: { extension: 'zip', kind: 'save', title: 'Save the audit bundle' },
  /** Save: a PDF (report, patient's copy, revocation acknowledgment). */
  pdf: { extension: 'pdf', kind: 'save', title: 'Save the PDF' },
  /** Save: an encrypted backup written now. */
  backup: { extension: 'cdbackup', kind: 'save', title: 'Save the backup' },
  /** Open: the folder scheduled backups go to. */
  backupFolder: { extension: null, kind: 'folder', title: 'Choose the backup folder' },
  /** Open: a backup to restore. */
  backupFile: { extension: 'cdbackup', kind: 'open', title: 'Choose the backup to restore' },
  /** Open: a bundle an auditor sent back, to verify. */
  bundleToVerify: { extension: 'zip', kind: 'open', title: 'Choose the audit bundle to check' },
} as const;

export type FilePurpose = keyof typeof filePurposes;
const purposeNames = Object.keys(filePurposes) as [FilePurpose, ...FilePurpose[]];

/** Only web pages leave the app: no file:, no custom schemes a hostile address could use to start a program. */
export const webAddressSchema = z
  .string()
  .max(2000)
  .pipe(z.url({ protocol: /^https?$/, error: 'Only web addresses (https://…) can be opened.' }));

const typedPathSchema = z
  .string()
  .max(4096)
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), 'Give an absolute path.');

/** A PDF the backend makes, named by the call that makes it and that call's input. */
export const pdfSourceSchema = z.discriminatedUnion('call', [
  z.object({ call: z.literal('consents.pdf'), input: z.object({ id: authorizationIdSchema }).strict() }).strict(),
  z.object({ call: z.literal('consents.revocationPdf'), input: z.object({ id: authorizationIdSchema }).strict() }).strict(),
  z.object({ call: z.literal('consents.paperForm'), input: z.object({ id: authorizationIdSchema }).strict() }).strict(),
  z.object({ call: z.literal('reports.pdf'), input: z.record(z.string(), z.unknown()) }).strict(),
  z.object({ call: z.literal('policy.pdf'), input: z.record(z.string(), z.unknown()) }).strict(),
  z.object({ call: z.literal('incidents.document'), input: z.object({ id: z.uuid() }).strict() }).strict(),
  z.object({ call: z.literal('program.reportPdf'), input: z.record(z.string(), z.unknown()) }).strict(),
]);
export type PdfSource = z.output<typeof pdfSourceSchema>;

export interface ShellCapabilities {
  /** `native`: the system's dialogs (Electron); `typed-path`: the renderer asks for a path (the development host). */
  dialogs: 'native' | 'typed-path';
  canPrint: boolean;
}

/** What a dialog chose: the path (shown to the user, and handed back in the next call), or null when cancelled. */
export interface ChosenPath {
  path: string;
  /** The last part of the path, for messages. */
  name: string;
}

export interface SavedFile extends ChosenPath {
  bytes: number;
}

export interface PrintOutcome {
  printed: boolean;
  /** Why not, in words for people (cancelled in the print dialog, printer error). */
  reason: string | null;
}

export const shellCalls = {
  'shell.capabilities': shellCall({
    summary: 'What this shell can do: native dialogs or typed paths, and printing.',
    access: 'public',
    input: noInput,
    output: returns<ShellCapabilities>(),
  }),
  'shell.choosePath': shellCall({
    summary: 'Ask where to save a file, or which file or folder to open (the system dialog; a typed path on the development host).',
    access: 'session',
    input: z
      .object({
        purpose: z.enum(purposeNames),
        /** The file name the dialog suggests. */
        suggestedName: z.string().trim().min(1).max(200).optional(),
        typedPath: typedPathSchema.optional(),
      })
      .strict(),
    output: returns<ChosenPath | null>(),
  }),
  'shell.savePdf': shellCall({
    summary: 'Save a PDF the backend makes (report, patient copy, revocation) where the user chooses.',
    access: 'session',
    input: z.object({ source: pdfSourceSchema, typedPath: typedPathSchema.optional() }).strict(),
    output: returns<SavedFile | null>(),
  }),
  'shell.printPdf': shellCall({
    summary: 'Print a PDF the backend makes (the patient’s copy of a signed authorization) with the system’s print dialog.',
    access: 'session',
    input: z.object({ source: pdfSourceSchema }).strict(),
    output: returns<PrintOutcome>(),
  }),
  'shell.showInFolder': shellCall({
    summary: 'Open the folder holding a file the app wrote or a dialog chose, with the file selected.',
    access: 'session',
    input: z.object({ path: typedPathSchema }).strict(),
    output: returns<null>(),
  }),
  'shell.openLink': shellCall({
    summary: 'Open a published post’s web address in the system’s browser (web addresses only; never inside the app).',
    access: 'session',
    input: z.object({ url: webAddressSchema }).strict(),
    output: returns<{ opened: boolean }>(),
  }),
} as const;
