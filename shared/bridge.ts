import type { CallResult } from './errors';
import type { CallName, CallOutput } from './contract';

/**
 * The object the Electron preload exposes on `window`, one function per
 * contract call. It is derived from the contract; there is no generic send.
 */
export type Bridge = { readonly [K in CallName]: (input: unknown) => Promise<CallResult<CallOutput<K>>> };

export const bridgeGlobalName = 'consentDesk';

/** The IPC channel that carries one call. */
export function ipcChannelOf(name: CallName): string {
  return `consent-desk:${name}`;
}
