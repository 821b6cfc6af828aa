import { useCallback, useState } from 'react';
import { formatDay } from '../../../../shared/calendar';
import { incidentTriggerLabels } from '../../../../shared/program/incident';
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
  const api = useApi();
  const load = useCallback(() => api['incidents.list']({}), [api]);
  const { value, error, reload } = useLoaded(load);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <PageHeading>Incidents</PageHeading>
      <p className="lead">
        When patient information went out without a covering authorization, an incident opens with the day it was discovered. Within 60 days: assess the four
        factors, decide whether the patient must be told, and send the letter if so.
      </p>
      <StatusMessage tone={error ? 'problem' : 'success'}>{error ?? message}</StatusMessage>
      {!value ? (
        error ? null : <p aria-busy="true">Loading the incidents…</p>
      ) : value.length === 0 ? (
        <p>No incident so far.</p>
      ) : (
        <TableScroll label="Incidents">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Discovered</th>
                <th scope="col">What happened</th>
                <th scope="col">State</th>
                <th scope="col">Notice due by</th>
                <th scope="col">
                  <span className="visually-hidden">Open</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {value.map((i) => (
                <tr key={i.id} className={i.clock.overdue.length ? 'incident-overdue' : undefined}>
                  <td>{formatDay(i.discoveredOn, 'en')}</td>
                  <td className="cell-wrap">{incidentTriggerLabels[i.trigger]}</td>
                  <td>{i.state === 'open' ? 'Open' : 'Closed'}</td>
                  <td>
                    {formatDay(i.clock.deadlines.individualBy, 'en')}
                    {i.state === 'open' ? (i.clock.overdue.length ? ' (past due)' : ` (${i.clock.daysLeft} days left)`) : ''}
                  </td>
                  <td>
                    <a href={hashHref('/incidents', { incident: i.id })}>
                      Open<span className="visually-hidden"> the incident discovered {formatDay(i.discoveredOn, 'en')}</span>
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
          setMessage('The incident is open.');
          reload();
          window.location.hash = hashHref('/incidents', { incident: id });
        }}
      />
    </>
  );
}

function OpenIncidentForm({ onOpened }: { onOpened: (id: string) => void }) {
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
      <h2 id="open-incident-heading">Report something else that went out</h2>
      <p className="field-hint">Consent Desk opens incidents for posts and replies it knows about. Use this for anything else: a photo on a personal account, an email to the wrong list.</p>
      <FormAlert problem={problem} />
      <TextArea label="What went out, where and when" value={summary} onValue={setSummary} error={errors.summary} />
      <TextInput label="Discovered on" type="date" value={discoveredOn} onValue={setDiscoveredOn} error={errors.discoveredOn} hint="The first day anyone at the practice knew, or should have known." />
      <SubmitButton busy={busy}>Open an incident</SubmitButton>
    </form>
  );
}
