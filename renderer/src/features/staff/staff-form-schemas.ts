import { z } from 'zod';
import { contract } from '../../../../shared/contract';
import { passwordSchema, roleSchema } from '../../../../shared/staff';
import { mismatchOn } from '../../components/new-password';

/** Adding a staff member checks exactly what `staff.create` checks. */
export const addStaffFormSchema = contract['staff.create'].input;
export type AddStaffFormInput = z.input<typeof addStaffFormSchema>;
export type AddStaffFormValues = z.output<typeof addStaffFormSchema>;

export const changeRoleFormSchema = z.object({ role: roleSchema });
export type ChangeRoleFormInput = z.input<typeof changeRoleFormSchema>;
export type ChangeRoleFormValues = z.output<typeof changeRoleFormSchema>;

/** A new password for someone else (reset, or enabling an account), typed twice. */
export const newPasswordFormSchema = z
  .object({ password: passwordSchema, confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, mismatchOn('confirmPassword'));
export type NewPasswordFormInput = z.input<typeof newPasswordFormSchema>;
export type NewPasswordFormValues = z.output<typeof newPasswordFormSchema>;
