import { useId, useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context';
import { CheckboxField } from '../../components/CheckboxField';
import { FormAlert } from '../../components/FormAlert';
import { PageHeading } from '../../components/PageHeading';
import { SubmitButton } from '../../components/SubmitButton';
import { useConfirmedAction } from '../../components/use-confirmed-action';
import { WelcomeLayout } from '../../components/WelcomeLayout';
import { useAppState } from '../session/app-state-context';
import '../../components/buttons.css';
import './recovery-key-screen.css';

/**
 * The recovery key last issued was never confirmed as stored (the window
 * was reloaded or closed, or the app stopped, while it was on screen). The
 * key itself is gone from memory and cannot be shown again: confirm it was
 * stored after all, or issue a new one (the earlier one then opens nothing).
 */
export function RecoveryKeyNotConfirmedScreen() {
  const api = useApi();
  const { state, applyState } = useAppState();
  const confirm = useConfirmedAction();
  const issue = useConfirmedAction();
  const [stored, setStored] = useState(false);
  const [password, setPassword] = useState('');
  const passwordId = useId();

  const onIssue = (event: FormEvent) => {
    event.preventDefault();
    void issue.run(async () => {
      const issued = await api['store.newRecoveryKey']({ password });
      setPassword('');
      applyState(await api['app.state']({}), { recoveryKey: issued.recoveryKey });
    });
  };

  return (
    <WelcomeLayout practiceName={state.practiceName}>
      <PageHeading>The recovery key is not confirmed yet</PageHeading>
      <div className="recovery-warning">
        <p>
          A recovery key was shown, but nobody confirmed that it was stored. Without a stored recovery key, the data cannot be
          recovered if every administrator forgets their password.
        </p>
      </div>
      <form
        aria-busy={confirm.busy}
        onSubmit={(event) => {
          event.preventDefault();
          void confirm.run(async () => applyState(await api['store.confirmRecoveryKey']({})));
        }}
      >
        <h2>I stored the key that was shown</h2>
        <FormAlert problem={confirm.problem} />
        <CheckboxField label="I have stored the recovery key that was shown" checked={stored} onChange={(event) => setStored(event.target.checked)} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={!stored}>
            Confirm
          </button>
        </div>
      </form>
      <form aria-busy={issue.busy} onSubmit={onIssue}>
        <h2>Show a new recovery key</h2>
        <p>If it was not stored, issue a new key now. The key shown before then opens nothing any more.</p>
        <FormAlert problem={issue.problem} />
        <div className="field">
          <label htmlFor={passwordId} className="field-label">
            Your password
          </label>
          <input id={passwordId} className="field-input" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </div>
        <SubmitButton busy={issue.busy}>Issue a new recovery key</SubmitButton>
      </form>
    </WelcomeLayout>
  );
}
