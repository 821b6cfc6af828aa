import { z } from 'zod';
import { exportableStatuses } from '../../../../shared/compliance/audit-bundle';
import type { CallInput } from '../../../../shared/contract';
import { dayField, rangeInOrder } from '../compliance/day-range-schema';

/**
 * The export form: a range of days, the states to keep (none ticked means
 * every state) and whether patient names may appear in the bundle. The
 * call checks the same again (exportParamsSchema).
 */
export const exportFormSchema = z
  .object({
    from: dayField('first'),
    to: dayField('last'),
    states: z.array(z.enum(exportableStatuses)),
    includeNames: z.boolean(),
  })
  .refine(...rangeInOrder);

export type ExportFormInput = z.input<typeof exportFormSchema>;
export type ExportFormValues = z.output<typeof exportFormSchema>;

/** The form's values as `exports.start` input: no states ticked means no filter. */
export function toExportParams(values: ExportFormValues): CallInput<'exports.start'> {
  return {
    from: values.from,
    to: values.to,
    includeNames: values.includeNames,
    ...(values.states.length ? { states: values.states } : {}),
  };
}
