import { formResolver } from '../../components/form-resolver';
import { useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { contract } from '../../../../shared/contract';
import { defaultPageSize } from '../../../../shared/list-page';
import { patientName, type PatientSort, type PatientSummary } from '../../../../shared/patients';
import { useApi } from '../../api/api-context';
import { DataTable, usePage, type DataColumn, type ListView } from '../../components/DataTable';
import { messageOf } from '../../components/error-message';
import { FormField } from '../../components/FormField';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { formatDay, formatNumber } from '../../i18n/format';
import { PatientFormDialog } from './PatientFormDialog';
import { goToPatients, patientsHref } from './patients-route';
import '../../components/buttons.css';
import './patients.css';

const searchFormSchema = contract['patients.list'].input.pick({ query: true });
type SearchFormInput = z.input<typeof searchFormSchema>;
type SearchFormValues = z.output<typeof searchFormSchema>;

const typingPauseMs = 250;


const firstView: ListView<PatientSort> = { sort: 'name', direction: 'asc', offset: 0, limit: defaultPageSize };

/** Find a patient by name (any accents, case or order), date of birth or record number, or add one. */
export function PatientSearchView() {
  const api = useApi();
  const { t } = useTranslation('patients');
  const columns = useMemo<DataColumn<PatientSummary, PatientSort>[]>(
    () => [
      { id: 'name', header: t('patientTable.name'), sortKey: 'name', rowHeader: true, cell: ({ row }) => <a href={patientsHref.patient(row.original.id)}>{patientName(row.original)}</a> },
      { id: 'dateOfBirth', header: t('patientTable.dateOfBirth'), sortKey: 'dateOfBirth', cell: ({ row }) => formatDay(row.original.dateOfBirth) },
      { id: 'recordNumber', header: t('patientTable.recordNumber'), sortKey: 'recordNumber', cell: ({ row }) => row.original.recordNumber ?? '—' },
    ],
    // t changes with the language, so the headers and the cells' dates follow it.
    [t],
  );
  const [adding, setAdding] = useState(false);
  const [submitted, setSubmitted] = useState('');
  const [view, setView] = useState(firstView);
  const {
    register,
    handleSubmit,
    control,
    formState: { errors },
  } = useForm<SearchFormInput, unknown, SearchFormValues>({
    resolver: formResolver(searchFormSchema),
    defaultValues: { query: '' },
  });
  const typed = useWatch({ control, name: 'query' }) ?? '';
  const query = typed.trim();
  // A new query starts at its first page.
  const [viewQuery, setViewQuery] = useState(query);
  if (viewQuery !== query) {
    setViewQuery(query);
    setView((v) => ({ ...v, offset: 0 }));
  }

  // Search as the person types (after a short pause), and at once on Enter or a change of page.
  const { page, error, busy } = usePage(() => api['patients.list']({ query, ...view }), [api, query, view, submitted], submitted === query ? 0 : typingPauseMs);
  const onSubmit = handleSubmit((values) => setSubmitted(values.query));

  return (
    <>
      <PageHeading>{t('patientSearchView.patients')}</PageHeading>
      <p className="lead">{t('patientSearchView.findThePatientFirstAdd')}</p>
      <div className="page-actions">
        <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
          {t('patientSearchView.addAPatient')}
        </button>
      </div>
      <form role="search" aria-label={t('patientSearchView.patients')} className="patient-search" noValidate onSubmit={(event) => void onSubmit(event)}>
        <FormField
          label={t('patientSearchView.findAPatient')}
          type="search"
          autoComplete="off"
          spellCheck={false}
          hint={t('patientSearchView.nameDateOfBirthSuch')}
          registration={register('query')}
          error={errors.query?.message}
        />
        <button type="submit" className="button button-secondary">
          {t('patientSearchView.search')}
        </button>
      </form>
      <StatusMessage tone="problem">{error ? messageOf(error) : null}</StatusMessage>
      {error ? null : (
        <DataTable
          caption={viewQuery ? t('patientSearchView.patientsMatching', { query: viewQuery }) : t('patientTable.patients')}
          counted={(total) => t('patientSearchView.patientCount', { count: total, formatted: formatNumber(total) })}
          pagerLabel={t('patientSearchView.pagesOfPatients')}
          columns={columns}
          page={page}
          view={view}
          onView={setView}
          rowKey={(p) => p.id}
          busy={busy}
          empty={query ? t('patientSearchView.noPatientMatches', { query }) : t('patientTable.noPatientsYetAddThe')}
        />
      )}
      {adding ? (
        <PatientFormDialog onClose={() => setAdding(false)} onSaved={(patient) => goToPatients(patientsHref.patient(patient.id))} />
      ) : null}
    </>
  );
}
