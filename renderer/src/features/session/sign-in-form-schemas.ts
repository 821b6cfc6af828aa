import { z } from 'zod';
import { contract } from '../../../../shared/contract';
import { mismatchOn } from '../../components/new-password';

/** Sign-in checks exactly what `session.signIn` checks. */
export const signInFormSchema = contract['session.signIn'].input;
export type SignInFormInput = z.input<typeof signInFormSchema>;
export type SignInFormValues = z.output<typeof signInFormSchema>;

/** `session.recover`'s own rules, plus the new password typed twice. */
export const recoveryFormSchema = contract['session.recover'].input
  .extend({ confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, mismatchOn('confirmPassword'));
export type RecoveryFormInput = z.input<typeof recoveryFormSchema>;
export type RecoveryFormValues = z.output<typeof recoveryFormSchema>;

/** Accepting an older store checks exactly what `store.acceptRollback` checks. */
export const acceptRollbackFormSchema = contract['store.acceptRollback'].input;
export type AcceptRollbackFormInput = z.input<typeof acceptRollbackFormSchema>;
export type AcceptRollbackFormValues = z.output<typeof acceptRollbackFormSchema>;
