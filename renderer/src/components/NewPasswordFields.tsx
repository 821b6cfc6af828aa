import type { UseFormRegisterReturn } from 'react-hook-form';
import { FormField } from './FormField';
import { passwordHint } from './password-hint';
import { useTranslation } from 'react-i18next';

interface NewPasswordFieldsProps {
  /** "New password" and "Confirm new password" unless the form says otherwise ("Password" at setup). */
  label?: string;
  confirmLabel?: string;
  /** Added after the password rules, e.g. who the password is for. */
  hintSuffix?: string;
  password: UseFormRegisterReturn;
  confirmation: UseFormRegisterReturn;
  errors: { password?: string | undefined; confirmation?: string | undefined };
}

/** A new password and its confirmation, for every form that sets one (its schema checks they match, with `mismatchOn`). */
export function NewPasswordFields({ label, confirmLabel, hintSuffix, password, confirmation, errors }: NewPasswordFieldsProps) {
  const { t } = useTranslation('components');
  return (
    <>
      <FormField
        label={label ?? t('newPasswordFields.newPassword')}
        type="password"
        autoComplete="new-password"
        hint={hintSuffix ? `${passwordHint()} ${hintSuffix}` : passwordHint()}
        registration={password}
        error={errors.password}
      />
      <FormField
        label={confirmLabel ?? t('newPasswordFields.confirmNewPassword')}
        type="password"
        autoComplete="new-password"
        registration={confirmation}
        error={errors.confirmation}
      />
    </>
  );
}
