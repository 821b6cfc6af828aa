import { useState } from 'react';
import { WelcomeLayout } from '../../components/WelcomeLayout';
import { AcceptRollbackForm } from './AcceptRollbackForm';
import { useAppState } from './app-state-context';
import { RecoveryForm } from './RecoveryForm';
import { SignInForm, type RolledBackRefusal } from './SignInForm';

type Mode = { kind: 'signIn' } | { kind: 'recovery' } | ({ kind: 'acceptRollback' } & RolledBackRefusal);

/** Signed out or locked: sign in with a password, recover with the recovery key, or accept an older store. */
export function SignInScreen() {
  const { state } = useAppState();
  const [mode, setMode] = useState<Mode>({ kind: 'signIn' });
  const back = () => setMode({ kind: 'signIn' });
  return (
    <WelcomeLayout practiceName={state.practiceName}>
      {mode.kind === 'recovery' ? (
        <RecoveryForm onBack={back} />
      ) : mode.kind === 'acceptRollback' ? (
        <AcceptRollbackForm refusal={mode.message} username={mode.username} onBack={back} />
      ) : (
        <SignInForm onUseRecoveryKey={() => setMode({ kind: 'recovery' })} onAcceptRollback={(refusal) => setMode({ kind: 'acceptRollback', ...refusal })} />
      )}
    </WelcomeLayout>
  );
}
