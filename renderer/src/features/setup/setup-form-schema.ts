import { z } from 'zod';
import { practiceNameSchema, timeZoneSchema } from '../../../../shared/settings';
import { displayNameSchema, passwordSchema, usernameSchema } from '../../../../shared/staff';
import { mismatchOn } from '../../components/new-password';

/** The setup form: the same field rules as `setup.create`, plus the password typed twice. */
export const setupFormSchema = z
  .object({
    practiceName: practiceNameSchema,
    timeZone: timeZoneSchema,
    displayName: displayNameSchema,
    username: usernameSchema,
    password: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, mismatchOn('confirmPassword'));

export type SetupFormInput = z.input<typeof setupFormSchema>;
export type SetupFormValues = z.output<typeof setupFormSchema>;
