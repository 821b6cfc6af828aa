import type { AppState } from '../../../../shared/session';
import { i18n } from '../../i18n/i18n';
import type { LockNotice } from './app-state-context';

/** What the desktop shell did while this page was not there to see it (the page was reloaded after it). */
function shellNoticeText(state: AppState): string | null {
  switch (state.notice) {
    case 'locked_by_system':
      return i18n.t('session:notice.lockedBySystem');
    case 'window_recovered':
      return i18n.t('session:notice.windowRecovered');
    case 'backend_restarted':
      return i18n.t('session:notice.backendRestarted');
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
        return i18n.t('session:notice.idle', { count: (state.pausedPatientMode ? state.patientModeIdleMinutes : state.idleMinutes) ?? 5 });
      }
      case 'backend':
        return i18n.t('session:notice.backend');
      default:
        return i18n.t('session:notice.locked');
    }
  }
  if (notice === 'signed_out') return i18n.t('session:notice.signedOut');
  if (notice === 'restored') return i18n.t('session:notice.restored');
  return null;
}
