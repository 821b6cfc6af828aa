import type { AppState } from '../../../../shared/session';
import type { LockNotice } from './app-state-context';

/** The sentence above the sign-in form: why it is showing, if there is something to say. */
export function lockNoticeText(state: AppState, notice: LockNotice): string | null {
  if (state.phase === 'locked') {
    switch (notice) {
      case 'idle': {
        const minutes = state.idleMinutes ?? 5;
        return `Consent Desk locked after ${minutes} minute${minutes === 1 ? '' : 's'} without input, to keep patient information private. Sign in to continue.`;
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
