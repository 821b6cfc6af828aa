import { z } from 'zod';
import { auditFilterSchema, type AuditFilter } from '../../../../shared/audit';
import { i18n } from '../../i18n/i18n';

// The same day rule as `audit.list`; an empty date box means "no limit".
const optionalDay = z.union([z.literal(''), auditFilterSchema.shape.from.unwrap()]);

export const auditFilterFormSchema = z
  .object({
    from: optionalDay,
    to: optionalDay,
    actor: z.string().trim().max(64, { error: () => i18n.t('validation:atMostCharacters', { max: 64 }) }),
    action: z.string().max(64),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], error: () => i18n.t('validation:dayInOrder') });

export type AuditFilterFormInput = z.input<typeof auditFilterFormSchema>;
export type AuditFilterFormValues = z.output<typeof auditFilterFormSchema>;

export const noAuditFilter: AuditFilterFormValues = { from: '', to: '', actor: '', action: '' };

/** The form's values as `audit.list` input: empty boxes are left out. */
export function toAuditFilter(values: AuditFilterFormValues): AuditFilter {
  const filter: AuditFilter = {};
  if (values.from) filter.from = values.from;
  if (values.to) filter.to = values.to;
  if (values.actor) filter.actor = values.actor;
  if (values.action) filter.action = values.action;
  return filter;
}
