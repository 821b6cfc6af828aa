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
}

/** main -> backend, on the utility process's parentPort, carrying the MessagePort. */
export interface ConnectMessage {
  type: 'connect';
  options: BackendStartOptions;
}

export type ToBackend = { type: 'call'; id: number; name: string; input: unknown } | { type: 'close' };

export type FromBackend =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: CallResult<unknown> }
  /** The store is closed; the process exits next. */
  | { type: 'closed' }
  /** Start-up failed before `ready`; the message names no patient data. */
  | { type: 'failed'; message: string };

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
    typeof message.options.restartedAfterFailure === 'boolean'
  );
}

export function isToBackend(value: unknown): value is ToBackend {
  const message = value as { type?: unknown; id?: unknown; name?: unknown } | null;
  if (typeof message !== 'object' || message === null) return false;
  if (message.type === 'close') return true;
  return message.type === 'call' && Number.isSafeInteger(message.id) && typeof message.name === 'string';
}
