import { z } from 'zod';
import { isTimeZone } from './calendar';

export const idleMinutesSchema = z
  .number()
  .int('Use whole minutes.')
  .min(1, 'Lock after at least 1 minute.')
  .max(60, 'Lock after at most 60 minutes.');

/** Patient mode waits longer: a patient reads a whole authorization without touching the screen. */
export const patientModeIdleMinutesSchema = z
  .number()
  .int('Use whole minutes.')
  .min(5, 'Pause patient mode after at least 5 minutes.')
  .max(120, 'Pause patient mode after at most 120 minutes.');

export const practiceNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter the practice’s name.')
  .max(200, 'Use at most 200 characters.');

/** The practice's time zone: it decides every day a person reads or types (signed, received, published, expires). */
export const timeZoneSchema = z.string().trim().max(64).refine(isTimeZone, 'Choose a time zone from the list, such as America/Chicago.');

/** Set by state law: 18 in most states, 19 in Alabama and Nebraska, 21 in Mississippi. */
export const ageOfMajoritySchema = z.number().int('Use whole years.').min(16, 'Use an age from 16 to 21.').max(21, 'Use an age from 16 to 21.');

/**
 * Where patients send a revocation (164.508(c)(2)(i)): printed in every
 * authorization. Lines as typed; the documents join them with commas.
 */
export const practiceAddressSchema = z
  .string()
  .trim()
  .max(400, 'Use at most 400 characters.')
  .refine((value) => value === '' || /\p{L}/u.test(value), 'Enter the street, city, state and ZIP code.');

/** Optional: an email address that accepts revocations, printed beside the postal address. */
export const practiceEmailSchema = z.union([z.literal(''), z.email('Enter an email address such as privacy@example.com, or leave it empty.').max(200)]);

/** Optional: the practice's public phone number, as a review reply may give it. */
export const practicePhoneSchema = z.string().trim().max(40, 'Use at most 40 characters.');

/** Optional: the practice's public web address, as a review reply may give it. */
export const practiceWebsiteSchema = z.string().trim().max(200, 'Use at most 200 characters.');

/**
 * The practice's own public contact details, as the reply and caption
 * checkers read them. A review reply that gives them ("please call our
 * office at …") is the safe pattern, so the checkers must not flag them.
 */
export interface PracticeContact {
  phone: string;
  email: string;
  website: string;
  address: string;
}

/** The contact details the checkers let pass, from the settings that hold them. */
export const practiceContactOf = (settings: Pick<Settings, 'practicePhone' | 'practiceEmail' | 'practiceWebsite' | 'practiceAddress'>): PracticeContact => ({
  phone: settings.practicePhone,
  email: settings.practiceEmail,
  website: settings.practiceWebsite,
  address: settings.practiceAddress,
});

export interface Settings {
  practiceName: string;
  idleMinutes: number;
  /** Minutes without input before patient mode pauses (it warns the patient first). */
  patientModeIdleMinutes: number;
  timeZone: string;
  ageOfMajority: number;
  /** Empty until an administrator sets it; authorizations cannot be signed before. */
  practiceAddress: string;
  practiceEmail: string;
  practicePhone: string;
  practiceWebsite: string;
}

export const defaultIdleMinutes = 5;
export const defaultPatientModeIdleMinutes = 20;
export const defaultAgeOfMajority = 18;
export const emptyPracticeContact: PracticeContact = { phone: '', email: '', website: '', address: '' };
