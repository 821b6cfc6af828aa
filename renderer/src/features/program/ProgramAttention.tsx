import { useCallback, type ReactNode } from 'react';
import { formatDay } from '../../../../shared/calendar';
import { channelName } from '../../../../shared/posts/coverage';
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
          Missed review: {channelName(r.channel)}, {formatDay(r.period.start, 'en')} to {formatDay(r.period.end, 'en')} ({r.assigneeName}). <a href="#/live-reviews">Review it now</a>
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
          Review due by {formatDay(r.period.end, 'en')}: {channelName(r.channel)} ({r.assigneeName}). <a href="#/live-reviews">Reviews of live posts</a>
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
          Social-media policy: {acknowledgmentStateLabels[mine.acknowledgment.state].toLowerCase()}
          {mine.acknowledgment.renewBy && !mustAcknowledge(mine.acknowledgment) ? ` (renew by ${formatDay(mine.acknowledgment.renewBy, 'en')})` : ''}. <a href="#/our-policy">Read the policy</a>
        </>
      ),
    });
  }
  items.push({
    key: 'training',
    urgent: mine.training.state === 'overdue',
    content: (
      <>
        Your training: {trainingStateLabels[mine.training.state].toLowerCase()} (due {formatDay(mine.training.dueOn, 'en')}).{' '}
        {mine.lastQuiz ? `Last quiz: ${mine.lastQuiz.correct} of ${mine.lastQuiz.total}.` : ''} <a href="#/quiz">Take the policy quiz</a>
      </>
    ),
  });
  if (mine.incidents && mine.incidents.open) {
    items.push({
      key: 'incidents',
      urgent: mine.incidents.overdue > 0,
      content: (
        <>
          {mine.incidents.open} incident(s) open{mine.incidents.overdue ? `, ${mine.incidents.overdue} past a deadline` : ''}. <a href="#/incidents">Incidents</a>
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
          {mine.postReviewsWaiting} post(s) waiting for your review. <a href="#/post-reviews">Ask before posting</a>
        </>
      ),
    });
  }
  return (
    <section className="card program-attention" aria-labelledby="program-attention-heading">
      <h2 id="program-attention-heading">Compliance program</h2>
      <ul>
        {items.map((item) => (
          <li key={item.key} className={item.urgent ? 'program-urgent' : undefined}>
            {item.urgent ? <strong>Needs attention: </strong> : null}
            {item.content}
          </li>
        ))}
      </ul>
      <p className="field-hint">
        <a href="#/dos-and-donts">Do’s and don’ts</a>
      </p>
    </section>
  );
}
