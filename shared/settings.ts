import { z } from 'zod';
import { isTimeZone } from './calendar';

export const idleMinutesSchema = z
  .number()
  .int('Use whole minutes.')
  .min(1, 'Lock after at least 1 minute.')
  .max(60, 'Lock after at most 60 minutes.');

export const practiceNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter the practice’s name.')
  .max(200, 'Use at most 200 characters.');

/** The practice's time zone: it decides every day a person reads or types (signed, received, published, expires). */
export const timeZoneSchema = z.string().trim().max(64).refine(isTimeZone, 'Choose a time zone from the list, such as America/Chicago.');

/** Set by state law: 18 in most states, 19 in Alabama and Nebraska, 21 in Mississippi. */
export const ageOfMajoritySchema = z.number().int('Use whole years.').min(16, 'Use an age from 16 to 21.').max(21, 'Use an age from 16 to 21.');

const contactText = (max: number) => z.string().trim().max(max, `Use at most ${max} characters.`);

/**
 * The practice's own public contact details. A review reply that gives them
 * ("please call our office at …") is the safe pattern, so the reply checker
 * must not flag them.
 */
export const practiceContactSchema = z
  .object({
    phone: contactText(40),
    email: contactText(200),
    website: contactText(200),
    address: contactText(300),
  })
  .strict();
export type PracticeContact = z.output<typeof practiceContactSchema>;

export interface Settings {
  practiceName: string;
  idleMinutes: number;
  timeZone: string;
  ageOfMajority: number;
  practiceContact: PracticeContact;
}

export const defaultIdleMinutes = 5;
export const defaultAgeOfMajority = 18;
export const emptyPracticeContact: PracticeContact = { phone: '', email: '', website: '', address: '' };
