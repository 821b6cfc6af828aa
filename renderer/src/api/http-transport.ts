import type { Transport } from '../../../shared/client';
import type { CallResult } from '../../../shared/errors';

const hostUnreachable: CallResult<never> = {
  ok: false,
  error: { code: 'internal', message: 'The development host did not answer. Is it still running?' },
};

/**
 * The development host's transport: one POST per call. The body is a
 * CallResult whatever the HTTP status (400, 401, 423, ...), so it is read
 * regardless and the client decides what an error means.
 */
export function httpTransport(token: string | null): Transport {
  return async (name, input) => {
    let response: Response;
    try {
      response = await fetch(`/api/call/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(input ?? {}),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch {
      return hostUnreachable;
    }
    try {
      return (await response.json()) as CallResult<unknown>;
    } catch {
      return hostUnreachable;
    }
  };
}
