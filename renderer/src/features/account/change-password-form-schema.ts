import { z } from 'zod';
import { contract } from '../../../../shared/contract';
import { mismatchOn } from '../../components/new-password';

/** `session.changePassword`'s own rules, plus the new password typed twice. */
export const changePasswordFormSchema = contract['session.changePassword'].input
  .extend({ confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, mismatchOn('confirmPassword'));
export type ChangePasswordFormInput = z.input<typeof changePasswordFormSchema>;
export type ChangePasswordFormValues = z.output<typeof changePasswordFormSchema>;
