import { useTranslation } from 'react-i18next';
import { formResolver } from '../../components/form-resolver';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { BackupInfo } from '../../../../shared/compliance/backups';
import { useApi } from '../../api/api-context';
import { reportCallError, type FormProblem } from '../../components/call-error';
import { ChoiceGroupField } from '../../components/ChoiceGroupField';
import { Dialog } from '../../components/Dialog';
import { FormAlert } from '../../components/FormAlert';
import { FormField } from '../../components/FormField';
import { SubmitButton } from '../../components/SubmitButton';
import { useAppState } from '../session/app-state-context';
import { showInstant } from '../compliance/compliance-format';
import { restoreFormSchema, toRestoreCredential, type RestoreFormValues } from './backup-form-schemas';

const credentialChoices = [
  { value: 'password', key: 'restoreDialog.withPassword' },
  { value: 'recoveryKey', key: 'restoreDialog.withRecoveryKey' },
] as const;

/**
 * Restores the store from a backup after a plain warning: everything done
 * since the backup is lost, and everyone is signed out. The backend checks
 * the backup first (it opens, its integrity and audit chain hold) and
 * changes nothing if it does not.
 */
export function RestoreDialog({
  backup,
  onClose,
}: {
  /** A backup from the list, or a file chosen with the Open dialog (its time then comes from its name, if it has one of ours). */
  backup: Pick<BackupInfo, 'filePath' | 'fileName'> & { createdAt: string | null };
  onClose: () => void;
}) {
  const { t } = useTranslation(['compliance-backups', 'common']);
  const api = useApi();
  const { applyState } = useAppState();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors, isSubmitting },
  } = useForm<RestoreFormValues>({
    resolver: formResolver(restoreFormSchema),
    defaultValues: { with: 'password', password: '', recoveryKey: '' },
  });
  const using = useWatch({ control, name: 'with' });

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      const state = await api['backups.restore']({ filePath: backup.filePath, ...toRestoreCredential(values) });
      // Everyone is signed out now: the sign-in screen replaces this one.
      applyState(state, { notice: 'restored' });
    } catch (error) {
      setProblem(reportCallError(error, setError, { password: 'password', recoveryKey: 'recoveryKey' }));
    }
  });

  return (
    <Dialog title={t('restoreDialog.restoreThisBackup')} onClose={onClose}>
      {(close) => (
        <form noValidate aria-busy={isSubmitting} onSubmit={(event) => void onSubmit(event)}>
          <p>
            {backup.createdAt ? (
              <>
                {t('restoreDialog.consentDeskWillBePut')} <strong>{showInstant(backup.createdAt)}</strong> ({backup.fileName}).
              </>
            ) : (
              <>
                {t('restoreDialog.consentDeskWillBePut2')} <strong>{backup.fileName}</strong> {t('restoreDialog.wasMade')}
              </>
            )}
          </p>
          <p>
            <strong>{t('restoreDialog.everythingRecordedSinceThenIs')}</strong>{t('restoreDialog.and')} <strong>{t('restoreDialog.everyoneIsSignedOut')}</strong>{t('restoreDialog.youIncludedTheBackupIs')}
          </p>
          <FormAlert problem={problem} />
          <ChoiceGroupField legend={t('restoreDialog.openTheBackupWith')} type="radio" choices={credentialChoices.map((c) => ({ value: c.value, label: t(c.key) }))} registration={register('with')} />
          {using === 'password' ? (
            <FormField
              label={t('restoreDialog.password')}
              type="password"
              autoComplete="current-password"
              hint={t('restoreDialog.yourPasswordWhenTheBackup')}
              registration={register('password')}
              error={errors.password?.message}
            />
          ) : (
            <FormField
              label={t('restoreDialog.recoveryKey')}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              hint={t('restoreDialog.52LettersAndDigitsIn')}
              registration={register('recoveryKey')}
              error={errors.recoveryKey?.message}
            />
          )}
          <div className="dialog-actions">
            <button type="button" className="button button-secondary" onClick={close}>
              {t('restoreDialog.cancel')}
            </button>
            <SubmitButton busy={isSubmitting} variant="danger">
              {t('restoreDialog.restoreAndSignEveryoneOut')}
            </SubmitButton>
          </div>
        </form>
      )}
    </Dialog>
  );
}
