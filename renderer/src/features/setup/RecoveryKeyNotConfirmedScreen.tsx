import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('setup');
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
      <PageHeading>{t('recoveryKeyNotConfirmed.heading')}</PageHeading>
      <div className="recovery-warning">
        <p>{t('recoveryKeyNotConfirmed.explained')}</p>
      </div>
      <form
        aria-busy={confirm.busy}
        onSubmit={(event) => {
          event.preventDefault();
          void confirm.run(async () => applyState(await api['store.confirmRecoveryKey']({})));
        }}
      >
        <h2>{t('recoveryKeyNotConfirmed.iStoredTheKey')}</h2>
        <FormAlert problem={confirm.problem} />
        <CheckboxField label={t('recoveryKeyNotConfirmed.iHaveStoredTheKey')} checked={stored} onChange={(event) => setStored(event.target.checked)} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={!stored}>
            {t('recoveryKeyNotConfirmed.confirm')}
          </button>
        </div>
      </form>
      <form aria-busy={issue.busy} onSubmit={onIssue}>
        <h2>{t('recoveryKeyNotConfirmed.showANewKey')}</h2>
        <p>{t('recoveryKeyNotConfirmed.ifNotStored')}</p>
        <FormAlert problem={issue.problem} />
        <div className="field">
          <label htmlFor={passwordId} className="field-label">
            {t('recoveryKeyNotConfirmed.yourPassword')}
          </label>
          <input id={passwordId} className="field-input" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </div>
        <SubmitButton busy={issue.busy}>{t('recoveryKeyNotConfirmed.issueANewKey')}</SubmitButton>
      </form>
    </WelcomeLayout>
  );
}
