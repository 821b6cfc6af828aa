import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { formatDay } from '../../../../shared/calendar';
import { contract } from '../../../../shared/contract';
import { defaultPageSize } from '../../../../shared/list-page';
import { patientName, type PatientSort, type PatientSummary } from '../../../../shared/patients';
import { useApi } from '../../api/api-context';
import { DataTable, usePage, type DataColumn, type ListView } from '../../components/DataTable';
import { messageOf } from '../../components/error-message';
import { FormField } from '../../components/FormField';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { PatientFormDialog } from './PatientFormDialog';
import { goToPatients, patientsHref } from './patients-route';
import '../../components/buttons.css';
import './patients.css';

const searchFormSchema = contract['patients.list'].input.pick({ query: true });
type SearchFormInput = z.input<typeof searchFormSchema>;
type SearchFormValues = z.output<typeof searchFormSchema>;

const typingPauseMs = 250;

const columns: DataColumn<PatientSummary, PatientSort>[] = [
  { id: 'name', header: 'Name', sortKey: 'name', rowHeader: true, cell: ({ row }) => <a href={patientsHref.patient(row.original.id)}>{patientName(row.original)}</a> },
  { id: 'dateOfBirth', header: 'Date of birth', sortKey: 'dateOfBirth', cell: ({ row }) => formatDay(row.original.dateOfBirth, 'en') },
  { id: 'recordNumber', header: 'Record number', sortKey: 'recordNumber', cell: ({ row }) => row.original.recordNumber ?? '—' },
];

const firstView: ListView<PatientSort> = { sort: 'name', direction: 'asc', offset: 0, limit: defaultPageSize };

/** Find a patient by name (any accents, case or order), date of birth or record number, or add one. */
export function PatientSearchView() {
  const api = useApi();
  const [adding, setAdding] = useState(false);
  const [submitted, setSubmitted] = useState('');
  const [view, setView] = useState(firstView);
  const {
    register,
    handleSubmit,
    control,
    formState: { errors },
  } = useForm<SearchFormInput, unknown, SearchFormValues>({
    resolver: zodResolver(searchFormSchema),
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
      <PageHeading>Patients</PageHeading>
      <p className="lead">Find the patient first; add them only if they are not here yet.</p>
      <div className="page-actions">
        <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
          Add a patient
        </button>
      </div>
      <form role="search" aria-label="Patients" className="patient-search" noValidate onSubmit={(event) => void onSubmit(event)}>
        <FormField
          label="Find a patient"
          type="search"
          autoComplete="off"
          spellCheck={false}
          hint="Name in any order, accents optional; date of birth (such as 1984-05-17, 05/17/1984 or May 17, 1984); or record number."
          registration={register('query')}
          error={errors.query?.message}
        />
        <button type="submit" className="button button-secondary">
          Search
        </button>
      </form>
      <StatusMessage tone="problem">{error ? messageOf(error) : null}</StatusMessage>
      {error ? null : (
        <DataTable
          caption={viewQuery ? `Patients matching “${viewQuery}”` : 'Patients'}
          noun={{ one: 'patient', many: 'patients' }}
          columns={columns}
          page={page}
          view={view}
          onView={setView}
          rowKey={(p) => p.id}
          busy={busy}
          empty={query ? `No patient matches “${query}”.` : 'No patients yet. Add the first one.'}
        />
      )}
      {adding ? (
        <PatientFormDialog onClose={() => setAdding(false)} onSaved={(patient) => goToPatients(patientsHref.patient(patient.id))} />
      ) : null}
    </>
  );
}
