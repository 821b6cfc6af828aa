import { createContext, useContext } from 'react';
import type { AppState, SessionInfo } from '../../../../shared/session';

/** Why the sign-in screen is showing, for the sentence above the form. */
export type LockNotice = 'idle' | 'manual' | 'backend' | 'signed_out' | 'restored' | null;

export interface AppStateValue {
  state: AppState;
  lockNotice: LockNotice;
  /** Shown once right after setup, until the administrator confirms they stored it. */
  pendingRecoveryKey: string | null;
  /** Take a state the backend returned (after sign-in, setup, recovery, settings, a restore). */
  applyState(state: AppState, options?: { recoveryKey?: string; notice?: LockNotice }): void;
  /** Ask the backend again where the app stands. */
  refresh(): Promise<void>;
  /** Hide everything now, then tell the backend to lock. */
  lock(reason: 'idle' | 'manual'): void;
  signOut(): Promise<void>;
  confirmRecoveryKeyStored(): void;
}

export const AppStateContext = createContext<AppStateValue | null>(null);

export function useAppState(): AppStateValue {
  const value = useContext(AppStateContext);
  if (!value) throw new Error('useAppState needs an <AppStateProvider> above it.');
  return value;
}

/** The signed-in person; only for components rendered inside the signed-in tree. */
export function useSession(): SessionInfo {
  const { state } = useAppState();
  if (!state.session) throw new Error('useSession is only for the signed-in screens.');
  return state.session;
}
