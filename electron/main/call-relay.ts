import { contract, isCallName, isShellCall, type CallName } from '../../shared/contract';
import { AppError, type CallResult } from '../../shared/errors';
import { shellHandlers, type ShellCallContext } from './shell-calls';
import type { VouchedPaths } from './vouched-paths';

export interface CallRelayOptions {
  backend: (name: string, input: unknown) => Promise<CallResult<unknown>>;
  vouched: VouchedPaths;
  shell: Omit<ShellCallContext, 'backend' | 'vouched'>;
}

const internal: CallResult<never> = {
  ok: false,
  error: { code: 'internal', message: 'Something went wrong. Try again; if it keeps happening, restart Consent Desk.' },
};

/**
 * Where the main process sends a call from the window (after checking the
 * sender): the shell's own calls (dialogs, printing) it answers itself;
 * every other call goes to the backend process, refused first if it names a
 * path the shell did not hand out. Never throws.
 */
export function createCallRelay(options: CallRelayOptions): (name: string, input: unknown) => Promise<CallResult<unknown>> {
  const context: ShellCallContext = {
    ...options.shell,
    vouched: options.vouched,
    backend: (name: CallName, input: unknown) => options.backend(name, input),
  };
  return async (name, input) => {
    if (isCallName(name) && isShellCall(name)) {
      const parsed = contract[name].input.safeParse(input ?? {});
      if (!parsed.success) {
        return { ok: false, error: { code: 'validation', message: 'The request was not complete.', issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) } };
      }
      try {
        const handler = shellHandlers[name] as (c: ShellCallContext, i: unknown) => Promise<unknown>;
        return { ok: true, value: await handler(context, parsed.data) };
      } catch (error) {
        if (error instanceof AppError) return { ok: false, error: error.toData() };
        options.shell.log(`shell call ${name} failed (${error instanceof Error ? error.name : typeof error})`);
        return internal;
      }
    }
    const refusal = options.vouched.refusalFor(name, input);
    if (refusal) return refusal;
    const result = await options.backend(name, input);
    options.vouched.collect(name, result);
    return result;
  };
}
