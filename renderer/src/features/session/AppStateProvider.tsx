import { setPracticeTimeZone } from './practice-time-zone';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Api } from '../../../../shared/client';
import type { AppState } from '../../../../shared/session';
import { ApiContext } from '../../api/api-context';
import type { SessionLostSignal } from '../../api/session-lost-signal';
import { messageOf } from '../../components/error-message';
import { AppStateContext, type AppStateValue, type LockNotice } from './app-state-context';
import { StartupScreen } from './StartupScreen';

/** What remains on screen once nobody is signed in: no session, no data. */
function withoutSession(state: AppState, phase: 'locked' | 'signed_out'): AppState {
  return {
    ...state,
    phase,
    session: null,
    patientMode: null,
    // A lock in patient mode pauses it: the neutral screen speaks the patient's language at once.
    pausedPatientMode: phase === 'locked' && state.patientMode ? { language: state.patientMode.language } : phase === 'locked' ? (state.pausedPatientMode ?? null) : null,
    lockedUsername: phase === 'locked' ? (state.session?.username ?? state.lockedUsername) : null,
  };
}

/**
 * Owns where the app stands (AppState from the backend) and the typed
 * client. Locking and signing out change the state here first, so the
 * signed-in screens unmount (and their data with them) before the backend
 * has even answered.
 */
export function AppStateProvider({ api, sessionLost, children }: { api: Api; sessionLost: SessionLostSignal; children: ReactNode }) {
  const [state, setState] = useState<AppState | null>(null);
  const [startupError, setStartupError] = useState<string | null>(null);
  const [lockNotice, setLockNotice] = useState<LockNotice>(null);
  const [pendingRecoveryKey, setPendingRecoveryKey] = useState<string | null>(null);
  // Before anything below renders a day: the days it shows are the practice's.
  setPracticeTimeZone(state?.timeZone ?? null);

  useEffect(() => {
    let cancelled = false;
    api['app.state']({}).then(
      (first) => !cancelled && setState(first),
      (error: unknown) => !cancelled && setStartupError(messageOf(error)),
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  // Tests (and anything else watching) wait for this instead of sleeping.
  useEffect(() => {
    if (state || startupError) document.documentElement.dataset.appReady = 'true';
  }, [state, startupError]);

  useEffect(
    () =>
      sessionLost.subscribe((error) => {
        api['app.state']({}).then(
          (now) => {
            // `unauthorized` can also mean "wrong current password": only a
            // session the backend no longer holds sends us to sign-in.
            if (now.phase === 'active') return;
            setPendingRecoveryKey(null);
            setLockNotice(error.code === 'locked' ? 'backend' : 'signed_out');
            setState(now);
          },
          () => setState((prev) => prev && withoutSession(prev, 'signed_out')),
        );
      }),
    [api, sessionLost],
  );

  const applyState = useCallback<AppStateValue['applyState']>((next, options) => {
    if (options?.recoveryKey) setPendingRecoveryKey(options.recoveryKey);
    if (next.phase === 'active') setLockNotice(null);
    else if (options?.notice) setLockNotice(options.notice);
    setState(next);
  }, []);

  const refresh = useCallback(async () => {
    setState(await api['app.state']({}));
  }, [api]);

  const lock = useCallback<AppStateValue['lock']>(
    (reason) => {
      setPendingRecoveryKey(null);
      setLockNotice(reason);
      setState((prev) => prev && withoutSession(prev, 'locked'));
      api['session.lock']({ reason }).then(
        (locked) => setState(locked),
        () => undefined, // Already hidden here; the backend also locks by its own clock.
      );
    },
    [api],
  );

  const signOut = useCallback(async () => {
    setPendingRecoveryKey(null);
    setLockNotice('signed_out');
    setState((prev) => prev && withoutSession(prev, 'signed_out'));
    window.location.hash = '#/';
    try {
      setState(await api['session.signOut']({}));
    } catch {
      // The screen is already signed out; app.state will tell the truth next time.
    }
  }, [api]);

  const confirmRecoveryKeyStored = useCallback(() => setPendingRecoveryKey(null), []);

  const value = useMemo<AppStateValue | null>(
    () =>
      state && {
        state,
        lockNotice,
        pendingRecoveryKey,
        applyState,
        refresh,
        lock,
        signOut,
        confirmRecoveryKeyStored,
      },
    [state, lockNotice, pendingRecoveryKey, applyState, refresh, lock, signOut, confirmRecoveryKeyStored],
  );

  if (!value) return <StartupScreen error={startupError} />;
  return (
    <ApiContext.Provider value={api}>
      <AppStateContext.Provider value={value}>{children}</AppStateContext.Provider>
    </ApiContext.Provider>
  );
}
