import { contract, isCallName } from '../../shared/contract';
import { AppError, type AppErrorData, type CallResult } from '../../shared/errors';
import { BackendCore, type BackendOptions } from './backend-core';
import { auditHandlers } from './handlers/audit-handlers';
import type { Handler, Handlers } from './handlers/handler';
import { sessionHandlers } from './handlers/session-handlers';
import { settingsHandlers } from './handlers/settings-handlers';
import { staffHandlers } from './handlers/staff-handlers';
import { patientHandlers } from './handlers/patient-handlers';
import { consentHandlers } from './handlers/consent-handlers';
import { templateHandlers } from './handlers/template-handlers';
import { certificateHandlers } from './handlers/certificate-handlers';
import { validationError } from './validation-error';

export type { BackendOptions } from './backend-core';

/** Every contract call's handler; the type makes a missing one a compile error. */
const handlers: Handlers = {
  ...sessionHandlers,
  ...staffHandlers,
  ...settingsHandlers,
  ...auditHandlers,
  ...patientHandlers,
  ...consentHandlers,
  ...templateHandlers,
  ...certificateHandlers,
};

export interface Backend {
  /** Run one contract call: validate, authorize, handle. Never throws. */
  invoke(name: string, input: unknown): Promise<CallResult<unknown>>;
  close(): void;
}

/**
 * The backend every shell (Electron IPC, the development host, the CLI)
 * talks to. Calls run one at a time, in arrival order: handlers await slow
 * key derivations, and the store must never see two of them interleave.
 */
export function createBackend(options: BackendOptions): Backend {
  const core = new BackendCore(options);
  let queue: Promise<unknown> = Promise.resolve();

  async function run(name: string, input: unknown): Promise<CallResult<unknown>> {
    try {
      if (!isCallName(name)) throw new AppError('not_found', `There is no call named “${name}”.`);
      const spec = contract[name];
      // Who may call comes before what they sent: a caller without the
      // permission learns nothing about the input rules.
      core.authorize(spec);
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) throw validationError(parsed.error);
      const handler = handlers[name] as Handler<typeof name>;
      const value = await handler(core, parsed.data as never);
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: toErrorData(name, error) };
    }
  }

  return {
    invoke(name, input) {
      const result = queue.then(() => run(name, input));
      queue = result;
      return result;
    },
    close() {
      core.closeStore();
    },
  };
}

function toErrorData(name: string, error: unknown): AppErrorData {
  if (error instanceof AppError) return error.toData();
  // Unexpected: say what failed without echoing data, which could hold PHI.
  const kind = error instanceof Error ? error.name : typeof error;
  const code = (error as { code?: unknown } | null)?.code;
  console.error(`consent-desk: ${name} failed unexpectedly (${kind}${typeof code === 'string' ? ` ${code}` : ''})`);
  return { code: 'internal', message: 'Something went wrong. Try again; if it keeps happening, restart Consent Desk.' };
}
