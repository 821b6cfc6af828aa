import { z } from 'zod';

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

export interface Settings {
  practiceName: string;
  idleMinutes: number;
  /** Empty until an administrator sets it; authorizations cannot be signed before. */
  practiceAddress: string;
  practiceEmail: string;
}

export const defaultIdleMinutes = 5;
