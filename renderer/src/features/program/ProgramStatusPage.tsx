import { useCallback } from 'react';
import { formatDay } from '../../../../shared/calendar';
import { channelName } from '../../../../shared/posts/coverage';
import { acknowledgmentStateLabels } from '../../../../shared/program/acknowledgment';
import { incidentTriggerLabels } from '../../../../shared/program/incident';
import { periodStateLabels, reviewFrequencyLabels } from '../../../../shared/program/review-schedule';
import { trainingStateLabels } from '../../../../shared/program/training';
import { roleLabels } from '../../../../shared/roles';
import { useApi } from '../../api/api-context';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { TableScroll } from '../../components/TableScroll';
import { useLoaded } from '../../components/use-loaded';
import { hashHref } from '../marketing/use-hash-query';
import '../../components/table.css';
import './program.css';

/** The privacy officer's overview of the program today: everything overdue first, then each part (as `consent-desk program status` prints it). */
export function ProgramStatusPage() {
  const api = useApi();
  const load = useCallback(() => api['program.status']({}), [api]);
  const { value: s, error } = useLoaded(load);
  return (
    <>
      <PageHeading>Compliance program</PageHeading>
      <StatusMessage tone="problem">{error}</StatusMessage>
      {!s ? (
        error ? null : <p aria-busy="true">Loading…</p>
      ) : (
        <>
          <p className="lead">
            As of {formatDay(s.asOf, 'en')}. {s.policy.version === null ? 'No policy is published yet.' : `Policy version ${s.policy.version}, in force since ${formatDay(s.policy.publishedOn!, 'en')}.`} Training is due
            every {s.trainingCycleMonths} months.
          </p>
          <section className="card" aria-labelledby="overdue-heading">
            <h2 id="overdue-heading">{s.problems.length ? `Overdue (${s.problems.length})` : 'Nothing is overdue'}</h2>
            {s.problems.length ? (
              <ul className="program-problems">
                {s.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            ) : null}
            <p>
              <a href="#/policy-versions">Policy versions</a> · <a href="#/training">Training</a> · <a href="#/live-reviews">Reviews of live posts</a> · <a href="#/incidents">Incidents</a> ·{' '}
              <a href="#/reports">Compliance report</a>
            </p>
          </section>
          <section className="card" aria-labelledby="staff-heading">
            <h2 id="staff-heading">Staff</h2>
            <TableScroll label="Staff acknowledgments and training">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">Staff member</th>
                    <th scope="col">Role</th>
                    <th scope="col">Policy</th>
                    <th scope="col">Training</th>
                  </tr>
                </thead>
                <tbody>
                  {s.staff.map((p) => (
                    <tr key={p.staffId}>
                      <th scope="row">{p.displayName}</th>
                      <td>{roleLabels[p.role]}</td>
                      <td>{acknowledgmentStateLabels[p.acknowledgment.state]}</td>
                      <td>
                        {trainingStateLabels[p.training.state]} (due {formatDay(p.training.dueOn, 'en')})
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
          <section className="card" aria-labelledby="reviews-heading">
            <h2 id="reviews-heading">Reviews of live posts</h2>
            {s.reviews.length === 0 ? <p>No channel is scheduled.</p> : null}
            <ul>
              {s.reviews.map((r) => (
                <li key={r.scheduleId}>
                  {channelName(r.channel)}: {r.active ? reviewFrequencyLabels[r.frequency].toLowerCase() : 'stopped'}, {r.assigneeName}
                  {r.current ? `; current period: ${periodStateLabels[r.current.state].toLowerCase()}` : ''}; {r.missed.length} missed
                </li>
              ))}
              {s.unscheduledChannels.map((c) => (
                <li key={c}>{channelName(c)}: live posts, no schedule</li>
              ))}
            </ul>
          </section>
          <section className="card" aria-labelledby="open-incidents-heading">
            <h2 id="open-incidents-heading">Incidents open or with a notice due</h2>
            {s.incidents.length === 0 ? <p>None.</p> : null}
            <ul>
              {s.incidents.map((i) => (
                <li key={i.id}>
                  <a href={hashHref('/incidents', { incident: i.id })}>{incidentTriggerLabels[i.trigger]}</a>, discovered {formatDay(i.discoveredOn, 'en')}; notice due by{' '}
                  {formatDay(i.clock.deadlines.individualBy, 'en')}
                  {i.clock.overdue.length ? ' (past due)' : ` (${i.clock.daysLeft} days left)`}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </>
  );
}
