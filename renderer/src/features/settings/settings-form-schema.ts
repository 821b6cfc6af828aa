import { z } from 'zod';
import {
  ageOfMajoritySchema,
  idleMinutesSchema,
  patientModeIdleMinutesSchema,
  practiceAddressSchema,
  practiceEmailSchema,
  practiceNameSchema,
  practicePhoneSchema,
  practiceWebsiteSchema,
  timeZoneSchema,
} from '../../../../shared/settings';

/** The settings form sends every field; each with `settings.update`'s own rule. */
export const settingsFormSchema = z.object({
  practiceName: practiceNameSchema,
  // An empty number box reads as NaN: say what to type rather than "expected number".
  idleMinutes: z.number('Enter a number of minutes from 1 to 60.').pipe(idleMinutesSchema),
  patientModeIdleMinutes: z.number('Enter a number of minutes from 5 to 120.').pipe(patientModeIdleMinutesSchema),
  timeZone: timeZoneSchema,
  ageOfMajority: z.number('Enter an age from 16 to 21.').pipe(ageOfMajoritySchema),
  practiceAddress: practiceAddressSchema,
  practiceEmail: practiceEmailSchema,
  practicePhone: practicePhoneSchema,
  practiceWebsite: practiceWebsiteSchema,
});
export type SettingsFormInput = z.input<typeof settingsFormSchema>;
export type SettingsFormValues = z.output<typeof settingsFormSchema>;
