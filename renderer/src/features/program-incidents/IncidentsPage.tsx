import { incidentTriggerLabel } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import { useCallback, useState } from 'react';
import { formatDay } from '../../i18n/format';
import { useApi } from '../../api/api-context';
import type { FormProblem } from '../../components/call-error';
import { messageOf } from '../../components/error-message';
import { FormAlert } from '../../components/FormAlert';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { TableScroll } from '../../components/TableScroll';
import { useLoaded } from '../../components/use-loaded';
import { todayHere } from '../compliance/compliance-format';
import { hashHref, useHashQuery } from '../marketing/use-hash-query';
import { issuesByPath, TextArea, TextInput } from '../program/ControlledFields';
import { IncidentDetail } from './IncidentDetail';
import '../../components/buttons.css';
import '../../components/table.css';
import './incidents.css';

/**
 * Incidents under the breach rule: each opened with its discovery day and a
 * 60-day clock, most of them by Consent Desk itself (a published post that
 * lost its cover, a posted reply the checker flags), some by hand.
 */
export function IncidentsPage() {
  const query = useHashQuery();
  const id = query.get('incident');
  return id ? <IncidentDetail key={id} id={id} /> : <IncidentList />;
}

function IncidentList() {
  const { t } = useTranslation(['program-incidents', 'common']);
  const api = useApi();
  const load = useCallback(() => api['incidents.list']({}), [api]);
  const { value, error, reload } = useLoaded(load);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <PageHeading>{t('incidentList.incidents')}</PageHeading>
      <p className="lead">
        {t('incidentList.whenPatientInformationWentOut')}
      </p>
      <StatusMessage tone={error ? 'problem' : 'success'}>{error ?? message}</StatusMessage>
      {!value ? (
        error ? null : <p aria-busy="true">{t('incidentList.loadingTheIncidents')}</p>
      ) : value.length === 0 ? (
        <p>{t('incidentList.noIncidentSoFar')}</p>
      ) : (
        <TableScroll label={t('incidentList.incidents')}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('incidentList.discovered')}</th>
                <th scope="col">{t('incidentList.whatHappened')}</th>
                <th scope="col">{t('incidentList.state')}</th>
                <th scope="col">{t('incidentList.noticeDueBy')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('incidentList.open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {value.map((i) => (
                <tr key={i.id} className={i.clock.overdue.length ? 'incident-overdue' : undefined}>
                  <td>{formatDay(i.discoveredOn)}</td>
                  <td className="cell-wrap">{incidentTriggerLabel(i.trigger)}</td>
                  <td>{i.state === 'open' ? t('incidentList.open') : t('incidentList.closed')}</td>
                  <td>
                    {formatDay(i.clock.deadlines.individualBy)}
                    {i.state === 'open' ? (i.clock.overdue.length ? t('incidentList.pastDue') : ` ${t('incidentDetail.daysLeft', { count: i.clock.daysLeft })}`) : ''}
                  </td>
                  <td>
                    <a href={hashHref('/incidents', { incident: i.id })}>
                      {t('incidentList.open')}<span className="visually-hidden"> {t('incidentList.theIncidentDiscovered')} {formatDay(i.discoveredOn)}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <OpenIncidentForm
        onOpened={(id) => {
          setMessage(t('openIncidentForm.opened'));
          reload();
          window.location.hash = hashHref('/incidents', { incident: id });
        }}
      />
    </>
  );
}

function OpenIncidentForm({ onOpened }: { onOpened: (id: string) => void }) {
  const { t } = useTranslation(['program-incidents', 'common']);
  const api = useApi();
  const [summary, setSummary] = useState('');
  const [discoveredOn, setDiscoveredOn] = useState(todayHere());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="card"
      aria-labelledby="open-incident-heading"
      noValidate
      aria-busy={busy}
      onSubmit={(event) => {
        event.preventDefault();
        setBusy(true);
        setErrors({});
        setProblem(null);
        api['incidents.open']({ summary, discoveredOn, postId: null, patientId: null })
          .then(
            (i) => onOpened(i.id),
            (e: unknown) => {
              setErrors(issuesByPath(e));
              setProblem({ message: messageOf(e), focus: Object.keys(issuesByPath(e)).length === 0 });
            },
          )
          .finally(() => setBusy(false));
      }}
    >
      <h2 id="open-incident-heading">{t('openIncidentForm.reportSomethingElseThatWent')}</h2>
      <p className="field-hint">{t('openIncidentForm.consentDeskOpensIncidentsFor')}</p>
      <FormAlert problem={problem} />
      <TextArea label={t('openIncidentForm.whatWentOutWhereAnd')} value={summary} onValue={setSummary} error={errors.summary} />
      <TextInput label={t('openIncidentForm.discoveredOn')} type="date" value={discoveredOn} onValue={setDiscoveredOn} error={errors.discoveredOn} hint={t('openIncidentForm.theFirstDayAnyoneAt')} />
      <SubmitButton busy={busy}>{t('openIncidentForm.openAnIncident')}</SubmitButton>
    </form>
  );
}
