import type { Db } from './database';

/**
 * Every page of the data file read once, in short slices, after the store
 * opens. It used to be SQLite's quick check at sign-in: one call that reads
 * the whole file (1.2 s at 10,000 signed authorizations, 12 s at 100,000)
 * before anyone could work. Read here instead, on a connection of its own
 * (one snapshot, so writes on the app's connection go on), through SQLite's
 * dbstat table, which walks every b-tree of the file, overflow pages
 * included. With AEGIS each page's tag is verified as it is read, so a
 * damaged or altered page is found and named within seconds of signing in,
 * and the backend never waits more than one slice. `consent-desk check`
 * still runs SQLite's full integrity check.
 */
export interface PageCheckResult {
  /** Pages read before the check ended. */
  pages: number;
  /** Why the file is damaged, in words for an administrator, or null. */
  problem: string | null;
  /** The check stopped early: the store closed, or its key changed. */
  cancelled: boolean;
  /** The longest the check held the thread in one slice (the benchmark prints it). */
  longestSliceMs: number;
  slices: number;
}

export interface PageCheckOptions {
  /** How long one slice may run before the check yields (the target: no job holds the backend > 50 ms). */
  sliceMs?: number;
  /** How the next slice is scheduled: after the events waiting, so calls go first. */
  schedule?: (next: () => void) => void;
}

export interface PageCheck {
  /** Settles when every page was read, a damaged one found, or the check cancelled. */
  readonly done: Promise<PageCheckResult>;
  /** Stop now and close the connection (the store closing, a key rotation). */
  cancel(): void;
}

/** Rows read between looks at the clock: 32, since each may be a read from disk (256 held the loop 314 ms under load at 10k). */
const rowsBetweenClockReads = 32;

/**
 * Read every page of `reader`'s database in slices. `reader` is the
 * check's own connection; it is closed when the check ends.
 */
export function startPageCheck(reader: Db, options: PageCheckOptions = {}): PageCheck {
  const sliceMs = options.sliceMs ?? 8;
  const schedule = options.schedule ?? ((next) => setImmediate(next));
  let cancelled = false;
  let pages = 0;
  let slices = 0;
  let longestSliceMs = 0;
  let resolveDone!: (result: PageCheckResult) => void;
  const done = new Promise<PageCheckResult>((resolve) => (resolveDone = resolve));
  let rows: IterableIterator<unknown> | null = null;
  let finished = false;

  const finish = (problem: string | null) => {
    if (finished) return;
    finished = true;
    try {
      rows?.return?.();
    } catch {
      // The connection is already closed or broken; nothing to release.
    }
    if (reader.open) reader.close();
    resolveDone({ pages, problem, cancelled: cancelled && problem === null, longestSliceMs, slices });
  };

  const slice = () => {
    if (finished) return;
    const started = performance.now();
    slices += 1;
    try {
      rows ??= reader.prepare('SELECT pageno FROM dbstat').raw(true).iterate();
      for (;;) {
        for (let i = 0; i < rowsBetweenClockReads; i += 1) {
          if (rows.next().done) {
            longestSliceMs = Math.max(longestSliceMs, performance.now() - started);
            return finish(null);
          }
          pages += 1;
        }
        if (performance.now() - started >= sliceMs) break;
      }
    } catch (error) {
      longestSliceMs = Math.max(longestSliceMs, performance.now() - started);
      if (!reader.open) return finish(null);
      return finish(pageProblem(error, pages));
    }
    longestSliceMs = Math.max(longestSliceMs, performance.now() - started);
    schedule(slice);
  };
  schedule(slice);

  return {
    done,
    cancel() {
      // Between slices (this thread is not inside one): the read ends and the connection closes now,
      // so a key rotation or the store's close right after finds no other reader.
      cancelled = true;
      finish(null);
    },
  };
}

function pageProblem(error: unknown, pagesRead: number): string {
  const code = (error as { code?: unknown }).code;
  const what = code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || /malformed|not a database/i.test(String(error)) ? 'is damaged or was altered' : `cannot be read (${String(code ?? 'error')})`;
  return `part of the data file ${what}: the check stopped after ${pagesRead.toLocaleString('en-US')} good pages`;
}
