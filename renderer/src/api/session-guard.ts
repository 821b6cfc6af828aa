import type { Transport } from '../../../shared/client';
import { contract } from '../../../shared/contract';
import type { AppErrorData } from '../../../shared/errors';

/**
 * Wraps a transport so that a signed-in call refused with `locked` or
 * `unauthorized` tells the app: the backend has locked or ended the session
 * (its own idle clock, a disabled account), and the screen must follow at
 * once. Public calls (sign-in, recovery) fail with `unauthorized` for a wrong
 * password, which is not a lost session, so they are left alone.
 */
export function guardSession(transport: Transport, onSessionLost: (error: AppErrorData) => void): Transport {
  return async (name, input) => {
    const result = await transport(name, input);
    if (!result.ok && contract[name].access !== 'public' && (result.error.code === 'locked' || result.error.code === 'unauthorized')) {
      onSessionLost(result.error);
    }
    return result;
  };
}
