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
 */
export type AppPhase = 'setup' | 'signed_out' | 'locked' | 'active';

export interface AppState {
  phase: AppPhase;
  session: SessionInfo | null;
  /** Minutes without input before the app locks (known once the store is open). */
  idleMinutes: number | null;
  practiceName: string | null;
  /** The practice's time zone (known once the store is open): every day on screen is a day there. */
  timeZone: string | null;
  /** Who was signed in when the app locked, to prefill the sign-in form. */
  lockedUsername: string | null;
  /** Set while the screen is handed to a patient to sign this authorization. */
  patientMode: { authorizationId: string } | null;
}
