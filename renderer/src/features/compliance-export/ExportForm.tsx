import { statusLabel } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import { formResolver } from '../../components/form-resolver';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { exportableStatuses } from '../../../../shared/compliance/audit-bundle';

import { CheckboxField } from '../../components/CheckboxField';
import { ChoiceGroupField } from '../../components/ChoiceGroupField';
import { FormField } from '../../components/FormField';
import { SubmitButton } from '../../components/SubmitButton';
import { lastYearRange } from '../compliance/compliance-format';
import { exportFormSchema, toExportParams, type ExportFormInput, type ExportFormValues } from './export-form-schema';
import type { CallInput } from '../../../../shared/contract';

const stateChoices = () => exportableStatuses.map((state) => ({ value: state, label: statusLabel(state) }));

interface ExportFormProps {
  /** Starts the export; resolves when the backend has answered (the export then runs on). */
  onStart: (params: CallInput<'exports.start'>) => Promise<unknown>;
  /** The start call is under way. (A second export while one runs is refused by the backend, which says why.) */
  starting: boolean;
}

/** What goes into the bundle: a range of days, optionally only some states, and whether names may appear. */
export function ExportForm({ onStart, starting }: ExportFormProps) {
  const { t } = useTranslation(['compliance-export', 'common']);
  const warningId = useId();
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<ExportFormInput, unknown, ExportFormValues>({
    resolver: formResolver(exportFormSchema),
    defaultValues: { ...lastYearRange(), states: [], includeNames: false },
  });

  const onSubmit = handleSubmit(async (values) => {
    await onStart(toExportParams(values));
  });

  return (
    <form className="card compliance-section" aria-labelledby="export-form-heading" noValidate onSubmit={(event) => void onSubmit(event)}>
      <h2 id="export-form-heading">{t('exportForm.whatToExport')}</h2>
      <p className="compliance-note">
        {t('exportForm.anAuthorizationIsIncludedWhen')}
      </p>
      <div className="compliance-fields">
        <FormField label={t('exportForm.from')} type="date" hint={t('exportForm.firstDay')} registration={register('from')} error={errors.from?.message} />
        <FormField label={t('exportForm.to')} type="date" hint={t('exportForm.lastDayIncluded')} registration={register('to')} error={errors.to?.message} />
      </div>
      <ChoiceGroupField
        legend={t('exportForm.onlyAuthorizationsNowInThese')}
        type="checkbox"
        hint={t('exportForm.leaveThemAllUntickedTo')}
        choices={stateChoices()}
        registration={register('states')}
        error={errors.states?.message}
        columns
      />
      <CheckboxField label={t('exportForm.includePatientNamesInFile')} aria-describedby={warningId} {...register('includeNames')} />
      <p id={warningId} className="compliance-warning">
        {t('exportForm.offByDefaultFilesAnd')}
      </p>
      <div className="form-actions">
        <SubmitButton busy={isSubmitting || starting}>{t('exportForm.startExport')}</SubmitButton>
      </div>
    </form>
  );
}
