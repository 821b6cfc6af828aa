import os from 'node:os';
import type { Api } from '../../shared/client';
import { discardDerivationAhead } from '../backend/crypto/kdf';
import { startKeyDerivation } from './key-head-start';
import { keepHeapNearLiveSet } from './lean-heap';

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
 *
 * Before a command runs, SQLite's quick check reads every page of the file,
 * so that a damaged store is refused, named with its newest good backup,
 * before the command changes anything in it (the app does the same check in
 * the background after sign-in). That read is proportional to the store's
 * size (1.2 s at 10,000 authorizations). `pagesChecked: 'as-read'` skips it,
 * for commands that only report (`status`): they change no record, only
 * writing what every sign-in writes (the signed-in and signed-out events,
 * the day's expiry sweep), as the app does before its own check has ended;
 * and every page they do read is authenticated by the cipher as it is
 * decrypted, so damage in what they read still fails them, named, and rolls
 * back their writes. `consent-desk check` reads every page, and `status`
 * prints when it last did.
 */
export interface BackendSessionOptions {
  now?: () => Date;
  /** 'all-first' (the default): every page read before the command; 'as-read': only the pages the command reads. */
  pagesChecked?: 'all-first' | 'as-read';
  /**
   * Sign in as this staff member before `fn` runs (every command but setup
   * does). The key derivation starts before the backend loads, so the two
   * overlap on the two cores (key-head-start.ts).
   */
  signIn?: { username: string; password: string };
  /**
   * Modules the command's calls will load (export's zip and PDF code): loaded
   * while the key derivation runs, when this core would otherwise wait for it.
   */
  preload?: () => Promise<unknown>;
}

/** What withBackend did, in order; tests hold it to overlapping the key derivation with the backend's loading. */
export type SessionStep =
  | { step: 'derivation-started' }
  | { step: 'backend-import'; derivationSettled: boolean | null }
  | { step: 'signed-in'; derivationTaken: boolean | null };

export const sessionTrace: { listener: ((event: SessionStep) => void) | null } = { listener: null };

export async function withBackend<T>(dataDir: string, fn: (api: Api) => Promise<T>, options: BackendSessionOptions = {}): Promise<T> {
  // Whole-store commands stream; without this V8 lets their dead rows pile up to several times what they hold.
  keepHeapNearLiveSet();
  const { pagesChecked = 'all-first', signIn: credential, preload, ...backendOptions } = options;
  const ahead = credential ? startKeyDerivation(dataDir, credential.username, credential.password) : null;
  if (ahead) sessionTrace.listener?.({ step: 'derivation-started' });
  try {
    sessionTrace.listener?.({ step: 'backend-import', derivationSettled: ahead ? ahead.settled : null });
    const loading = Promise.all([import('../backend/backend'), import('../../shared/client')]);
    // Not awaited: a failure to load is met again, and reported, by the call that needs the module.
    preload?.().catch(() => undefined);
    const [{ createBackend }, { createClient }] = await loading;
    // Failures reach the user as the command's one line on stderr; the backend's own reports would make two.
    const backend = createBackend({
      dataDir,
      workstation: `${os.hostname()} (command line)`,
      reportUnexpected: () => undefined,
      // 'as-read' must not start the app's background check either: the command ends long before it would.
      checkPagesAtOpen: pagesChecked === 'all-first',
      checkPagesInBackground: false,
      ...backendOptions,
    });
    const api = createClient((name, input) => backend.invoke(name, input));
    try {
      if (credential) {
        await signIn(api, credential.username, credential.password);
        sessionTrace.listener?.({ step: 'signed-in', derivationTaken: ahead ? ahead.taken : null });
      }
      return await fn(api);
    } finally {
      // signOut never throws across the contract; it closes the store too.
      await backend.invoke('session.signOut', {});
      backend.close();
    }
  } finally {
    // Not taken (a wrong username, a failed load): no derived key outlives the command's session.
    discardDerivationAhead();
  }
}

/** Sign in as `username`: every command but setup starts here, so roles apply. */
export async function signIn(api: Api, username: string, password: string): Promise<void> {
  await api['session.signIn']({ username, password });
}

/** Field names of sign-in input as they appear on the command line. */
export const signInFieldNames = { username: '--user', password: 'the password (standard input)' };
