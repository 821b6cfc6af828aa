import { channelName, roleLabel, incidentTriggerLabel, reviewFrequencyLabel, periodStateLabel } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import { useCallback } from 'react';
import { formatDay } from '../../i18n/format';
import { acknowledgmentStateLabels } from '../../../../shared/program/acknowledgment';
import { trainingStateLabels } from '../../../../shared/program/training';
import { useApi } from '../../api/api-context';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { TableScroll } from '../../components/TableScroll';
import { useLoaded } from '../../components/use-loaded';
import { hashHref } from '../marketing/use-hash-query';
import '../../components/table.css';
import './program.css';
import { programProblemText } from '../../i18n/program-problems';

/** The privacy officer's overview of the program today: everything overdue first, then each part (as `consent-desk program status` prints it). */
export function ProgramStatusPage() {
  const { t } = useTranslation(['program', 'program-incidents', 'common']);
  const api = useApi();
  const load = useCallback(() => api['program.status']({}), [api]);
  const { value: s, error } = useLoaded(load);
  return (
    <>
      <PageHeading>{t('programStatusPage.complianceProgram')}</PageHeading>
      <StatusMessage tone="problem">{error}</StatusMessage>
      {!s ? (
        error ? null : <p aria-busy="true">{t('programStatusPage.loading')}</p>
      ) : (
        <>
          <p className="lead">
            {t('programStatusPage.asOf')} {formatDay(s.asOf)}. {s.policy.version === null ? t('programStatusPage.noPolicyIsPublishedYet') : t('programStatusPage.policyInForce', { version: s.policy.version, day: formatDay(s.policy.publishedOn!) })} {t('programStatusPage.trainingIsDueEvery')} {s.trainingCycleMonths} {t('programStatusPage.months')}
          </p>
          <section className="card" aria-labelledby="overdue-heading">
            <h2 id="overdue-heading">{s.problems.length ? t('programStatusPage.overdue', { count: s.problems.length }) : t('programStatusPage.nothingIsOverdue')}</h2>
            {s.problems.length ? (
              <ul className="program-problems">
                {s.problemItems.map((p, index) => (
                  <li key={index}>{programProblemText(p)}</li>
                ))}
              </ul>
            ) : null}
            <p>
              <a href="#/policy-versions">{t('programStatusPage.policyVersions')}</a> · <a href="#/training">{t('programStatusPage.training')}</a> · <a href="#/live-reviews">{t('programStatusPage.reviewsOfLivePosts')}</a> · <a href="#/incidents">{t('programStatusPage.incidents')}</a> ·{' '}
              <a href="#/reports">{t('programStatusPage.complianceReport')}</a>
            </p>
          </section>
          <section className="card" aria-labelledby="staff-heading">
            <h2 id="staff-heading">{t('programStatusPage.staff')}</h2>
            <TableScroll label={t('programStatusPage.staffAcknowledgmentsAndTraining')}>
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('programStatusPage.staffMember')}</th>
                    <th scope="col">{t('programStatusPage.role')}</th>
                    <th scope="col">{t('programStatusPage.policy')}</th>
                    <th scope="col">{t('programStatusPage.training')}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.staff.map((p) => (
                    <tr key={p.staffId}>
                      <th scope="row">{p.displayName}</th>
                      <td>{roleLabel(p.role)}</td>
                      <td>{acknowledgmentStateLabels[p.acknowledgment.state]}</td>
                      <td>
                        {trainingStateLabels[p.training.state]} {t('programStatusPage.due')} {formatDay(p.training.dueOn)})
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
          <section className="card" aria-labelledby="reviews-heading">
            <h2 id="reviews-heading">{t('programStatusPage.reviewsOfLivePosts')}</h2>
            {s.reviews.length === 0 ? <p>{t('programStatusPage.noChannelIsScheduled')}</p> : null}
            <ul>
              {s.reviews.map((r) => (
                <li key={r.scheduleId}>
                  {channelName(r.channel)}: {r.active ? reviewFrequencyLabel(r.frequency).toLowerCase() : t('programStatusPage.stopped')}, {r.assigneeName}
                  {r.current ? t('programStatusPage.currentPeriod', { state: periodStateLabel(r.current.state).toLowerCase() }) : ''}; {r.missed.length} {t('programStatusPage.missed')}
                </li>
              ))}
              {s.unscheduledChannels.map((c) => (
                <li key={c}>{channelName(c)}{t('programStatusPage.livePostsNoSchedule')}</li>
              ))}
            </ul>
          </section>
          <section className="card" aria-labelledby="open-incidents-heading">
            <h2 id="open-incidents-heading">{t('programStatusPage.incidentsOpenOrWithA')}</h2>
            {s.incidents.length === 0 ? <p>{t('programStatusPage.none')}</p> : null}
            <ul>
              {s.incidents.map((i) => (
                <li key={i.id}>
                  <a href={hashHref('/incidents', { incident: i.id })}>{incidentTriggerLabel(i.trigger)}</a>{t('programStatusPage.discovered')} {formatDay(i.discoveredOn)}{t('programStatusPage.noticeDueBy')}{' '}
                  {formatDay(i.clock.deadlines.individualBy)}
                  {i.clock.overdue.length ? t('programStatusPage.pastDue') : ` ${t('program-incidents:incidentDetail.daysLeft', { count: i.clock.daysLeft })}`}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </>
  );
}
