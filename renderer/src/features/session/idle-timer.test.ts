import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIdleTimer, type IdleTimerOptions } from './idle-timer';

const minute = 60_000;

function timer(overrides: Partial<IdleTimerOptions> = {}) {
  const onIdle = vi.fn();
  const onHeartbeat = vi.fn();
  const idle = createIdleTimer({
    idleMs: 5 * minute,
    heartbeatEveryMs: 30_000,
    now: () => Date.now(),
    schedule: (task, ms) => {
      const id = setTimeout(task, ms);
      return () => clearTimeout(id);
    },
    onIdle,
    onHeartbeat,
    ...overrides,
  });
  return { idle, onIdle, onHeartbeat };
}

describe('the idle timer', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-03-01T09:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it('locks once the idle time passes without input, and only once', () => {
    const { onIdle } = timer();
    vi.advanceTimersByTime(5 * minute - 1);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60 * minute);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('counts the idle time from the last input', () => {
    const { idle, onIdle } = timer();
    vi.advanceTimersByTime(4 * minute);
    idle.activity();
    vi.advanceTimersByTime(4 * minute);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1 * minute);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('locks when the clock jumps past the idle time (a sleeping computer wakes)', () => {
    const { onIdle } = timer();
    vi.setSystemTime(Date.now() + 30 * minute);
    vi.advanceTimersByTime(5 * minute);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('sends at most one heartbeat per window, with a trailing one for input inside it', () => {
    const { idle, onHeartbeat } = timer();
    for (let i = 0; i < 100; i++) {
      idle.activity();
      vi.advanceTimersByTime(100);
    }
    // 10 s of steady input right after start: nothing yet, one at the 30 s mark.
    expect(onHeartbeat).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20_000);
    expect(onHeartbeat).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5 * 60_000 - 1);
    expect(onHeartbeat).toHaveBeenCalledTimes(1);
  });

  it('sends a heartbeat at once for the first input after a quiet window', () => {
    const { idle, onHeartbeat } = timer();
    vi.advanceTimersByTime(2 * minute);
    idle.activity();
    expect(onHeartbeat).toHaveBeenCalledTimes(1);
  });

  it('does nothing after stop', () => {
    const { idle, onIdle, onHeartbeat } = timer();
    idle.activity();
    idle.stop();
    idle.activity();
    vi.advanceTimersByTime(60 * minute);
    expect(onIdle).not.toHaveBeenCalled();
    expect(onHeartbeat).not.toHaveBeenCalled();
  });
});

describe('the warning before the lock', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-03-01T09:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it('warns once before locking, then locks at the idle time', () => {
    const onWarn = vi.fn();
    const { onIdle } = timer({ warnBeforeMs: minute, onWarn });
    vi.advanceTimersByTime(4 * minute - 1);
    expect(onWarn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onWarn).toHaveBeenCalledTimes(1);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(minute);
    expect(onWarn).toHaveBeenCalledTimes(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('takes the warning back on input and warns again after the next quiet spell', () => {
    const onWarn = vi.fn();
    const onActiveAgain = vi.fn();
    const { idle, onIdle } = timer({ warnBeforeMs: minute, onWarn, onActiveAgain });
    vi.advanceTimersByTime(4.5 * minute);
    expect(onWarn).toHaveBeenCalledTimes(1);
    idle.activity();
    expect(onActiveAgain).toHaveBeenCalledTimes(1);
    idle.activity();
    expect(onActiveAgain).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(4 * minute - 1);
    expect(onWarn).toHaveBeenCalledTimes(1);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onWarn).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(minute);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('never warns later than it locks, even when the warning is longer than the idle time', () => {
    const onWarn = vi.fn();
    const { onIdle } = timer({ idleMs: minute, warnBeforeMs: 5 * minute, onWarn });
    vi.advanceTimersByTime(0);
    expect(onWarn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(minute);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });
});
