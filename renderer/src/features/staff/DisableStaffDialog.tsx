import { useTranslation } from 'react-i18next';
import type { FormEvent } from 'react';
import { useApi } from '../../api/api-context';
import { Dialog } from '../../components/Dialog';
import { FormAlert } from '../../components/FormAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { useConfirmedAction } from '../../components/use-confirmed-action';
import type { StaffDialogProps } from './staff-action';

/** Confirms a disable, saying plainly what the key rotation means. */
export function DisableStaffDialog({ member, onDone, onClose }: StaffDialogProps) {
  const { t } = useTranslation(['staff', 'common']);
  const api = useApi();
  const { busy, problem, run } = useConfirmedAction();

  return (
    <Dialog title={t('disableStaffDialog.title', { name: member.displayName })} onClose={onClose}>
      {(close) => {
        const onSubmit = (event: FormEvent) => {
          event.preventDefault();
          void run(async () => {
            const disabled = await api['staff.disable']({ id: member.id });
            const { resealed, stillOpen } = disabled.backups;
            onDone(
              t('disableStaffDialog.disabled', { name: disabled.displayName, count: resealed.length }) +
                (stillOpen.length ? ` ${t('disableStaffDialog.stillOpen', { backups: stillOpen.map((b) => `${b.file} (${b.why})`).join('; ') })}` : ''),
            );
            close();
          });
        };
        return (
          <form aria-busy={busy} onSubmit={onSubmit}>
            <p>{member.displayName} ({member.username}{t('disableStaffDialog.willNoLongerBeAble')}</p>
            <p>
              {t('disableStaffDialog.consentDeskWillAlso')} <strong>{t('disableStaffDialog.rotateTheDataKey')}</strong>{t('disableStaffDialog.itReEncryptsTheStore')} {member.displayName}{t('disableStaffDialog.sOldPasswordOpensNeither')}
            </p>
            <p>{t('disableStaffDialog.everything')} {member.displayName} {t('disableStaffDialog.didStaysInTheAudit')}</p>
            <FormAlert problem={problem} />
            <div className="dialog-actions">
              <button type="button" className="button button-secondary" onClick={close}>
                {t('disableStaffDialog.cancel')}
              </button>
              <SubmitButton busy={busy} variant="danger">
                {t('disableStaffDialog.disableAccount')}
              </SubmitButton>
            </div>
          </form>
        );
      }}
    </Dialog>
  );
}
