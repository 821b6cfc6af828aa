import { z } from 'zod';
import { idleMinutesSchema, practiceAddressSchema, practiceEmailSchema, practiceNameSchema } from '../../../../shared/settings';

/** The settings form sends every field; each with `settings.update`'s own rule. */
export const settingsFormSchema = z.object({
  practiceName: practiceNameSchema,
  // An empty number box reads as NaN: say what to type rather than "expected number".
  idleMinutes: z.number('Enter a number of minutes from 1 to 60.').pipe(idleMinutesSchema),
  practiceAddress: practiceAddressSchema,
  practiceEmail: practiceEmailSchema,
});
export type SettingsFormInput = z.input<typeof settingsFormSchema>;
export type SettingsFormValues = z.output<typeof settingsFormSchema>;
