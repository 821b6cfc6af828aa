import { useTranslation } from 'react-i18next';
import { i18n } from './i18n/i18n';
import { useSessionPreferences } from './features/account/use-preferences';
import { PatientModePausedScreen } from './features/patient-mode/PatientModePausedScreen';
import { PatientModeScreen } from './features/patient-mode/PatientModeScreen';
import { SetupScreen } from './features/setup/SetupScreen';
import { RecoveryKeyNotConfirmedScreen } from './features/setup/RecoveryKeyNotConfirmedScreen';
import { RecoveryKeyScreen } from './features/setup/RecoveryKeyScreen';
import { useAppState } from './features/session/app-state-context';
import { IdleLock } from './features/session/IdleLock';
import { SignInScreen } from './features/session/SignInScreen';
import { UnusableStoreScreen } from './features/session/UnusableStoreScreen';
import { AppShell } from './shell/AppShell';
import { PolicyGate } from './features/program-policy/PolicyGate';

/**
 * One screen per phase. Anything that shows data lives under the `active`
 * branch, so locking or signing out unmounts it and drops what it held.
 */
export function App() {
  const { state, pendingRecoveryKey } = useAppState();
  // Subscribing here re-renders every screen when the language changes.
  useTranslation();
  useSessionPreferences(state.session?.preferences);
  switch (state.phase) {
    case 'setup':
      return <SetupScreen />;
    case 'unusable':
      return <UnusableStoreScreen problem={state.problem ?? i18n.t('session:unusable.default')} />;
    case 'signed_out':
      return <SignInScreen />;
    case 'locked':
      // Locked in the middle of patient mode: nothing of the authorization, words the patient reads, sign-in for staff.
      return state.pausedPatientMode ? <PatientModePausedScreen language={state.pausedPatientMode.language} /> : <SignInScreen />;
    case 'active':
      // The screen is handed to a patient: only the authorization, no shell, no navigation.
      if (state.patientMode) {
        return (
          <>
            <IdleLock patientLanguage={state.patientMode.language} />
            <PatientModeScreen key={state.patientMode.authorizationId} authorizationId={state.patientMode.authorizationId} />
          </>
        );
      }
      return (
        <>
          <IdleLock />
          {pendingRecoveryKey ? (
            <RecoveryKeyScreen recoveryKey={pendingRecoveryKey} />
          ) : state.recoveryKeyUnconfirmed ? (
            <RecoveryKeyNotConfirmedScreen />
          ) : (
            // At sign-in, the social-media policy to acknowledge comes first (when one is due).
            <PolicyGate>
              <AppShell />
            </PolicyGate>
          )}
        </>
      );
  }
}
