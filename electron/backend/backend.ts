import { contract, isCallName, isShellCall } from '../../shared/contract';
import { AppError, type AppErrorData, type CallResult } from '../../shared/errors';
import { BackendCore, type BackendOptions } from './backend-core';
import { auditHandlers } from './handlers/audit-handlers';
import type { Handler, Handlers } from './handlers/handler';
import { sessionHandlers } from './handlers/session-handlers';
import { settingsHandlers } from './handlers/settings-handlers';
import { staffHandlers } from './handlers/staff-handlers';
import { patientHandlers } from './handlers/patient-handlers';
import { consentHandlers } from './handlers/consent-handlers';
import { paperSignatureHandlers } from './handlers/paper-signature-handlers';
import { templateHandlers } from './handlers/template-handlers';
import { certificateHandlers } from './handlers/certificate-handlers';
import { testimonialHandlers } from './handlers/testimonial-handlers';
import { postHandlers } from './handlers/post-handlers';
import { exportHandlers } from './handlers/export-handlers';
import { reportHandlers } from './handlers/report-handlers';
import { retentionHandlers } from './handlers/retention-handlers';
import { backupHandlers } from './handlers/backup-handlers';
import { policyHandlers } from './handlers/policy-handlers';
import { trainingHandlers } from './handlers/training-handlers';
import { postReviewHandlers } from './handlers/post-review-handlers';
import { channelReviewHandlers } from './handlers/channel-review-handlers';
import { incidentHandlers } from './handlers/incident-handlers';
import { programHandlers } from './handlers/program-handlers';
import { storeHandlers } from './handlers/store-handlers';
import { workQueueHandlers } from './handlers/work-queue-handlers';
import { presetHandlers } from './handlers/preset-handlers';
import { storageFailure } from './failure-kinds';
import { normaliseInputText } from './input-text';
import { validationError } from './validation-error';
import type { PageCheckResult } from './store/page-check';
import { runScheduledBackup } from './backup/backup-scheduler';
import { RecordChangeBatcher } from './record-change-events';

export type { BackendOptions } from './backend-core';

/** Every contract call's handler; the type makes a missing one a compile error. */
const handlers: Handlers = {
  ...sessionHandlers,
  ...staffHandlers,
  ...settingsHandlers,
  ...auditHandlers,
  ...patientHandlers,
  ...consentHandlers,
  ...paperSignatureHandlers,
  ...templateHandlers,
  ...certificateHandlers,
  ...testimonialHandlers,
  ...postHandlers,
  ...exportHandlers,
  ...reportHandlers,
  ...retentionHandlers,
  ...backupHandlers,
  ...policyHandlers,
  ...trainingHandlers,
  ...postReviewHandlers,
  ...channelReviewHandlers,
  ...incidentHandlers,
  ...programHandlers,
  ...storeHandlers,
  ...workQueueHandlers,
  ...presetHandlers,
};

export interface Backend {
  /** Run one contract call: validate, authorize, handle. Never throws. */
  invoke(name: string, input: unknown): Promise<CallResult<unknown>>;
  /** The background read of every page after the store last opened (null before it opens): tests and benchmarks await it. */
  pageCheck(): Promise<PageCheckResult | null>;
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
  // Committed changes, local and from the practice server, go out as one `records.changed` per burst.
  const changes = options.onEvent ? new RecordChangeBatcher(options.onEvent) : null;
  if (changes) core.committedChanges = (committed) => changes.add(committed, false);
  // A practice server announces every workstation's commits, this one's included, on its own feed.
  if (changes) core.followServerFeed = (feed) => changes.follow(feed);
  const unfollow = changes && options.changeFeed ? changes.follow(options.changeFeed) : null;

  async function run(name: string, input: unknown): Promise<CallResult<unknown>> {
    let authorized = false;
    try {
      if (!isCallName(name)) throw new AppError('not_found', `There is no call named “${name}”.`);
      if (isShellCall(name)) throw new AppError('not_found', `“${name}” is answered by the desktop app or the development host, not the backend.`);
      const spec = contract[name];
      // Who may call comes before what they sent: a caller without the
      // permission learns nothing about the input rules.
      await core.authorize(spec);
      await core.sweepIfNewDay();
      // Broken Unicode is refused and text brought to the store's one form before any rule sees it.
      const parsed = spec.input.safeParse(normaliseInputText(input ?? {}));
      if (!parsed.success) throw validationError(parsed.error);
      const handler = handlers[name] as Handler<typeof name>;
      authorized = spec.access !== 'public';
      const value = await handler(core, parsed.data as never);
      // The server's audit head as this call left it, remembered here: a server later put back to an older copy is refused.
      // Never the call's failure: what it wrote has committed, and the next open checks the head again.
      await core.openServerStore?.rememberHead().catch((error: unknown) => core.reportUnexpected(`consent-desk: the server's audit head could not be remembered (${error instanceof Error ? error.name : typeof error})`));
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: toErrorData(core, name, error) };
    } finally {
      // Public calls (the screen's state checks) are not activity; a staff call is, until it ends.
      if (authorized) core.noteCallEnded();
    }
  }

  function enqueue<T>(work: () => Promise<T> | T): Promise<T> {
    const result = queue.then(work).finally(() => {
      // Writes made outside the store's write() (autocommit) are announced once the call is done.
      try {
        if (changes) core.openStore?.flushCommittedChanges();
      } catch {
        // Only the announcement is lost; the write itself is committed.
      }
      // One event per call, however many rows and transactions it committed.
      changes?.flush();
    });
    queue = result.catch(() => undefined);
    return result;
  }

  let closed = false;
  // Expiry dates pass and backups fall due while the app is open: check
  // every minute, in the same queue as calls so neither interleaves with one.
  const sweepTimer = setInterval(() => {
    void enqueue(() => core.sweepExpired()).catch((error: unknown) => {
      // A sweep that was waiting on the store when the backend closed it: its transaction rolled back, and there is nothing to report.
      if (closed) return;
      core.reportUnexpected(`consent-desk: expiry sweep failed (${error instanceof Error ? error.name : typeof error})`);
    });
    // Never throws: a failed backup is audited and retried on a later tick.
    void enqueue(() => runScheduledBackup(core));
  }, options.sweepIntervalMs ?? 60_000);
  sweepTimer.unref();

  return {
    invoke(name, input) {
      return enqueue(() => run(name, input));
    },
    pageCheck() {
      return core.pageCheck ?? Promise.resolve(null);
    },
    close() {
      closed = true;
      clearInterval(sweepTimer);
      unfollow?.();
      changes?.close();
      core.closeStore();
    },
  };
}

function toErrorData(core: BackendCore, name: string, error: unknown): AppErrorData {
  if (error instanceof AppError) return error.toData();
  const storage = storageFailure(error, { dataDir: core.paths.dataDir, newestGoodBackup: () => core.newestGoodBackup() });
  if (storage) return storage.toData();
  // Unexpected: say what failed without echoing data, which could hold PHI.
  const kind = error instanceof Error ? error.name : typeof error;
  const code = (error as { code?: unknown } | null)?.code;
  const what = `${kind}${typeof code === 'string' ? ` ${code}` : ''}`;
  core.reportUnexpected(`consent-desk: ${name} failed unexpectedly (${what})`);
  return { code: 'internal', message: `Something went wrong (${what}). Try again; if it keeps happening, restart Consent Desk.` };
}
