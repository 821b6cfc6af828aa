import { useState } from 'react';
import { WelcomeLayout } from '../../components/WelcomeLayout';
import { useAppState } from './app-state-context';
import { RecoveryForm } from './RecoveryForm';
import { SignInForm } from './SignInForm';

/** Signed out or locked: sign in with a password, or recover with the recovery key. */
export function SignInScreen() {
  const { state } = useAppState();
  const [useRecoveryKey, setUseRecoveryKey] = useState(false);
  return (
    <WelcomeLayout practiceName={state.practiceName}>
      {useRecoveryKey ? (
        <RecoveryForm onBack={() => setUseRecoveryKey(false)} />
      ) : (
        <SignInForm onUseRecoveryKey={() => setUseRecoveryKey(true)} />
      )}
    </WelcomeLayout>
  );
}
