import { useTranslation } from 'react-i18next';
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { formatDay } from '../../i18n/format';
import { contract } from '../../../../shared/contract';
import { patientName, type PatientSummary } from '../../../../shared/patients';
import { useApi } from '../../api/api-context';
import { messageOf } from '../../components/error-message';
import { FormField } from '../../components/FormField';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { PatientFormDialog } from './PatientFormDialog';
import { goToPatients, patientsHref } from './patients-route';
import '../../components/buttons.css';
import '../../components/table.css';
import './patients.css';

const searchFormSchema = contract['patients.search'].input.pick({ query: true });
type SearchFormInput = z.input<typeof searchFormSchema>;
type SearchFormValues = z.output<typeof searchFormSchema>;

const typingPauseMs = 250;

interface Results {
  query: string;
  patients: PatientSummary[];
  error: string | null;
}

/** Find a patient by name, date of birth or record number, or add one. */
export function PatientSearchView() {
  const { t } = useTranslation(['patients', 'common']);
  const api = useApi();
  const [adding, setAdding] = useState(false);
  const [submitted, setSubmitted] = useState('');
  const [results, setResults] = useState<Results | null>(null);
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

  // Search as the person types (after a short pause), and at once on Enter.
  useEffect(() => {
    let current = true;
    const run = () =>
      api['patients.search']({ query, limit: 50 }).then(
        (patients) => current && setResults({ query, patients, error: null }),
        (error: unknown) => current && setResults({ query, patients: [], error: messageOf(error) }),
      );
    const timer = window.setTimeout(run, submitted === query ? 0 : typingPauseMs);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [api, query, submitted]);

  const onSubmit = handleSubmit((values) => setSubmitted(values.query));
  const fresh = results?.query === query ? results : null;

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
      <StatusMessage tone="problem">{fresh?.error}</StatusMessage>
      <div aria-busy={fresh === null}>
        {results ? <PatientTable results={results} /> : <p>{t('patientSearchView.loadingPatients')}</p>}
      </div>
      {adding ? (
        <PatientFormDialog onClose={() => setAdding(false)} onSaved={(patient) => goToPatients(patientsHref.patient(patient.id))} />
      ) : null}
    </>
  );
}

function PatientTable({ results }: { results: Results }) {
  const { t } = useTranslation(['patients', 'common']);
  if (results.error) return null;
  if (results.patients.length === 0) {
    return (
      <p className="empty-note" role="status">
        {results.query ? `No patient matches “${results.query}”.` : t('patientTable.noPatientsYetAddThe')}
      </p>
    );
  }
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption>
          {results.query ? `Patients matching “${results.query}”` : t('patientTable.patients')} ({results.patients.length})
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('patientTable.name')}</th>
            <th scope="col">{t('patientTable.dateOfBirth')}</th>
            <th scope="col">{t('patientTable.recordNumber')}</th>
          </tr>
        </thead>
        <tbody>
          {results.patients.map((patient) => (
            <tr key={patient.id}>
              <th scope="row">
                <a href={patientsHref.patient(patient.id)}>{patientName(patient)}</a>
              </th>
              <td>{formatDay(patient.dateOfBirth)}</td>
              <td>{patient.recordNumber ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
