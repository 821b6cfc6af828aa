import type { FormEvent } from 'react';
import { useApi } from '../../api/api-context';
import { Dialog } from '../../components/Dialog';
import { FormAlert } from '../../components/FormAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { useConfirmedAction } from '../../components/use-confirmed-action';
import type { StaffDialogProps } from './staff-action';

/** Confirms a disable, saying plainly what the key rotation means. */
export function DisableStaffDialog({ member, onDone, onClose }: StaffDialogProps) {
  const api = useApi();
  const { busy, problem, run } = useConfirmedAction();

  return (
    <Dialog title={`Disable ${member.displayName}’s account?`} onClose={onClose}>
      {(close) => {
        const onSubmit = (event: FormEvent) => {
          event.preventDefault();
          void run(async () => {
            const disabled = await api['staff.disable']({ id: member.id });
            const { resealed, stillOpen } = disabled.backups;
            onDone(
              `${disabled.displayName}’s account is disabled and the data key was rotated; ${resealed.length} backup(s) in the backup folder were re-sealed.` +
                (stillOpen.length ? ` These still open with the old password: ${stillOpen.map((b) => `${b.file} (${b.why})`).join('; ')}.` : ''),
            );
            close();
          });
        };
        return (
          <form aria-busy={busy} onSubmit={onSubmit}>
            <p>{member.displayName} ({member.username}) will no longer be able to sign in.</p>
            <p>
              Consent Desk will also <strong>rotate the data key</strong>: it re-encrypts the store with a new key and
              gives the new key to every other active account and to the recovery key. The backups in the backup folder are
              re-sealed the same way. After that, {member.displayName}’s old password opens neither the store, nor a copy of the
              key file taken earlier, nor those backups. Backups saved anywhere else (a USB drive, a file chosen for one backup)
              cannot be reached from here: they still open with the passwords of their time, so delete them or keep them where only
              administrators can get at them. Any other Consent Desk window or command using this store must be closed first. This takes a moment.
            </p>
            <p>Everything {member.displayName} did stays in the audit trail. You can enable the account again later with a new password.</p>
            <FormAlert problem={problem} />
            <div className="dialog-actions">
              <button type="button" className="button button-secondary" onClick={close}>
                Cancel
              </button>
              <SubmitButton busy={busy} variant="danger">
                Disable account
              </SubmitButton>
            </div>
          </form>
        );
      }}
    </Dialog>
  );
}
