/**
 * When to lock and when to tell the backend someone is there, as a small
 * pure machine over an injected clock and scheduler, so it can be tested
 * without a browser and so Playwright's fake clock drives it in the app.
 *
 * - Locks once `idleMs` has passed since the last input. The check timer is
 *   not reset on every input (mouse moves come by the hundred); when it
 *   fires early it reschedules itself for the time that is left.
 * - Warns `warnBeforeMs` before it locks (once per quiet spell), and says
 *   when input comes back after a warning, so nobody is locked out
 *   without being asked "are you still there?" first.
 * - Heartbeats at most once per `heartbeatEveryMs`; input inside that window
 *   leads to one trailing heartbeat at its end, so the backend's own idle
 *   clock is never more than one window behind the screen's.
 */
export interface IdleTimerOptions {
  idleMs: number;
  heartbeatEveryMs: number;
  now: () => number;
  /** Run `task` after `ms`; returns a function that cancels it. */
  schedule: (task: () => void, ms: number) => () => void;
  onIdle: () => void;
  onHeartbeat: () => void;
  /** How long before the lock to warn (0 or absent: no warning). */
  warnBeforeMs?: number;
  onWarn?: () => void;
  /** Input came after a warning: the warning can go. */
  onActiveAgain?: () => void;
}

export interface IdleTimer {
  /** Someone used the keyboard, pointer, wheel or touch screen. */
  activity(): void;
  stop(): void;
}

export function createIdleTimer(options: IdleTimerOptions): IdleTimer {
  const { idleMs, heartbeatEveryMs, now, schedule, onIdle, onHeartbeat, onWarn, onActiveAgain } = options;
  const warnAtMs = Math.max(0, idleMs - Math.min(options.warnBeforeMs ?? 0, idleMs));
  const warns = warnAtMs < idleMs;
  let warned = false;
  const start = now();
  let lastInput = start;
  // Signing in (or the call that opened this screen) was itself activity.
  let lastHeartbeat = start;
  let stopped = false;
  let cancelCheck: (() => void) | null = null;
  let cancelTrailingHeartbeat: (() => void) | null = null;

  function scheduleCheck(ms: number): void {
    cancelCheck = schedule(check, ms);
  }

  function check(): void {
    cancelCheck = null;
    if (stopped) return;
    const idleFor = now() - lastInput;
    if (idleFor >= idleMs) {
      stop();
      onIdle();
      return;
    }
    if (warns && !warned && idleFor >= warnAtMs) {
      warned = true;
      onWarn?.();
    }
    scheduleCheck((warns && !warned ? warnAtMs : idleMs) - idleFor);
  }

  function sendHeartbeat(): void {
    lastHeartbeat = now();
    onHeartbeat();
  }

  function stop(): void {
    stopped = true;
    cancelCheck?.();
    cancelTrailingHeartbeat?.();
    cancelCheck = null;
    cancelTrailingHeartbeat = null;
  }

  scheduleCheck(warns ? warnAtMs : idleMs);

  return {
    activity() {
      if (stopped) return;
      const at = now();
      lastInput = at;
      if (warned) {
        warned = false;
        onActiveAgain?.();
      }
      if (cancelTrailingHeartbeat) return;
      const sinceHeartbeat = at - lastHeartbeat;
      if (sinceHeartbeat >= heartbeatEveryMs) {
        sendHeartbeat();
      } else {
        cancelTrailingHeartbeat = schedule(() => {
          cancelTrailingHeartbeat = null;
          if (!stopped) sendHeartbeat();
        }, heartbeatEveryMs - sinceHeartbeat);
      }
    },
    stop,
  };
}
