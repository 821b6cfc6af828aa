import { channelName } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import { useCallback, type ReactNode } from 'react';
import { formatDay } from '../../i18n/format';
import { acknowledgmentStateLabels, mustAcknowledge } from '../../../../shared/program/acknowledgment';
import { trainingStateLabels } from '../../../../shared/program/training';
import { useApi } from '../../api/api-context';
import { useLoaded } from '../../components/use-loaded';
import './program.css';

/**
 * What the compliance program asks of the signed-in person now, on Home and
 * the marketing dashboard: reviews of live posts due and missed (theirs, or
 * every channel's for the privacy officer), their policy acknowledgment and
 * training, incidents open and requests waiting (for those who handle them).
 */
export function ProgramAttention() {
  const { t } = useTranslation(['program', 'common']);
  const api = useApi();
  const load = useCallback(() => api['program.mine']({}), [api]);
  const { value: mine } = useLoaded(load);
  if (!mine) return null;
  const missed = mine.reviews.filter((r) => r.period.state === 'missed');
  const due = mine.reviews.filter((r) => r.period.state === 'due');
  const items: { key: string; urgent: boolean; content: ReactNode }[] = [];
  for (const r of missed) {
    items.push({
      key: `missed-${r.scheduleId}-${r.period.start}`,
      urgent: true,
      content: (
        <>
          {t('programAttention.missedReview')} {channelName(r.channel)}, {formatDay(r.period.start)} {t('programAttention.to')} {formatDay(r.period.end)} ({r.assigneeName}). <a href="#/live-reviews">{t('programAttention.reviewItNow')}</a>
        </>
      ),
    });
  }
  for (const r of due) {
    items.push({
      key: `due-${r.scheduleId}`,
      urgent: false,
      content: (
        <>
          {t('programAttention.reviewDueBy')} {formatDay(r.period.end)}: {channelName(r.channel)} ({r.assigneeName}). <a href="#/live-reviews">{t('programAttention.reviewsOfLivePosts')}</a>
        </>
      ),
    });
  }
  if (mine.policy) {
    items.push({
      key: 'policy',
      urgent: mustAcknowledge(mine.acknowledgment),
      content: (
        <>
          {t('programAttention.socialMediaPolicy')} {acknowledgmentStateLabels[mine.acknowledgment.state].toLowerCase()}
          {mine.acknowledgment.renewBy && !mustAcknowledge(mine.acknowledgment) ? t('programAttention.renewBy', { day: formatDay(mine.acknowledgment.renewBy) }) : ''}. <a href="#/our-policy">{t('programAttention.readThePolicy')}</a>
        </>
      ),
    });
  }
  items.push({
    key: 'training',
    urgent: mine.training.state === 'overdue',
    content: (
      <>
        {t('programAttention.yourTraining')} {trainingStateLabels[mine.training.state].toLowerCase()} {t('programAttention.due')} {formatDay(mine.training.dueOn)}).{' '}
        {mine.lastQuiz ? t('programAttention.lastQuiz', { correct: mine.lastQuiz.correct, total: mine.lastQuiz.total }) : ''} <a href="#/quiz">{t('programAttention.takeThePolicyQuiz')}</a>
      </>
    ),
  });
  if (mine.incidents && mine.incidents.open) {
    items.push({
      key: 'incidents',
      urgent: mine.incidents.overdue > 0,
      content: (
        <>
          {mine.incidents.open} {t('programAttention.incidentSOpen')}{mine.incidents.overdue ? t('programAttention.pastDeadline', { count: mine.incidents.overdue }) : ''}. <a href="#/incidents">{t('programAttention.incidents')}</a>
        </>
      ),
    });
  }
  if (mine.postReviewsWaiting) {
    items.push({
      key: 'post-reviews',
      urgent: false,
      content: (
        <>
          {mine.postReviewsWaiting} {t('programAttention.postSWaitingForYour')} <a href="#/post-reviews">{t('programAttention.askBeforePosting')}</a>
        </>
      ),
    });
  }
  return (
    <section className="card program-attention" aria-labelledby="program-attention-heading">
      <h2 id="program-attention-heading">{t('programAttention.complianceProgram')}</h2>
      <ul>
        {items.map((item) => (
          <li key={item.key} className={item.urgent ? 'program-urgent' : undefined}>
            {item.urgent ? <strong>{t('programAttention.needsAttention')} </strong> : null}
            {item.content}
          </li>
        ))}
      </ul>
      <p className="field-hint">
        <a href="#/dos-and-donts">{t('programAttention.doSAndDonTs')}</a>
      </p>
    </section>
  );
}
