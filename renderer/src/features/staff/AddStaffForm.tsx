import { roleLabel } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import { formResolver } from '../../components/form-resolver';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useApi } from '../../api/api-context';
import { reportCallError, type FormProblem } from '../../components/call-error';
import { FormAlert } from '../../components/FormAlert';
import { FormField } from '../../components/FormField';
import { passwordHint } from '../../components/password-hint';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { RoleOptions } from './RoleOptions';
import { addStaffFormSchema, type AddStaffFormInput, type AddStaffFormValues } from './staff-form-schemas';

/**
 * The form as it starts, and as it starts again after each account: the
 * role back on "Choose a role" (the prompt's empty value), so the next
 * person never inherits the last one's role (an administrator by accident).
 */
const emptyForm: AddStaffFormInput = { displayName: '', username: '', password: '', role: '' as AddStaffFormInput['role'] };

/** A new account with a role and a first password to hand to the person. */
export function AddStaffForm({ onAdded }: { onAdded: (message: string) => void }) {
  const { t } = useTranslation(['staff', 'common']);
  const api = useApi();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<AddStaffFormInput, unknown, AddStaffFormValues>({
    resolver: formResolver(addStaffFormSchema),
    defaultValues: emptyForm,
  });

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      const added = await api['staff.create'](values);
      reset(emptyForm);
      onAdded(t('addStaffForm.added', { name: added.displayName, role: roleLabel(added.role), username: added.username }));
    } catch (error) {
      setProblem(
        reportCallError(error, setError, { displayName: 'displayName', username: 'username', role: 'role', password: 'password' }),
      );
    }
  });

  return (
    <section className="card staff-add" aria-labelledby="add-staff-heading">
      <h2 id="add-staff-heading">{t('addStaffForm.addAStaffMember')}</h2>
      <FormAlert problem={problem} />
      <form noValidate aria-busy={isSubmitting} onSubmit={(event) => void onSubmit(event)}>
        <div className="staff-add-fields">
          <FormField label={t('addStaffForm.name')} autoComplete="off" registration={register('displayName')} error={errors.displayName?.message} />
          <FormField
            label={t('addStaffForm.username')}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            hint={t('addStaffForm.lowercaseLettersDigitsDotsDashes')}
            registration={register('username')}
            error={errors.username?.message}
          />
          <SelectField label={t('addStaffForm.role')} registration={register('role')} error={errors.role?.message}>
            <RoleOptions prompt={t('addStaffForm.chooseARole')} />
          </SelectField>
          <FormField
            label={t('addStaffForm.password')}
            type="password"
            autoComplete="new-password"
            hint={`${passwordHint()} ${t('addStaffForm.givePrivately')}`}
            registration={register('password')}
            error={errors.password?.message}
          />
        </div>
        <div className="form-actions">
          <SubmitButton busy={isSubmitting}>{t('addStaffForm.addStaffMember')}</SubmitButton>
        </div>
      </form>
    </section>
  );
}
