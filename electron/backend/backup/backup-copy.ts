import { siblingWorkerUrl, TimeLimitedWorker } from '../rendering/time-limited-worker';
import type { Store } from '../store/store';
import type { CheckedCopy, CopyFailure, CopyRequest } from './backup-copy-job';

/**
 * A backup's copy of the database and its checks (backup-copy-job.ts) take
 * hundreds of milliseconds at 1,000 authorizations and seconds at 10,000:
 * `VACUUM INTO` and SQLite's integrity check are each one uninterruptible
 * call. They run in a worker thread, on connections of its own, so the
 * backend's thread (and with it the app) never stops for a backup.
 *
 * The caller still runs in the backend's call queue, so no other call
 * (a key rotation, a restore, closing the store) interleaves with the copy.
 */
let worker: TimeLimitedWorker | null = null;

const timeLimitMs = 60 * 60_000;

function backupWorker(): TimeLimitedWorker {
  worker ??= new TimeLimitedWorker(siblingWorkerUrl(import.meta.url, 'backup-copy-worker'), {
    timeLimitMs,
    maxHeapMb: 256,
    tooSlow: 'The backup took more than an hour to copy and was stopped; nothing was saved. Try again, or ask for help if it happens again.',
  });
  return worker;
}

/** Copy the open store's database into `target` (an empty private file) and check the copy as a restore would. */
export async function makeCheckedCopy(store: Store, target: string): Promise<CheckedCopy> {
  const connection = store.connectionParams();
  const request: CopyRequest = { source: store.paths.database, target, ...connection };
  let result: CheckedCopy | CopyFailure;
  try {
    result = await backupWorker().run<CheckedCopy | CopyFailure>('makeCheckedCopy', request);
  } finally {
    // The worker received a copy of the key; this one is no longer needed.
    connection.key.fill(0);
  }
  if ('failed' in result) {
    // Rebuilt with its code, so a full disk or a read error is told as such (failure-kinds.ts).
    throw Object.assign(new Error(result.failed.message), { name: result.failed.name, ...(result.failed.code ? { code: result.failed.code } : {}) });
  }
  return result;
}

/** End the worker thread (tests). */
export async function closeBackupWorker(): Promise<void> {
  const current = worker;
  worker = null;
  await current?.close();
}
