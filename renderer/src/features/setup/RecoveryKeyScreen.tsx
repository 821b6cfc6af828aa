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
      <PageHeading>Store your recovery key</PageHeading>
      <div className="recovery-warning">
        <p>
          <strong>This key is shown only this once.</strong>
        </p>
        <p>
          Consent Desk encrypts everything it stores. Without a staff password or this recovery key, the data cannot be
          read by anyone: not you, not a technician, not the makers of Consent Desk. If every administrator forgets
          their password, this key is the only way back in.
        </p>
      </div>
      <section className="recovery-key-sheet" aria-labelledby="recovery-key-label">
        <p className="recovery-key-print-title">Consent Desk recovery key{state.practiceName ? ` for ${state.practiceName}` : ''}</p>
        <h2 id="recovery-key-label" className="recovery-key-label">
          Recovery key
        </h2>
        <p className="recovery-key monospace">
          <KeyGroups recoveryKey={recoveryKey} />
        </p>
        <p className="recovery-key-print-advice">Keep this sheet somewhere safe, away from the computer, such as a locked cabinet or safe.</p>
      </section>
      <ul className="recovery-advice">
        <li>Print it and keep the sheet in a locked place away from the computer, or</li>
        <li>write it down exactly, or save it in the practice’s password manager.</li>
        <li>Anyone with this key can read all patient data: do not email it or leave it on the desk.</li>
      </ul>
      <div className="form-actions recovery-print">
        <button type="button" className="button button-secondary" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <FormAlert problem={confirm.problem} />
      <CheckboxField label="I have stored the recovery key" checked={stored} onChange={(event) => setStored(event.target.checked)} />
      <div className="form-actions">
        <button type="button" className="button button-primary" disabled={!stored || confirm.busy} onClick={onContinue}>
          Continue
        </button>
      </div>
    </WelcomeLayout>
  );
}
