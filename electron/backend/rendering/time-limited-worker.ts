import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import { reviveBuffers, type JobReply, type JobRequest } from './worker-jobs';

/**
 * Work that could run away (drawing an image with pdf-lib, which looped
 * forever on a truncated PNG) runs in a worker thread with a time limit
 * and a memory limit: past either, the worker is ended, the call fails with
 * a clear message, and the next call starts a fresh worker. The backend's
 * own thread stays free for every other call.
 *
 * The worker module calls `serveJobs`. From TypeScript source (tests, the
 * CLI, the development host) it is loaded through tsx, a runtime
 * dependency; in the packaged app it is a bundle of its own beside the
 * backend's (`<name>.cjs`, see scripts/build-electron.mjs).
 */
export interface TimeLimitedWorkerOptions {
  timeLimitMs: number;
  /** Heap limit of the worker, in MB. */
  maxHeapMb?: number;
  /** The sentence for people when the limit is hit. */
  tooSlow: string;
  /** Told each time a worker thread starts, with the module it loads. */
  onStart?: (moduleUrl: URL) => void;
}

/** The worker module beside `fromUrl` (import.meta.url of the caller): `.ts` in source, `.cjs` when bundled. */
export function siblingWorkerUrl(fromUrl: string, baseName: string): URL {
  // tsx's scoped loader (the CLI) adds a query to module URLs: look at the path alone.
  return new URL(`./${baseName}.${new URL(fromUrl).pathname.endsWith('.ts') ? 'ts' : 'cjs'}`, fromUrl);
}

/** Loading a worker's modules, through tsx on a loaded machine, can take seconds; never minutes. */
const startupLimitMs = 120_000;

export class TimeLimitedWorker {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private pending: { id: number; resolve: (value: unknown) => void; reject: (error: unknown) => void } | null = null;

  constructor(
    private readonly moduleUrl: URL,
    private readonly options: TimeLimitedWorkerOptions,
  ) {}

  /** Run `job` on `input` in the worker, one at a time, within the time limit. */
  run<T>(job: string, input: unknown): Promise<T> {
    const result = this.queue.then(() => this.runNow(job, input));
    this.queue = result.catch(() => undefined);
    return result as Promise<T>;
  }

  /** End the worker (the backend is closing). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.ready = null;
    if (worker) await worker.terminate();
  }

  private start(): Promise<void> {
    const file = this.moduleUrl;
    const worker = file.pathname.endsWith('.ts')
      ? new Worker(
          `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(file.href)}, ${JSON.stringify(file.href)}))`,
          { eval: true, resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 768 } },
        )
      : new Worker(file, { resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 768 } });
    this.worker = worker;
    this.options.onStart?.(file);
    const failPending = (error: unknown) => {
      const pending = this.pending;
      this.pending = null;
      pending?.reject(error);
    };
    this.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: 'ready' | JobReply) => {
        if (message === 'ready') return resolve();
        const pending = this.pending;
        if (!pending || message.id !== pending.id) return;
        this.pending = null;
        if (message.ok) pending.resolve(reviveBuffers(message.value));
        else pending.reject(message.error ? new AppError(message.error.code, message.error.message, message.error.issues ? { issues: message.error.issues } : {}) : new Error('the worker job failed'));
      });
      worker.on('error', (error) => {
        reject(error);
        failPending(error);
      });
      worker.on('exit', () => {
        if (this.worker === worker) {
          this.worker = null;
          this.ready = null;
        }
        reject(new Error('the worker stopped before it was ready'));
        failPending(new AppError('internal', this.options.tooSlow));
      });
    });
    // Idle, it must not keep a command-line run alive.
    worker.unref();
    return this.ready;
  }

  private async runNow(job: string, input: unknown): Promise<unknown> {
    if (!this.worker) this.ready = this.start();
    const current = this.worker!;
    current.ref();
    let timer: NodeJS.Timeout | undefined;
    const limit = (ms: number) =>
      new Promise<never>((_, reject) => {
        clearTimeout(timer);
        timer = setTimeout(() => reject(new AppError('internal', this.options.tooSlow)), ms);
      });
    try {
      // Starting a worker (loading its modules) is not the job's time: it gets a limit of its own.
      await Promise.race([this.ready, limit(startupLimitMs)]);
      const timedOut = limit(this.options.timeLimitMs);
      const id = this.nextId++;
      const answer = new Promise<unknown>((resolve, reject) => {
        this.pending = { id, resolve, reject };
      });
      current.postMessage({ id, job, input } satisfies JobRequest);
      return await Promise.race([answer, timedOut]);
    } catch (error) {
      // Past the limit (or broken): the worker may be spinning, so it goes; the next call starts another.
      if (error instanceof AppError && error.message === this.options.tooSlow) {
        this.pending = null;
        if (this.worker === current) {
          this.worker = null;
          this.ready = null;
        }
        await current.terminate();
      }
      throw error;
    } finally {
      clearTimeout(timer);
      current.unref();
    }
  }
}
