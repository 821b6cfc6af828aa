import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { FormField } from '../../components/FormField';
import { passwordHint } from '../../components/password-hint';
import type { NewPasswordFormInput } from './staff-form-schemas';

/** "New password" and its confirmation, for resetting or enabling someone's account. */
export function NewPasswordFields({ register, errors }: { register: UseFormRegister<NewPasswordFormInput>; errors: FieldErrors<NewPasswordFormInput> }) {
  return (
    <>
      <FormField
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={`${passwordHint} Give it to the person privately.`}
        registration={register('password')}
        error={errors.password?.message}
      />
      <FormField
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        registration={register('confirmPassword')}
        error={errors.confirmPassword?.message}
      />
    </>
  );
}
