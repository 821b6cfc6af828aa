import { useCallback, useEffect } from 'react';
import { daysBetween } from '../../../../shared/calendar';
import { channelName } from '../../../../shared/posts/coverage';
import type { WorkGroupKey, WorkItem, WorkQueue, WorkQueueKey } from '../../../../shared/work-queues';
import { useApi } from '../../api/api-context';
import { StatusMessage } from '../../components/StatusMessage';
import { useLoaded } from '../../components/use-loaded';
import { showDay, today } from '../marketing/dates';
import { hashHref } from '../marketing/use-hash-query';
import { patientsHref } from '../patients/patients-route';
import './work-queues.css';

const groupHeadings: Record<WorkGroupKey, string> = {
  front_desk: 'Front desk work',
  marketing: 'Marketing work',
  privacy: 'Privacy office work',
};

/** What each queue is called, what its items wait for, and what to say when it is empty. */
const queueWords: Record<WorkQueueKey, { title: string; empty: string; detail: (item: WorkItem) => string }> = {
  drafts_to_sign: { title: 'Drafts waiting for a signature', empty: 'No drafts are waiting.', detail: (i) => since('Prepared', i) },
  awaiting_witness: { title: 'Signed, waiting for the witness', empty: 'No signature is waiting for a witness.', detail: (i) => since('Signed', i) },
  expiring_soon: { title: 'Ending within 30 days: renew', empty: 'No authorization ends in the next 30 days.', detail: (i) => ends(i) },
  events_to_record: { title: 'Ending event to check and record', empty: 'No authorization waits for its ending event.', detail: (i) => since('In effect since', i) },
  takedowns_required: { title: 'Posts to take down', empty: 'No post has to come down.', detail: (i) => post(i, since('Flagged', i)) },
  posts_to_review: { title: 'Published posts to review', empty: 'No published post needs a review.', detail: (i) => post(i, since('Flagged', i)) },
  posts_to_approve: { title: 'Draft posts to check and approve', empty: 'No draft post is waiting.', detail: (i) => post(i, since('Changed', i)) },
  posts_to_publish: { title: 'Approved posts to publish', empty: 'No approved post is waiting.', detail: (i) => post(i, since('Approved', i)) },
  live_without_coverage: { title: 'Live posts their consent does not cover', empty: 'Every live post is covered by its consent.', detail: (i) => post(i, since('Published', i)) },
  revocations_recent: { title: 'Revocations received in the last 30 days', empty: 'No revocation in the last 30 days.', detail: (i) => since('Received', i) },
};

function since(verb: string, item: WorkItem): string {
  return item.since ? `${verb} ${showDay(item.since)}` : '';
}

function ends(item: WorkItem): string {
  if (!item.due) return '';
  const left = daysBetween(today(), item.due);
  const when = left === 0 ? 'today is its last day' : left === 1 ? 'in 1 day' : `in ${left} days`;
  return `Ends ${showDay(item.due)} (${when})`;
}

function post(item: WorkItem, detail: string): string {
  return [item.channel ? `Post on ${channelName(item.channel)}` : 'Post', detail].filter(Boolean).join(' · ');
}

function hrefOf(item: WorkItem): string {
  switch (item.target.kind) {
    case 'draft':
      return patientsHref.draft(item.target.id);
    case 'authorization':
      return patientsHref.authorization(item.target.id);
    case 'post':
      return hashHref('/posts', { post: item.target.id });
  }
}

/**
 * The role's work for today: one section per group the role works in, a
 * queue per kind of waiting thing with its count, each item a link to where
 * it is dealt with. Loaded when Home opens, and again when the window comes
 * back to the front, so the counts never lag behind what changed meanwhile.
 */
export function WorkQueues() {
  const api = useApi();
  const load = useCallback(() => api['home.workQueues']({}), [api]);
  const { value: groups, error, reload } = useLoaded(load);

  useEffect(() => {
    const again = () => {
      if (document.visibilityState === 'visible') reload();
    };
    window.addEventListener('focus', again);
    document.addEventListener('visibilitychange', again);
    return () => {
      window.removeEventListener('focus', again);
      document.removeEventListener('visibilitychange', again);
    };
  }, [reload]);

  if (error) return <StatusMessage tone="problem">{error}</StatusMessage>;
  if (!groups) return <p aria-busy="true">Loading your work…</p>;
  if (groups.length === 0) return null;
  return (
    <section className="work-queues" aria-labelledby="work-queues-heading">
      <h2 id="work-queues-heading">Your work today</h2>
      {groups.length === 1 ? (
        // One role's work: the queues straight under "Your work today".
        <QueueCards queues={groups[0]!.queues} level={3} />
      ) : (
        groups.map((group) => (
          <section key={group.key} className="work-group" aria-labelledby={`work-group-${group.key}`}>
            <h3 id={`work-group-${group.key}`}>{groupHeadings[group.key]}</h3>
            <QueueCards queues={group.queues} level={4} />
          </section>
        ))
      )}
    </section>
  );
}

function QueueCards({ queues, level }: { queues: WorkQueue[]; level: 3 | 4 }) {
  return (
    <div className="work-group-queues">
      {queues.map((queue) => (
        <QueueCard key={queue.key} queue={queue} level={level} />
      ))}
    </div>
  );
}

function QueueCard({ queue, level }: { queue: WorkQueue; level: 3 | 4 }) {
  const words = queueWords[queue.key];
  const headingId = `work-queue-${queue.key}`;
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <section className={queue.count ? 'card work-queue' : 'card work-queue work-queue-empty'} aria-labelledby={headingId}>
      <Heading id={headingId} className="work-queue-title">
        <span>{words.title}</span> <span className="work-queue-count">{queue.count}</span>
      </Heading>
      {queue.count === 0 ? (
        <p className="work-queue-none">{words.empty}</p>
      ) : (
        <>
          <ul className="work-queue-items">
            {queue.items.map((item) => (
              <li key={item.target.id}>
                <a href={hrefOf(item)}>{item.patientName}</a>
                <span className="work-queue-detail">{words.detail(item)}</span>
              </li>
            ))}
          </ul>
          {queue.count > queue.items.length ? (
            <p className="work-queue-more">
              Showing the first {queue.items.length} of {queue.count}.
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
