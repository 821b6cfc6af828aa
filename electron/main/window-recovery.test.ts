import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { watchWindow, type WatchedContents } from './window-recovery';

function setUp() {
  const contents = Object.assign(new EventEmitter(), {
    reloads: 0,
    crashes: 0,
    destroyed: false,
    reload() {
      this.reloads += 1;
    },
    forcefullyCrashRenderer() {
      this.crashes += 1;
    },
    isDestroyed() {
      return this.destroyed;
    },
  });
  const tasks: { task: () => void; ms: number; cancelled: boolean }[] = [];
  const log: string[] = [];
  const locks: string[] = [];
  const gaveUp: string[] = [];
  watchWindow(contents as unknown as WatchedContents, {
    lock: async () => {
      locks.push('locked');
    },
    giveUp: (message) => gaveUp.push(message),
    log: (line) => log.push(line),
    hangGraceMs: 15_000,
    schedule: (task, ms) => {
      const entry = { task, ms, cancelled: false };
      tasks.push(entry);
      return () => (entry.cancelled = true);
    },
  });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { contents, tasks, log, locks, gaveUp, settle };
}

describe('the main window’s recovery', () => {
  it('locks, then reloads at the sign-in screen when its page crashes', async () => {
    const w = setUp();
    w.contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    await w.settle();
    expect(w.locks).toEqual(['locked']);
    expect(w.contents.reloads).toBe(1);
    expect(w.log.join('\n')).toContain('crashed');
    // A page closed on purpose is not a crash.
    w.contents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    await w.settle();
    expect(w.contents.reloads).toBe(1);
  });

  it('ends a page that stays unresponsive, and leaves one that recovers alone', () => {
    const w = setUp();
    w.contents.emit('unresponsive');
    w.contents.emit('unresponsive');
    expect(w.tasks).toHaveLength(1);
    expect(w.tasks[0]!.ms).toBe(15_000);
    w.contents.emit('responsive');
    expect(w.tasks[0]!.cancelled).toBe(true);

    w.contents.emit('unresponsive');
    w.tasks[1]!.task();
    expect(w.contents.crashes).toBe(1);
  });

  it('retries a failed load twice, then gives up with a message', () => {
    const w = setUp();
    w.contents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', 'app://consent-desk/index.html', true);
    w.contents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'app://consent-desk/x.png', false);
    expect(w.tasks).toHaveLength(0);
    for (let i = 0; i < 2; i++) w.contents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'app://consent-desk/index.html', true);
    for (const t of w.tasks) t.task();
    expect(w.contents.reloads).toBe(2);
    expect(w.gaveUp).toEqual([]);
    w.contents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'app://consent-desk/index.html', true);
    expect(w.gaveUp).toEqual([expect.stringMatching(/could not open its window \(ERR_FILE_NOT_FOUND\)/)]);
  });
});
