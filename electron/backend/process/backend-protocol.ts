import type { CallResult } from '../../../shared/errors';

/**
 * What the Electron main process and the backend process (an Electron
 * utilityProcess running electron/backend) say to each other over their
 * MessagePort. The contract's calls travel as `call`/`result`; the main
 * process validates the sender before it relays, the backend validates the
 * input as it always does.
 */
export interface BackendStartOptions {
  dataDir: string;
  workstation: string;
  /** Set when the previous backend process stopped unexpectedly: the sign-in screen says so. */
  restartedAfterFailure: boolean;
  /**
   * The main process keeps a copy of the rollback anchor outside the data
   * folder (the OS credential store through safeStorage, or the user
   * profile) and answers `anchor` requests for it (see relayed-anchor.ts).
   */
  externalAnchor?: boolean;
}

/** main -> backend, on the utility process's parentPort, carrying the MessagePort. */
export interface ConnectMessage {
  type: 'connect';
  options: BackendStartOptions;
}

export type ToBackend =
  | { type: 'call'; id: number; name: string; input: unknown }
  | { type: 'close' }
  /** The answer to an `anchor` request: the sealed anchor read (or null), or `ok: false` when the shell could not. */
  | { type: 'anchorReply'; id: number; ok: boolean; text: string | null };

/** backend -> main: read or write the shell's copy of one store's rollback anchor. */
export type AnchorRequest = { type: 'anchor'; id: number; op: 'read'; storeId: string } | { type: 'anchor'; id: number; op: 'write'; storeId: string; sealed: string };

export type FromBackend =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: CallResult<unknown> }
  /** The store is closed; the process exits next. */
  | { type: 'closed' }
  /** Start-up failed before `ready`; the message names no patient data. */
  | { type: 'failed'; message: string }
  /** A contract event (shared/contract/contract-events.ts) for the windows; the main process checks it before forwarding. */
  | { type: 'event'; name: string; payload: unknown }
  | AnchorRequest;

/** The smallest MessagePort both Electron's MessagePortMain and a test's stand-in offer. */
export interface PortLike {
  on(event: 'message', listener: (event: { data: unknown; ports?: PortLike[] }) => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

export function isConnectMessage(value: unknown): value is ConnectMessage {
  const message = value as Partial<ConnectMessage> | null;
  return (
    typeof message === 'object' &&
    message !== null &&
    message.type === 'connect' &&
    typeof message.options?.dataDir === 'string' &&
    typeof message.options.workstation === 'string' &&
    typeof message.options.restartedAfterFailure === 'boolean' &&
    (message.options.externalAnchor === undefined || typeof message.options.externalAnchor === 'boolean')
  );
}

export function isToBackend(value: unknown): value is ToBackend {
  const message = value as { type?: unknown; id?: unknown; name?: unknown; ok?: unknown; text?: unknown } | null;
  if (typeof message !== 'object' || message === null) return false;
  if (message.type === 'close') return true;
  if (message.type === 'anchorReply') return Number.isSafeInteger(message.id) && typeof message.ok === 'boolean' && (message.text === null || typeof message.text === 'string');
  return message.type === 'call' && Number.isSafeInteger(message.id) && typeof message.name === 'string';
}

/** Store ids are UUIDs; sealed anchors are a few hundred bytes (2 kB slots beside the database). */
const storeIdPattern = /^[0-9a-f-]{1,64}$/i;
export const maxSealedAnchorChars = 4096;

/** What the main process accepts from the backend as an anchor request; anything else is ignored. */
export function isAnchorRequest(value: unknown): value is AnchorRequest {
  const message = value as { type?: unknown; id?: unknown; op?: unknown; storeId?: unknown; sealed?: unknown } | null;
  if (typeof message !== 'object' || message === null || message.type !== 'anchor') return false;
  if (!Number.isSafeInteger(message.id) || typeof message.storeId !== 'string' || !storeIdPattern.test(message.storeId)) return false;
  if (message.op === 'read') return true;
  return message.op === 'write' && typeof message.sealed === 'string' && message.sealed.length <= maxSealedAnchorChars;
}
