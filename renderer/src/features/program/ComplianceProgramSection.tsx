import { useCallback } from 'react';
import { formatDay } from '../../../../shared/calendar';
import { channelName } from '../../../../shared/posts/coverage';
import { incidentTriggerLabels } from '../../../../shared/program/incident';
import { useApi } from '../../api/api-context';
import { useLoaded } from '../../components/use-loaded';
import { SavePdfButton } from './SavePdfButton';
import './program.css';

/**
 * The compliance program over the Reports page's period, next to the other
 * reports: policy versions and acknowledgments, training, reviews done and
 * missed, incidents and their outcome; as a signed PDF too.
 */
export function ComplianceProgramSection({ period, onOutcome }: { period: { from: string; to: string }; onOutcome: (o: { message: string; tone: 'success' | 'problem' }) => void }) {
  const api = useApi();
  const load = useCallback(() => api['program.report'](period), [api, period]);
  const { value: r, error } = useLoaded(load);
  return (
    <section className="card compliance-section" aria-labelledby="program-report-heading">
      <h2 id="program-report-heading" className="compliance-section-heading">
        Social-media compliance program
      </h2>
      {error ? <p className="field-error">{error}</p> : null}
      {!r ? (
        error ? null : <p aria-busy="true">Loading…</p>
      ) : (
        <>
          <p>
            {formatDay(r.from, 'en')} to {formatDay(r.to, 'en')}; staff shown as of {formatDay(r.asOf, 'en')}.
          </p>
          <ul>
            <li>
              Policy versions in force: {r.policyVersions.length ? r.policyVersions.map((v) => `version ${v.version} (from ${formatDay(v.publishedOn, 'en')})`).join(', ') : 'none'}; {r.acknowledgments.length} acknowledgment(s)
              recorded; {r.staff.filter((s) => s.acknowledgment.state === 'current' || s.acknowledgment.state === 'renewal_due').length} of {r.staff.length} staff current.
            </li>
            <li>
              Training: {r.trainingSessions.filter((s) => !s.voided).length} session(s) held; {r.staff.filter((s) => s.training.state === 'overdue').length} person(s) overdue; {r.quizResults.length} quiz
              result(s).
            </li>
            <li>
              Reviews of live posts: {r.totals.reviewsDone} done on time, {r.totals.reviewsLate} done late, {r.totals.reviewsMissed} missed
              {r.reviews.length ? ` (${r.reviews.map((x) => channelName(x.channel)).join(', ')})` : ''}; {r.replyChecks.checked} review reply(ies) checked, {r.replyChecks.flagged} flagged.
            </li>
            <li>
              Ask before posting: {r.postReviews.requested} request(s), {r.postReviews.approved} approved, {r.postReviews.declined} declined.
            </li>
            <li>
              Incidents: {r.totals.incidentsOpened} discovered, {r.totals.incidentsClosed} closed, {r.totals.incidentsOpen} open.
              {r.incidents.length ? (
                <ul>
                  {r.incidents.map((i) => (
                    <li key={i.id}>
                      {incidentTriggerLabels[i.trigger]}, discovered {formatDay(i.discoveredOn, 'en')}:{' '}
                      {i.decision === null ? 'not decided yet' : i.decision === 'required' ? `notification required${i.noticeInTime === false ? ' (notice late or missing)' : ''}` : 'notification not required'}
                      {i.outcome ? `; closed: ${i.outcome}` : '; open'}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          </ul>
          <SavePdfButton source={{ call: 'program.reportPdf', input: period }} what="compliance program report" fetchPdf={() => api['program.reportPdf'](period)} onOutcome={onOutcome} />
        </>
      )}
    </section>
  );
}
