import { useTranslation } from 'react-i18next';
import { Fragment, useState } from 'react';
import { useApi } from '../../api/api-context';
import { CheckboxField } from '../../components/CheckboxField';
import { FormAlert } from '../../components/FormAlert';
import { useConfirmedAction } from '../../components/use-confirmed-action';
import { PageHeading } from '../../components/PageHeading';
import { WelcomeLayout } from '../../components/WelcomeLayout';
import { useAppState } from '../session/app-state-context';
import '../../components/buttons.css';
import './recovery-key-screen.css';

/** The key's dash-separated groups, allowed to wrap only between groups. */
function KeyGroups({ recoveryKey }: { recoveryKey: string }) {
  return recoveryKey.split('-').map((group, index) => (
    <Fragment key={index}>
      {index > 0 ? (
        <>
          -<wbr />
        </>
      ) : null}
      {group}
    </Fragment>
  ));
}

/**
 * Shown once, right after setup (or when a new key is issued): the recovery
 * key. It lives only in memory; the store remembers that it is not yet
 * confirmed, so a reload or a crash comes back to this step (without the key).
 */
export function RecoveryKeyScreen({ recoveryKey }: { recoveryKey: string }) {
  const { t } = useTranslation(['setup', 'common']);
  const api = useApi();
  const { state, applyState, confirmRecoveryKeyStored } = useAppState();
  const [stored, setStored] = useState(false);
  const confirm = useConfirmedAction();
  // The store remembers that this step is not done, until the administrator confirms here.
  const onContinue = () =>
    void confirm.run(async () => {
      const next = await api['store.confirmRecoveryKey']({});
      confirmRecoveryKeyStored();
      applyState(next);
    });

  return (
    <WelcomeLayout practiceName={state.practiceName}>
      <PageHeading>{t('recoveryKeyScreen.storeYourRecoveryKey')}</PageHeading>
      <div className="recovery-warning">
        <p>
          <strong>{t('recoveryKeyScreen.thisKeyIsShownOnly')}</strong>
        </p>
        <p>
          {t('recoveryKeyScreen.consentDeskEncryptsEverythingIt')}
        </p>
      </div>
      <section className="recovery-key-sheet" aria-labelledby="recovery-key-label">
        <p className="recovery-key-print-title">{t('recoveryKeyScreen.consentDeskRecoveryKey')}{state.practiceName ? t('recoveryKeyScreen.forPractice', { practice: state.practiceName }) : ''}</p>
        <h2 id="recovery-key-label" className="recovery-key-label">
          {t('recoveryKeyScreen.recoveryKey')}
        </h2>
        <p className="recovery-key monospace">
          <KeyGroups recoveryKey={recoveryKey} />
        </p>
        <p className="recovery-key-print-advice">{t('recoveryKeyScreen.keepThisSheetSomewhereSafe')}</p>
      </section>
      <ul className="recovery-advice">
        <li>{t('recoveryKeyScreen.printItAndKeepThe')}</li>
        <li>{t('recoveryKeyScreen.writeItDownExactlyOr')}</li>
        <li>{t('recoveryKeyScreen.anyoneWithThisKeyCan')}</li>
      </ul>
      <div className="form-actions recovery-print">
        <button type="button" className="button button-secondary" onClick={() => window.print()}>
          {t('recoveryKeyScreen.print')}
        </button>
      </div>
      <FormAlert problem={confirm.problem} />
      <CheckboxField label={t('recoveryKeyScreen.iHaveStoredTheRecovery')} checked={stored} onChange={(event) => setStored(event.target.checked)} />
      <div className="form-actions">
        <button type="button" className="button button-primary" disabled={!stored || confirm.busy} onClick={onContinue}>
          {t('recoveryKeyScreen.continue')}
        </button>
      </div>
    </WelcomeLayout>
  );
}
