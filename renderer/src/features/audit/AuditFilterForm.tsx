import { useTranslation } from 'react-i18next';
import { formResolver } from '../../components/form-resolver';
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
  const { t } = useTranslation(['audit', 'common']);
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors },
  } = useForm<AuditFilterFormInput, unknown, AuditFilterFormValues>({
    resolver: formResolver(auditFilterFormSchema),
    defaultValues: noAuditFilter,
  });

  const onSubmit = handleSubmit((values) => onApply(toAuditFilter(values)));

  return (
    <form className="card audit-filters" aria-labelledby="audit-filters-heading" noValidate onSubmit={(event) => void onSubmit(event)}>
      <h2 id="audit-filters-heading">{t('auditFilterForm.filterEvents')}</h2>
      <div className="audit-filter-fields">
        <FormField label={t('auditFilterForm.from')} type="date" hint={t('auditFilterForm.dayInUtc')} registration={register('from')} error={errors.from?.message} />
        <FormField label={t('auditFilterForm.to')} type="date" hint={t('auditFilterForm.dayInUtcIncluded')} registration={register('to')} error={errors.to?.message} />
        <FormField
          label={t('auditFilterForm.staffMember')}
          autoCapitalize="none"
          spellCheck={false}
          hint={t('auditFilterForm.usernameEGJsmith')}
          registration={register('actor')}
          error={errors.actor?.message}
        />
        <SelectField label={t('auditFilterForm.action')} registration={register('action')} error={errors.action?.message}>
          {auditActionFilters.map((option) => (
            <option key={option.value} value={option.value}>
              {t(`auditFilterForm.actionFilters.${option.labelKey}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          {t('auditFilterForm.applyFilters')}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            reset(noAuditFilter);
            onApply({});
          }}
        >
          {t('auditFilterForm.clearFilters')}
        </button>
      </div>
    </form>
  );
}
