import type { AppState } from '../../../../shared/session';
import type { LockNotice } from './app-state-context';
import { minutesPhrase } from './minutes-phrase';

/** What the desktop shell did while this page was not there to see it (the page was reloaded after it). */
function shellNoticeText(state: AppState): string | null {
  switch (state.notice) {
    case 'locked_by_system':
      return 'Consent Desk locked because the computer was locked or went to sleep. Sign in to continue.';
    case 'window_recovered':
      return 'The Consent Desk window stopped working and was reopened. It locked to keep patient information private; everything saved is kept. Sign in to continue.';
    case 'backend_restarted':
      return 'Part of Consent Desk stopped unexpectedly and was restarted, so you were signed out. Everything saved before it stopped is kept. Sign in to continue.';
    default:
      return null;
  }
}

/** The sentence above the sign-in form: why it is showing, if there is something to say. */
export function lockNoticeText(state: AppState, notice: LockNotice): string | null {
  if (notice === null) {
    const fromShell = shellNoticeText(state);
    if (fromShell) return fromShell;
  }
  if (state.phase === 'locked') {
    switch (notice) {
      case 'idle': {
        // A pause in patient mode came after the longer patient-mode time.
        const minutes = (state.pausedPatientMode ? state.patientModeIdleMinutes : state.idleMinutes) ?? 5;
        return `Consent Desk locked after ${minutesPhrase(minutes)} without input, to keep patient information private. Sign in to continue.`;
      }
      case 'backend':
        return 'Consent Desk locked itself because it was not used for a while. Sign in to continue.';
      default:
        return 'Consent Desk is locked. Sign in to continue.';
    }
  }
  if (notice === 'signed_out') return 'You are signed out.';
  if (notice === 'restored') return 'Consent Desk was restored from the backup, and everyone was signed out. Sign in with your password as it was when the backup was made.';
  return null;
}
