import { AppError, isAppErrorData, type CallResult } from './errors';
import { callNames, type CallInput, type CallName, type CallOutput } from './contract';

/** Moves one call to the backend and brings back its result; never throws for app errors. */
export type Transport = (name: CallName, input: unknown) => Promise<CallResult<unknown>>;

/** The typed client: one async function per contract call; app errors are thrown as AppError. */
export type Api = { [K in CallName]: (input: CallInput<K>) => Promise<CallOutput<K>> };

export function createClient(transport: Transport): Api {
  const api = {} as Record<CallName, (input: unknown) => Promise<unknown>>;
  for (const name of callNames) {
    api[name] = async (input: unknown) => {
      const result = await transport(name, input);
      if (result.ok) return result.value;
      throw AppError.fromData(isAppErrorData(result.error) ? result.error : { code: 'internal', message: 'Unexpected reply from the backend.' });
    };
  }
  return api as unknown as Api;
}
