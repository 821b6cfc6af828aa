import { isMainThread, parentPort } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';

/**
 * The worker side of TimeLimitedWorker: a module run in a worker thread
 * calls `serveJobs` with its jobs by name, and answers one request at a
 * time. Buffers lose their class crossing threads (they arrive as
 * Uint8Array), so they are turned back into Buffers both ways.
 */
export type Job = (input: never) => Promise<unknown> | unknown;

export interface JobRequest {
  id: number;
  job: string;
  input: unknown;
}

export type JobReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { code: AppError['code']; message: string; issues?: AppError['issues'] } | null };

/** Uint8Arrays (what Buffers become in transit) back to Buffers, anywhere in a value. */
export function reviveBuffers(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (Array.isArray(value)) return value.map(reviveBuffers);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reviveBuffers(v)]));
  }
  return value;
}

export function serveJobs(jobs: Record<string, Job>): void {
  if (isMainThread || !parentPort) throw new Error('serveJobs runs in a worker thread.');
  const port = parentPort;
  port.on('message', async (request: JobRequest) => {
    let reply: JobReply;
    try {
      const job = Object.prototype.hasOwnProperty.call(jobs, request.job) ? jobs[request.job] : undefined;
      if (!job) throw new Error(`no job named ${request.job}`);
      reply = { id: request.id, ok: true, value: await job(reviveBuffers(request.input) as never) };
    } catch (error) {
      // Only typed errors carry their words across; anything else is named by its kind by the host.
      reply = {
        id: request.id,
        ok: false,
        error: error instanceof AppError ? { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) } : null,
      };
    }
    port.postMessage(reply);
  });
  port.postMessage('ready');
}
