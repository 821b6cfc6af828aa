import { z } from 'zod';
import type { Day } from '../calendar';
import { scopeSchema, type AuthorizationTerms } from './scope';

/**
 * A practice's preset of authorization scope ("before-and-after photos on
 * Instagram and the website for one year"): what may be used, where, why,
 * and for how long. Administrators keep them; every change is a new version
 * and old versions stay. A preset only fills in the editor: the patient
 * still reads and signs the whole authorization it produces.
 */
export const presetDurationSchema = z.discriminatedUnion('kind', [
  /** Ends this many months after the day the draft is prepared. */
  z.object({ kind: z.literal('months'), months: z.number().int('Use whole months.').min(1, 'Use 1 to 120 months.').max(120, 'Use 1 to 120 months.') }).strict(),
  /** The preset leaves the end to the coordinator. */
  z.object({ kind: z.literal('none') }).strict(),
]);
export type PresetDuration = z.output<typeof presetDurationSchema>;

export const presetNameSchema = z.string().trim().min(1, 'Give the preset a name.').max(120, 'Use at most 120 characters.');
export const presetIdSchema = z.uuid('Unknown preset.');

export const presetFieldsSchema = z
  .object({
    name: presetNameSchema,
    scope: scopeSchema,
    duration: presetDurationSchema,
  })
  .strict();
export type PresetFields = z.output<typeof presetFieldsSchema>;

export interface ScopePreset extends PresetFields {
  id: string;
  /** 1 for a new preset; each change adds one. */
  version: number;
  retired: boolean;
  createdAt: string;
  /** Who saved this version. */
  createdByName: string;
}

/** The last day of a preset's duration prepared on `today`: the same day of the month, `months` later, less one day (one year from 2026-03-15 runs through 2027-03-14). */
export function presetEndDay(today: Day, months: number): Day {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const monthIndex = m - 1 + months;
  const year = y + Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const lastOfMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const end = new Date(Date.UTC(year, month - 1, Math.min(d, lastOfMonth)));
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

/** The terms a preset sets, on top of what the editor holds (language, payment, representative stay as they are). */
export function applyPreset(terms: AuthorizationTerms, preset: Pick<ScopePreset, 'scope' | 'duration'>, today: Day): AuthorizationTerms {
  return {
    ...terms,
    scope: { ...preset.scope, otherChannels: [...preset.scope.otherChannels], otherPurposes: [...preset.scope.otherPurposes] },
    expiration: preset.duration.kind === 'months' ? { kind: 'date', date: presetEndDay(today, preset.duration.months) } : terms.expiration,
  };
}
