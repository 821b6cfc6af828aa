import { z } from 'zod';
import { isDay } from './calendar';
import { pageInputSchema } from './list-page';

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .default(null);

export const patientFieldsSchema = z
  .object({
    firstName: z.string().trim().min(1, 'Enter the first name.').max(100),
    lastName: z.string().trim().min(1, 'Enter the last name.').max(100),
    dateOfBirth: z
      .string()
      .refine(isDay, 'Use a date such as 1980-04-23.')
      .refine((d) => d >= '1900-01-01', 'Check the year of birth.'),
    recordNumber: optionalText(40, 'Use at most 40 characters.'),
    phone: optionalText(40, 'Use at most 40 characters.').refine(
      (v) => v === null || /^[+()\d\s.-]{7,}$/.test(v),
      'Use digits, spaces and + ( ) - . only.',
    ),
    /** Used to spot the city in captions (a geographic identifier); never shown to marketing. */
    city: optionalText(100, 'Use at most 100 characters.'),
    email: optionalText(200, 'Use at most 200 characters.').refine(
      (v) => v === null || z.email().safeParse(v).success,
      'Enter an email address such as name@example.com.',
    ),
  })
  .strict();
export type PatientFields = z.output<typeof patientFieldsSchema>;

export interface Patient extends PatientFields {
  id: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * A patient as the store has it now, with its version: an edit that sends
 * the version back is refused (`conflict`) if someone changed the patient
 * since, instead of overwriting their change.
 */
export type VersionedPatient = Patient & { rowVersion: number };

export const rowVersionSchema = z.number().int().min(1);

/** What a search result shows: enough to tell patients apart. */
export type PatientSummary = Pick<Patient, 'id' | 'firstName' | 'lastName' | 'dateOfBirth' | 'recordNumber'>;

export const patientIdSchema = z.uuid('Unknown patient.');

export function patientName(p: Pick<Patient, 'firstName' | 'lastName'>): string {
  return `${p.firstName} ${p.lastName}`;
}

export const patientSorts = ['name', 'dateOfBirth', 'recordNumber', 'createdAt'] as const;
export type PatientSort = (typeof patientSorts)[number];

/** A page of the patient list: a query (name words, a date of birth, a record number), a sort and a page. */
export const patientListInputSchema = pageInputSchema(patientSorts, 'name')
  .extend({ query: z.string().trim().max(100).default('') })
  .strict();
export type PatientListInput = z.output<typeof patientListInputSchema>;
