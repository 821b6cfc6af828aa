/**
 * Preloaded (node --import) into a child process of the crash-injection
 * test: counts the file system's durability points (every rename, hard
 * link and fsync made through `fs`, callback fsyncs included) once counting is switched on, and kills
 * the process with SIGKILL just before the one numbered CONSENT_DESK_CRASH_AT.
 * Without that variable it only counts, and writes the count to
 * CONSENT_DESK_CRASH_COUNT_FILE when the process exits.
 *
 * The backend calls these through `fs.renameSync(...)` and the like, so
 * replacing the properties of the `fs` module object reaches every call.
 * SQLite's own fsyncs (inside the native driver) are not counted: the
 * database's crash safety is SQLite's, tested by store/crash-safety.test.ts.
 */
import fs from 'node:fs';

const crashAt = Number(process.env.CONSENT_DESK_CRASH_AT ?? 0);
const countFile = process.env.CONSENT_DESK_CRASH_COUNT_FILE;
let count = 0;
const points: string[] = [];

export function startCounting(): void {
  (globalThis as { __crashCounting?: boolean }).__crashCounting = true;
}

function point(name: string): void {
  if (!(globalThis as { __crashCounting?: boolean }).__crashCounting) return;
  count += 1;
  points.push(name);
  if (count === crashAt) process.kill(process.pid, 'SIGKILL');
}

type Fn = (...args: never[]) => unknown;
// The callback forms too (fsync, fdatasync): they run in libuv's pool (a backup's file is synced there, off the backend's thread).
const wrap = (name: 'renameSync' | 'linkSync' | 'fsyncSync' | 'fdatasyncSync' | 'fsync' | 'fdatasync') => {
  const original = fs[name] as Fn;
  (fs as unknown as Record<string, Fn>)[name] = (...args: never[]) => {
    point(name);
    return original(...args);
  };
};
wrap('renameSync');
wrap('linkSync');
wrap('fsyncSync');
wrap('fdatasyncSync');
wrap('fsync');
wrap('fdatasync');

process.on('exit', () => {
  if (countFile) fs.writeFileSync(countFile, JSON.stringify({ count, points }));
});
