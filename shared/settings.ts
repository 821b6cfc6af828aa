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

export interface Settings {
  practiceName: string;
  idleMinutes: number;
}

export const defaultIdleMinutes = 5;
