import { roleLabel } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import { formResolver } from '../../components/form-resolver';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useApi } from '../../api/api-context';
import { reportCallError, type FormProblem } from '../../components/call-error';
import { Dialog } from '../../components/Dialog';
import { FormAlert } from '../../components/FormAlert';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { RoleOptions } from './RoleOptions';
import type { StaffDialogProps } from './staff-action';
import { changeRoleFormSchema, type ChangeRoleFormInput, type ChangeRoleFormValues } from './staff-form-schemas';

export function ChangeRoleDialog({ member, onDone, onClose }: StaffDialogProps) {
  const { t } = useTranslation(['staff', 'common']);
  const api = useApi();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ChangeRoleFormInput, unknown, ChangeRoleFormValues>({
    resolver: formResolver(changeRoleFormSchema),
    defaultValues: { role: member.role },
  });

  return (
    <Dialog title={t('changeRoleDialog.title', { name: member.displayName })} onClose={onClose}>
      {(close) => {
        const onSubmit = handleSubmit(async ({ role }) => {
          setProblem(null);
          try {
            const updated = await api['staff.update']({ id: member.id, role });
            onDone(t('changeRoleDialog.changed', { name: updated.displayName, role: roleLabel(updated.role) }));
            close();
          } catch (error) {
            setProblem(reportCallError(error, setError, { role: 'role' }));
          }
        });
        return (
          <form noValidate aria-busy={isSubmitting} onSubmit={(event) => void onSubmit(event)}>
            <FormAlert problem={problem} />
            <SelectField label={t('changeRoleDialog.role')} registration={register('role')} error={errors.role?.message}>
              <RoleOptions />
            </SelectField>
            <div className="dialog-actions">
              <button type="button" className="button button-secondary" onClick={close}>
                {t('changeRoleDialog.cancel')}
              </button>
              <SubmitButton busy={isSubmitting}>{t('changeRoleDialog.saveRole')}</SubmitButton>
            </div>
          </form>
        );
      }}
    </Dialog>
  );
}
