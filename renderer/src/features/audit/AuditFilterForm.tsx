import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { AuditFilter } from '../../../../shared/audit';
import { FormField } from '../../components/FormField';
import { SelectField } from '../../components/SelectField';
import { auditActionFilters } from './audit-actions';
import {
  auditFilterFormSchema,
  noAuditFilter,
  toAuditFilter,
  type AuditFilterFormInput,
  type AuditFilterFormValues,
} from './audit-filter-form-schema';
import '../../components/buttons.css';

/** Narrow the list by day, person and kind of action. */
export function AuditFilterForm({ onApply }: { onApply: (filter: AuditFilter) => void }) {
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors },
  } = useForm<AuditFilterFormInput, unknown, AuditFilterFormValues>({
    resolver: zodResolver(auditFilterFormSchema),
    defaultValues: noAuditFilter,
  });

  const onSubmit = handleSubmit((values) => onApply(toAuditFilter(values)));

  return (
    <form className="card audit-filters" aria-labelledby="audit-filters-heading" noValidate onSubmit={(event) => void onSubmit(event)}>
      <h2 id="audit-filters-heading">Filter events</h2>
      <div className="audit-filter-fields">
        <FormField label="From" type="date" hint="Day in UTC" registration={register('from')} error={errors.from?.message} />
        <FormField label="To" type="date" hint="Day in UTC, included" registration={register('to')} error={errors.to?.message} />
        <FormField
          label="Staff member"
          autoCapitalize="none"
          spellCheck={false}
          hint="Username, e.g. “jsmith”"
          registration={register('actor')}
          error={errors.actor?.message}
        />
        <SelectField label="Action" registration={register('action')} error={errors.action?.message}>
          {auditActionFilters.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          Apply filters
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            reset(noAuditFilter);
            onApply({});
          }}
        >
          Clear filters
        </button>
      </div>
    </form>
  );
}
