import type { UseFormRegisterReturn } from 'react-hook-form';
import { FormField } from './FormField';
import { passwordHint } from './password-hint';

interface NewPasswordFieldsProps {
  /** "New password" unless the form says otherwise ("Password" at setup); the confirmation follows it. */
  label?: string;
  /** Added after the password rules, e.g. who the password is for. */
  hintSuffix?: string;
  password: UseFormRegisterReturn;
  confirmation: UseFormRegisterReturn;
  errors: { password?: string | undefined; confirmation?: string | undefined };
}

/** A new password and its confirmation, for every form that sets one (its schema checks they match, with `mismatchOn`). */
export function NewPasswordFields({ label = 'New password', hintSuffix, password, confirmation, errors }: NewPasswordFieldsProps) {
  return (
    <>
      <FormField
        label={label}
        type="password"
        autoComplete="new-password"
        hint={hintSuffix ? `${passwordHint()} ${hintSuffix}` : passwordHint()}
        registration={password}
        error={errors.password}
      />
      <FormField
        label={`Confirm ${label.toLowerCase()}`}
        type="password"
        autoComplete="new-password"
        registration={confirmation}
        error={errors.confirmation}
      />
    </>
  );
}
