import os from 'node:os';
import type { Api } from '../../shared/client';

/**
 * Run `fn` with the backend on `dataDir`, through the typed client of the
 * contract: every command goes through the same validation, roles and audit
 * trail as the app. Afterwards the session ends (recorded in the audit
 * trail) and the store closes, whatever happened.
 *
 * `now` replaces the backend's clock; only `demo` passes one, to date its
 * fictional history (see demo/demo-clock.ts).
 *
 * The backend is loaded here, on first use, so that `--help` and usage
 * errors answer at once without loading it.
 */
export async function withBackend<T>(dataDir: string, fn: (api: Api) => Promise<T>, options: { now?: () => Date } = {}): Promise<T> {
  const [{ createBackend }, { createClient }] = await Promise.all([
    import('../backend/backend'),
    import('../../shared/client'),
  ]);
  // Failures reach the user as the command's one line on stderr; the backend's own reports would make two.
  // A command reads the whole file before it starts (a damaged store is refused, named), as the app does in the background.
  const backend = createBackend({ dataDir, workstation: `${os.hostname()} (command line)`, reportUnexpected: () => undefined, checkPagesAtOpen: true, ...options });
  const api = createClient((name, input) => backend.invoke(name, input));
  try {
    return await fn(api);
  } finally {
    // signOut never throws across the contract; it closes the store too.
    await backend.invoke('session.signOut', {});
    backend.close();
  }
}

/** Sign in as `username`: every command but setup starts here, so roles apply. */
export async function signIn(api: Api, username: string, password: string): Promise<void> {
  await api['session.signIn']({ username, password });
}

/** Field names of sign-in input as they appear on the command line. */
export const signInFieldNames = { username: '--user', password: 'the password (standard input)' };
