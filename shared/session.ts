import type { Language } from './authorization/scope';
import type { Permission, Role } from './roles';
import type { StaffPreferences } from './staff-preferences';

export interface SessionInfo {
  staffId: string;
  username: string;
  displayName: string;
  role: Role;
  permissions: Permission[];
  /** Language and theme this staff member chose (the renderer applies them on sign-in). */
  preferences: StaffPreferences;
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

/** Why the desktop shell locked the app, as `session.lock` records it. */
export const lockReasons = ['idle', 'manual', 'system', 'window'] as const;
export type LockReason = (typeof lockReasons)[number];

/**
 * Something the sign-in screen should say that the renderer cannot know by
 * itself, because it was reloaded after it happened:
 * - `backend_restarted`: the backend process stopped unexpectedly and was started again;
 * - `locked_by_system`: the computer was locked or went to sleep;
 * - `window_recovered`: the window crashed or stopped responding and was reopened.
 */
export type AppNotice = 'backend_restarted' | 'locked_by_system' | 'window_recovered';

export interface AppState {
  phase: AppPhase;
  session: SessionInfo | null;
  /** Minutes without input before the app locks (known once the store is open). */
  idleMinutes: number | null;
  /** Minutes without input before patient mode pauses (known once the store is open). */
  patientModeIdleMinutes: number | null;
  practiceName: string | null;
  /** The practice's time zone (known once the store is open): every day on screen is a day there. */
  timeZone: string | null;
  /** Who was signed in when the app locked, to prefill the sign-in form. */
  lockedUsername: string | null;
  /** Set while the screen is handed to a patient to sign this authorization. */
  patientMode: { authorizationId: string; language: Language } | null;
  /**
   * Set while the app is locked in the middle of patient mode: the neutral
   * screen speaks the patient's language, and the staff member who signs in
   * again returns to patient mode where it was.
   */
  pausedPatientMode?: { language: Language } | null;
  /** Shown above the sign-in form until someone signs in. */
  notice?: AppNotice | null;
  /** For the `unusable` phase (and setup refused): what is wrong with the folder and what to do. */
  problem?: string | null;
  /**
   * For administrators: the recovery key last issued (at setup, or a new
   * one) was never confirmed as stored. The app returns to that step, after a
   * reload or a crash too, until someone confirms a key they stored.
   */
  recoveryKeyUnconfirmed?: boolean;
  /** Alerts for administrators (empty for everyone else). */
  alerts?: StoreAlert[];
}
