import { useEffect } from 'react';
import { useApi } from '../../api/api-context';
import { useAppState } from './app-state-context';
import { createIdleTimer } from './idle-timer';

const inputEvents = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;
const heartbeatEveryMs = 30_000;
const fallbackIdleMinutes = 5;

/**
 * Locks the app after the practice's idle time without input, and keeps the
 * backend's idle clock in step with heartbeats while someone works. Rendered
 * only while a staff member is signed in.
 */
export function IdleLock() {
  const api = useApi();
  const { state, lock } = useAppState();
  const idleMinutes = state.idleMinutes ?? fallbackIdleMinutes;

  useEffect(() => {
    const timer = createIdleTimer({
      idleMs: idleMinutes * 60_000,
      heartbeatEveryMs,
      now: () => Date.now(),
      schedule: (task, ms) => {
        const id = window.setTimeout(task, ms);
        return () => window.clearTimeout(id);
      },
      onIdle: () => lock('idle'),
      onHeartbeat: () => {
        // A refused heartbeat (locked, signed out) is handled by the session guard.
        api['session.heartbeat']({}).catch(() => undefined);
      },
    });
    const onInput = () => timer.activity();
    for (const type of inputEvents) window.addEventListener(type, onInput, { capture: true, passive: true });
    return () => {
      timer.stop();
      for (const type of inputEvents) window.removeEventListener(type, onInput, { capture: true });
    };
  }, [api, lock, idleMinutes]);

  return null;
}
