import { zodResolver } from '@hookform/resolvers/zod';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { exportableStatuses } from '../../../../shared/compliance/audit-bundle';
import { statusLabels } from '../../../../shared/authorization/status';
import { CheckboxField } from '../../components/CheckboxField';
import { ChoiceGroupField } from '../../components/ChoiceGroupField';
import { FormField } from '../../components/FormField';
import { SubmitButton } from '../../components/SubmitButton';
import { lastYearRange } from '../compliance/compliance-format';
import { exportFormSchema, toExportParams, type ExportFormInput, type ExportFormValues } from './export-form-schema';
import type { CallInput } from '../../../../shared/contract';

const stateChoices = exportableStatuses.map((state) => ({ value: state, label: statusLabels[state] }));

interface ExportFormProps {
  /** Starts the export; resolves when the backend has answered (the export then runs on). */
  onStart: (params: CallInput<'exports.start'>) => Promise<unknown>;
  /** The start call is under way. (A second export while one runs is refused by the backend, which says why.) */
  starting: boolean;
}

/** What goes into the bundle: a range of days, optionally only some states, and whether names may appear. */
export function ExportForm({ onStart, starting }: ExportFormProps) {
  const warningId = useId();
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<ExportFormInput, unknown, ExportFormValues>({
    resolver: zodResolver(exportFormSchema),
    defaultValues: { ...lastYearRange(), states: [], includeNames: false },
  });

  const onSubmit = handleSubmit(async (values) => {
    await onStart(toExportParams(values));
  });

  return (
    <form className="card compliance-section" aria-labelledby="export-form-heading" noValidate onSubmit={(event) => void onSubmit(event)}>
      <h2 id="export-form-heading">What to export</h2>
      <p className="compliance-note">
        An authorization is included when it was signed, revoked or ended by its event within these days (both included),
        with the posts that relied on it and the audit trail of the period.
      </p>
      <div className="compliance-fields">
        <FormField label="From" type="date" hint="First day" registration={register('from')} error={errors.from?.message} />
        <FormField label="To" type="date" hint="Last day, included" registration={register('to')} error={errors.to?.message} />
      </div>
      <ChoiceGroupField
        legend="Only authorizations now in these states (optional)"
        type="checkbox"
        hint="Leave them all unticked to include every state. Drafts are never exported: nothing was signed."
        choices={stateChoices}
        registration={register('states')}
        error={errors.states?.message}
        columns
      />
      <CheckboxField label="Include patient names in file names and spreadsheets" aria-describedby={warningId} {...register('includeNames')} />
      <p id={warningId} className="compliance-warning">
        Off by default: files and spreadsheets then identify patients by id only. Turn it on only when the auditor needs the
        names, and keep the bundle as safe as the records themselves.
      </p>
      <div className="form-actions">
        <SubmitButton busy={isSubmitting || starting}>Start export</SubmitButton>
      </div>
    </form>
  );
}
