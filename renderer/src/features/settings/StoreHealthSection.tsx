import { useTranslation } from 'react-i18next';
import { useId, useState, type FormEvent } from 'react';
import type { StoreCheck } from '../../../../shared/store-status';
import { useApi } from '../../api/api-context';
import { CheckboxField } from '../../components/CheckboxField';
import { FormAlert } from '../../components/FormAlert';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { useConfirmedAction } from '../../components/use-confirmed-action';

/**
 * The administrator's checks on the store itself: the full check (every
 * page, the audit chain, every stored PDF, the key file, rollback), and a
 * new recovery key, shown once, after which the old one opens nothing.
 */
export function StoreHealthSection() {
  const { t } = useTranslation(['settings', 'common']);
  const api = useApi();
  const check = useConfirmedAction();
  const recovery = useConfirmedAction();
  const [result, setResult] = useState<StoreCheck | null>(null);
  const [password, setPassword] = useState('');
  const [newKey, setNewKey] = useState<{ key: string; note: string } | null>(null);
  const passwordId = useId();

  const onCheck = (event: FormEvent) => {
    event.preventDefault();
    void check.run(async () => setResult(await api['store.check']({})));
  };
  const onNewKey = (event: FormEvent) => {
    event.preventDefault();
    void recovery.run(async () => {
      const issued = await api['store.newRecoveryKey']({ password });
      setPassword('');
      const { resealed, stillOpen, elsewhere } = issued.backups;
      setNewKey({
        key: issued.recoveryKey,
        note: `${resealed.length} backup(s) in the backup folder were re-sealed to it.${stillOpen.length ? ` Still open with the old key: ${stillOpen.map((b) => `${b.file} (${b.why})`).join('; ')}.` : ''} ${elsewhere}`,
      });
    });
  };

  return (
    <section aria-labelledby="store-health-heading">
      <h2 id="store-health-heading">{t('storeHealthSection.theStore')}</h2>
      <form aria-busy={check.busy} onSubmit={onCheck}>
        <p>
          {t('storeHealthSection.theFullCheckReadsEvery')}
        </p>
        <FormAlert problem={check.problem} />
        {result ? (
          result.ok ? (
            <StatusMessage tone="success">
              {t('storeHealthSection.noProblemsEveryPageRead')} {result.checked.auditEvents} {t('storeHealthSection.auditEvents')} {result.checked.storedFiles} {t('storeHealthSection.storedFilesChecked')}
            </StatusMessage>
          ) : (
            <div role="alert" className="form-alert">
              <p>{t('storeHealthSection.theCheckFound')} {result.problems.length} {t('storeHealthSection.problemS')}</p>
              <ul>
                {result.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            </div>
          )
        ) : null}
        <SubmitButton busy={check.busy}>{t('storeHealthSection.checkTheStoreNow')}</SubmitButton>
      </form>

      <form aria-busy={recovery.busy} onSubmit={onNewKey}>
        <h3>{t('storeHealthSection.recoveryKey')}</h3>
        <p>
          {t('storeHealthSection.issueANewRecoveryKey')}
        </p>
        <div className="field">
          <label htmlFor={passwordId} className="field-label">
            {t('storeHealthSection.yourPassword')}
          </label>
          <input id={passwordId} className="field-input" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </div>
        <FormAlert problem={recovery.problem} />
        {newKey ? (
          <>
            <StatusMessage tone="success">
              {t('storeHealthSection.newRecoveryKeyShownOnce')} <code>{newKey.key}</code>. {newKey.note}
            </StatusMessage>
            <ConfirmNewKey onConfirmed={() => setNewKey(null)} />
          </>
        ) : null}
        <SubmitButton busy={recovery.busy} variant="danger">
          {t('storeHealthSection.issueANewRecoveryKey2')}
        </SubmitButton>
      </form>
    </section>
  );
}

/** The store remembers that a new key is not confirmed as stored until this is done (the app returns to it otherwise). */
function ConfirmNewKey({ onConfirmed }: { onConfirmed: () => void }) {
  const { t } = useTranslation(['settings', 'common']);
  const api = useApi();
  const confirm = useConfirmedAction();
  const [stored, setStored] = useState(false);
  return (
    <div className="recovery-confirm">
      <FormAlert problem={confirm.problem} />
      <CheckboxField label={t('storeHealthSection.storedNewRecoveryKey')} checked={stored} onChange={(event) => setStored(event.target.checked)} />
      <button
        type="button"
        className="button button-primary"
        disabled={!stored || confirm.busy}
        onClick={() =>
          void confirm.run(async () => {
            await api['store.confirmRecoveryKey']({});
            onConfirmed();
          })
        }
      >
        {t('storeHealthSection.confirm')}
      </button>
    </div>
  );
}
