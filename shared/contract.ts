import { complianceCalls } from './contract/compliance-calls';
import { consentCalls } from './contract/consent-calls';
import { foundationCalls } from './contract/foundation-calls';
import { marketingCalls } from './contract/marketing-calls';
import { programCalls } from './contract/program-calls';
import { shellCalls } from './contract/shell-calls';
import { workCalls } from './contract/work-calls';
import { presetCalls } from './contract/preset-calls';
import type { Returns } from './contract/define';
import type { z } from 'zod';

export type { Access, CallSpec, Returns } from './contract/define';

/**
 * The contract: every call from the renderer to the backend, declared once,
 * a file per feature under contract/. The preload bridge, the Electron IPC
 * handlers, the development host and the CLI are all derived from this
 * object, and the backend validates every input against `input` before a
 * handler sees it.
 */
export const contract = {
  ...foundationCalls,
  ...consentCalls,
  ...marketingCalls,
  ...complianceCalls,
  ...programCalls,
  ...shellCalls,
  ...workCalls,
  ...presetCalls,
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallInput<K extends CallName> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends CallName> = z.output<Contract[K]['input']>;
export type CallOutput<K extends CallName> = Contract[K]['output'] extends Returns<infer O> ? O : never;

export const callNames = Object.keys(contract) as CallName[];

/** Calls a shell answers itself (dialogs, printing); the backend never sees them. */
export type ShellCallName = { [K in CallName]: Contract[K] extends { shell: true } ? K : never }[CallName];
/** Calls the backend answers. */
export type BackendCallName = Exclude<CallName, ShellCallName>;

export function isShellCall(name: CallName): name is ShellCallName {
  return (contract[name] as { shell?: true }).shell === true;
}

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
