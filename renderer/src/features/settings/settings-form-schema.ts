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
import { i18n } from '../../i18n/i18n';

/** The settings form sends every field; each with `settings.update`'s own rule. */
export const settingsFormSchema = z.object({
  practiceName: practiceNameSchema,
  // An empty number box reads as NaN: say what to type rather than "expected number".
  idleMinutes: z.number({ error: () => i18n.t('validation:settings.idleMinutes') }).pipe(idleMinutesSchema),
  patientModeIdleMinutes: z.number({ error: () => i18n.t('validation:settings.patientModeIdleMinutes') }).pipe(patientModeIdleMinutesSchema),
  timeZone: timeZoneSchema,
  ageOfMajority: z.number({ error: () => i18n.t('validation:settings.ageOfMajority') }).pipe(ageOfMajoritySchema),
  practiceAddress: practiceAddressSchema,
  practiceEmail: practiceEmailSchema,
  practicePhone: practicePhoneSchema,
  practiceWebsite: practiceWebsiteSchema,
});
export type SettingsFormInput = z.input<typeof settingsFormSchema>;
export type SettingsFormValues = z.output<typeof settingsFormSchema>;
