import type { Permission, Role } from './roles';

export interface SessionInfo {
  staffId: string;
  username: string;
  displayName: string;
  role: Role;
  permissions: Permission[];
}

/**
 * Where the app stands, and so which screen the renderer shows:
 * - `setup`: no store yet; first-run setup creates it.
 * - `signed_out`: a store exists; nobody is signed in.
 * - `locked`: somebody was signed in and the app locked (idle or on request);
 *   no data is served until someone signs in.
 * - `active`: a staff member is signed in.
 * - `unusable`: the folder holds a store's remains but no key file (an
 *   interrupted operation, a deleted file): neither sign-in nor setup is
 *   possible; `problem` says what is there and what to do.
 */
export type AppPhase = 'setup' | 'signed_out' | 'locked' | 'active' | 'unusable';

/** Something an administrator must see at once, shown on every screen until it is dealt with. */
export interface StoreAlert {
  kind: 'backup_failed' | 'check_failed' | 'keyring' | 'tampering' | 'recovered' | 'rollback_accepted';
  message: string;
  at: string;
}

export interface AppState {
  phase: AppPhase;
  session: SessionInfo | null;
  /** Minutes without input before the app locks (known once the store is open). */
  idleMinutes: number | null;
  practiceName: string | null;
  /** Who was signed in when the app locked, to prefill the sign-in form. */
  lockedUsername: string | null;
  /** Set while the screen is handed to a patient to sign this authorization. */
  patientMode: { authorizationId: string } | null;
  /** For the `unusable` phase (and setup refused): what is wrong with the folder and what to do. */
  problem?: string | null;
  /** Alerts for administrators (empty for everyone else). */
  alerts?: StoreAlert[];
}
