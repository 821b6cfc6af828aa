import { useTranslation } from 'react-i18next';
import type { FormEvent } from 'react';
import type { PurgeResult, RetentionRow } from '../../../../shared/compliance/retention';
import { useApi } from '../../api/api-context';
import { Dialog } from '../../components/Dialog';
import { FormAlert } from '../../components/FormAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { useConfirmedAction } from '../../components/use-confirmed-action';
import { showDay } from '../compliance/compliance-format';

interface PurgeDialogProps {
  row: RetentionRow;
  onPurged: (result: PurgeResult) => void;
  /** The backend refused (someone purged it meanwhile, the day changed): reload the list. */
  onRefused: () => void;
  onClose: () => void;
}

/** Confirms a purge, saying what goes and what stays; the backend checks the rule again and may refuse. */
export function PurgeDialog({ row, onPurged, onRefused, onClose }: PurgeDialogProps) {
  const { t } = useTranslation(['compliance-retention', 'common']);
  const api = useApi();
  const { busy, problem, run } = useConfirmedAction();

  return (
    <Dialog title={t('purgeDialog.title', { name: row.patientName })} onClose={onClose}>
      {(close) => {
        const onSubmit = (event: FormEvent) => {
          event.preventDefault();
          void run(async () => {
            const result = await api['retention.purge']({ id: row.authorizationId });
            onPurged(result);
            close();
          }, onRefused);
        };
        return (
          <form aria-busy={busy} onSubmit={onSubmit}>
            <p>
              {t('purgeDialog.thisDeletesTheSignedAuthorization')}{row.revokedAt ? t('purgeDialog.andItsRevocationAcknowledgment') : ''} {t('purgeDialog.for')} {row.patientName}{' '}
              {t('purgeDialog.forGoodItCannotBe')}
            </p>
            <p>
              {row.verdict.keptThrough ? `${t('purgeDialog.sixYearsEnded', { day: showDay(row.verdict.keptThrough) })} ` : ''}
              {t('purgeDialog.postsThatReliedOnIt')}
            </p>
            <FormAlert problem={problem} />
            <div className="dialog-actions">
              <button type="button" className="button button-secondary" onClick={close}>
                {t('purgeDialog.cancel')}
              </button>
              <SubmitButton busy={busy} variant="danger">
                {t('purgeDialog.purgeAuthorization')}
              </SubmitButton>
            </div>
          </form>
        );
      }}
    </Dialog>
  );
}
