import { useTranslation } from 'react-i18next';
import { useCallback, useState } from 'react';
import type { AuthorizationSummary } from '../../../../shared/authorization/record';
import { formatDay } from '../../i18n/format';
import { parentalAuthorityEnds } from '../../../../shared/authorization/signer-authority';
import { isInEffect } from '../../../../shared/authorization/status';
import { practiceToday } from '../session/practice-time-zone';
import { patientName, type Patient } from '../../../../shared/patients';
import { useApi } from '../../api/api-context';
import { useRecordsChanged } from '../../api/record-events';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { useLoaded } from '../../components/use-loaded';
import { AuthorizationActions, type ActionOutcome } from '../consents/AuthorizationActions';
import { dayOfInstant, expirationText, languageText } from '../consents/authorization-text';
import { StatusBadge } from '../consents/StatusBadge';
import { PatientFormDialog } from './PatientFormDialog';
import { patientsHref } from './patients-route';
import '../../components/buttons.css';
import '../../components/table.css';
import './patients.css';

interface PatientRecord {
  patient: Patient;
  authorizations: AuthorizationSummary[];
  ageOfMajority: number;
}

/** Authorizations in effect that a parent signed, once the patient has come of age: they cover nothing new. */
function endedParentalAuthorizations(record: PatientRecord, today: string): AuthorizationSummary[] {
  const ends = parentalAuthorityEnds({ dateOfBirth: record.patient.dateOfBirth, representative: { name: '', authority: 'parent_of_minor', authorityDetail: '' }, ageOfMajority: record.ageOfMajority });
  if (ends === null || today < ends) return [];
  return record.authorizations.filter((a) => a.terms.representative?.authority === 'parent_of_minor' && isInEffect(a.status));
}

/** One patient: their details, and every authorization with its status and what can be done with it. */
export function PatientRecordView({ patientId }: { patientId: string }) {
  const { t } = useTranslation(['patients', 'common']);
  const api = useApi();
  const load = useCallback(async (): Promise<PatientRecord> => {
    const [patient, authorizations, settings] = await Promise.all([
      api['patients.get']({ id: patientId }),
      api['consents.listForPatient']({ patientId }),
      api['settings.get']({}),
    ]);
    return {
      patient,
      authorizations: [...authorizations].sort((x, y) => y.createdAt.localeCompare(x.createdAt)),
      ageOfMajority: settings.ageOfMajority,
    };
  }, [api, patientId]);
  const { value: record, error, reload } = useLoaded(load);
  const [editing, setEditing] = useState(false);
  const [outcome, setOutcome] = useState<ActionOutcome | null>(null);
  // Changed elsewhere while the details form is open: read again only once it closes, so nothing typed is replaced.
  const [changedWhileEditing, setChangedWhileEditing] = useState(false);
  useRecordsChanged({ tables: ['patients', 'authorizations'], ids: { table: 'patients', ids: [patientId] } }, () => {
    if (editing) setChangedWhileEditing(true);
    else reload();
  });
  const closeEditor = () => {
    setEditing(false);
    if (changedWhileEditing) {
      setChangedWhileEditing(false);
      reload();
    }
  };

  if (error && !record) {
    return (
      <>
        <PageHeading>{t('patientRecordView.patient')}</PageHeading>
        <StatusMessage tone="problem">{error}</StatusMessage>
        <a href={patientsHref.search()}>{t('patientRecordView.backToPatients')}</a>
      </>
    );
  }
  if (!record) return <p aria-busy="true">{t('patientRecordView.loadingThePatientSRecord')}</p>;

  const { patient, authorizations } = record;
  const name = patientName(patient);
  const cameOfAge = endedParentalAuthorizations(record, practiceToday());
  const onOutcome = (next: ActionOutcome, changed: boolean) => {
    setOutcome(next);
    if (changed) reload();
  };

  return (
    <>
      <a className="back-link" href={patientsHref.search()}>
        {t('patientRecordView.backToPatients')}
      </a>
      <PageHeading>{name}</PageHeading>
      <StatusMessage tone={outcome?.tone ?? 'info'}>{outcome?.message}</StatusMessage>
      <section className="card patient-details" aria-labelledby="patient-details-heading">
        <h2 id="patient-details-heading">{t('patientRecordView.details')}</h2>
        <dl className="details-list">
          <dt>{t('patientRecordView.dateOfBirth')}</dt>
          <dd>{formatDay(patient.dateOfBirth)}</dd>
          <dt>{t('patientRecordView.recordNumber')}</dt>
          <dd>{patient.recordNumber ?? '—'}</dd>
          <dt>{t('patientRecordView.phone')}</dt>
          <dd>{patient.phone ?? '—'}</dd>
          <dt>{t('patientRecordView.email')}</dt>
          <dd>{patient.email ?? '—'}</dd>
          <dt>{t('patientRecordView.city')}</dt>
          <dd>{patient.city ?? '—'}</dd>
        </dl>
        <button type="button" className="button button-secondary" onClick={() => setEditing(true)}>
          {t('patientRecordView.editDetails')}
        </button>
      </section>
      <section className="patient-authorizations" aria-labelledby="patient-authorizations-heading">
        <h2 id="patient-authorizations-heading">{t('patientRecordView.marketingAuthorizations')}</h2>
        {cameOfAge.length ? (
          <div className="notice" role="note">
            <p>
              <strong>{name} {t('patientRecordView.hasComeOfAge')}</strong> {cameOfAge.length === 1 ? t('patientRecordView.theAuthorization') : t('patientRecordView.authorizations', { count: cameOfAge.length })} {t('patientRecordView.aParentSignedNoLonger')} {cameOfAge.length === 1 ? t('patientRecordView.covers') : t('patientRecordView.cover')} {t('patientRecordView.newPostsPostsAlreadyPublished')}{' '}
              {cameOfAge.length === 1 ? t('patientRecordView.it') : t('patientRecordView.them')} {t('patientRecordView.areListedForMarketingTo')} {patient.firstName} {t('patientRecordView.toSign')}
            </p>
            <a className="button button-primary" href={patientsHref.prepare(patient.id)}>
              {t('patientRecordView.newAuthorizationFor')} {patient.firstName}
            </a>
          </div>
        ) : null}
        <div className="page-actions">
          <a className="button button-primary" href={patientsHref.prepare(patient.id)}>
            {t('patientRecordView.newAuthorization')}
          </a>
        </div>
        {authorizations.length === 0 ? (
          <p className="empty-note">{name} {t('patientRecordView.hasNoAuthorizationYet')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <caption>{t('patientRecordView.authorizationsOf')} {name} ({authorizations.length})</caption>
              <thead>
                <tr>
                  <th scope="col">{t('patientRecordView.prepared')}</th>
                  <th scope="col">{t('patientRecordView.status')}</th>
                  <th scope="col">{t('patientRecordView.ends')}</th>
                  <th scope="col">{t('patientRecordView.language')}</th>
                  <th scope="col">{t('patientRecordView.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {authorizations.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">{dayOfInstant(a.createdAt)}</th>
                    <td>
                      <StatusBadge status={a.status} />
                    </td>
                    <td>{expirationText(a)}</td>
                    <td>{languageText(a)}</td>
                    <td>
                      <AuthorizationActions authorization={{ ...a, patientName: patientName(patient) }} layout="row" onOutcome={onOutcome} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {editing ? (
        <PatientFormDialog
          patient={patient}
          onClose={closeEditor}
          notice={changedWhileEditing ? t('patientRecordView.changedWhileEditing') : null}
          onSaved={() => {
            setOutcome({ message: t('patientRecordView.detailsSaved'), tone: 'success' });
            reload();
          }}
        />
      ) : null}
    </>
  );
}
