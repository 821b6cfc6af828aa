import { channelName, incidentTriggerLabel } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import { useCallback } from 'react';
import { formatDay } from '../../i18n/format';
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
  const { t } = useTranslation(['program', 'common']);
  const api = useApi();
  const load = useCallback(() => api['program.report'](period), [api, period]);
  const { value: r, error } = useLoaded(load);
  return (
    <section className="card compliance-section" aria-labelledby="program-report-heading">
      <h2 id="program-report-heading" className="compliance-section-heading">
        {t('complianceProgramSection.socialMediaComplianceProgram')}
      </h2>
      {error ? <p className="field-error">{error}</p> : null}
      {!r ? (
        error ? null : <p aria-busy="true">{t('complianceProgramSection.loading')}</p>
      ) : (
        <>
          <p>
            {formatDay(r.from)} {t('complianceProgramSection.to')} {formatDay(r.to)}{t('complianceProgramSection.staffShownAsOf')} {formatDay(r.asOf)}.
          </p>
          <ul>
            <li>
              {t('complianceProgramSection.policyVersionsInForce')} {r.policyVersions.length ? r.policyVersions.map((v) => `version ${v.version} (from ${formatDay(v.publishedOn)})`).join(', ') : t('complianceProgramSection.none')}; {r.acknowledgments.length} {t('complianceProgramSection.acknowledgmentSRecorded')} {r.staff.filter((s) => s.acknowledgment.state === 'current' || s.acknowledgment.state === 'renewal_due').length} {t('complianceProgramSection.of')} {r.staff.length} {t('complianceProgramSection.staffCurrent')}
            </li>
            <li>
              {t('complianceProgramSection.training')} {r.trainingSessions.filter((s) => !s.voided).length} {t('complianceProgramSection.sessionSHeld')} {r.staff.filter((s) => s.training.state === 'overdue').length} {t('complianceProgramSection.personSOverdue')} {r.quizResults.length} {t('complianceProgramSection.quizResultS')}
            </li>
            <li>
              {t('complianceProgramSection.reviewsOfLivePosts')} {r.totals.reviewsDone} {t('complianceProgramSection.doneOnTime')} {r.totals.reviewsLate} {t('complianceProgramSection.doneLate')} {r.totals.reviewsMissed} {t('complianceProgramSection.missed')}
              {r.reviews.length ? ` (${r.reviews.map((x) => channelName(x.channel)).join(', ')})` : ''}; {r.replyChecks.checked} {t('complianceProgramSection.reviewReplyIesChecked')} {r.replyChecks.flagged} {t('complianceProgramSection.flagged')}
            </li>
            <li>
              {t('complianceProgramSection.askBeforePosting')} {r.postReviews.requested} {t('complianceProgramSection.requestS')} {r.postReviews.approved} {t('complianceProgramSection.approved')} {r.postReviews.declined} {t('complianceProgramSection.declined')}
            </li>
            <li>
              {t('complianceProgramSection.incidents')} {r.totals.incidentsOpened} {t('complianceProgramSection.discovered')} {r.totals.incidentsClosed} {t('complianceProgramSection.closed')} {r.totals.incidentsOpen} {t('complianceProgramSection.open')}
              {r.incidents.length ? (
                <ul>
                  {r.incidents.map((i) => (
                    <li key={i.id}>
                      {incidentTriggerLabel(i.trigger)}{t('complianceProgramSection.discovered2')} {formatDay(i.discoveredOn)}:{' '}
                      {i.decision === null ? t('complianceProgramSection.notDecidedYet') : i.decision === 'required' ? `${t('complianceProgramSection.notificationRequired')}${i.noticeInTime === false ? t('complianceProgramSection.noticeLateOrMissing') : ''}` : t('complianceProgramSection.notificationNotRequired')}
                      {i.outcome ? t('complianceProgramSection.closedWith', { outcome: i.outcome }) : t('complianceProgramSection.open2')}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          </ul>
          <SavePdfButton source={{ call: 'program.reportPdf', input: period }} what={t('complianceProgramSection.programReportWhat')} fetchPdf={() => api['program.reportPdf'](period)} onOutcome={onOutcome} />
        </>
      )}
    </section>
  );
}
