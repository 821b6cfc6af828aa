import { z } from 'zod';
import { isDay } from '../../../../shared/calendar';
import { i18n } from '../../i18n/i18n';

/** One date box: filled in, and a date such as the calls take. */
export const dayField = (which: 'first' | 'last') =>
  z
    .string()
    .min(1, { error: () => i18n.t(which === 'first' ? 'validation:chooseFirstDay' : 'validation:chooseLastDay') })
    .refine(isDay, { error: () => i18n.t('validation:dayLike') });

/** A range whose first day is not after its last, said on the “To” box as the calls would refuse it. */
export const rangeInOrder: [(r: { from: string; to: string }) => boolean, { path: string[]; error: () => string }] = [
  (r) => r.from <= r.to,
  { path: ['to'], error: () => i18n.t('validation:dayInOrder') },
];

/**
 * A range of days as the forms take it (two date boxes), checked by the
 * same rules as the calls, with messages that say which box to fix.
 */
export const dayRangeFormSchema = z.object({ from: dayField('first'), to: dayField('last') }).refine(...rangeInOrder);

export type DayRangeFormValues = z.output<typeof dayRangeFormSchema>;
