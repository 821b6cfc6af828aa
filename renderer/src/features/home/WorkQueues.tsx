import type { TFunction } from 'i18next';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { daysBetween } from '../../../../shared/calendar';
import type { WorkItem, WorkQueue, WorkQueueKey } from '../../../../shared/work-queues';
import { useApi } from '../../api/api-context';
import { StatusMessage } from '../../components/StatusMessage';
import { useLoaded } from '../../components/use-loaded';
import { anyRecord } from '../../api/record-events';
import { formatNumber } from '../../i18n/format';
import { channelName } from '../../i18n/labels';
import { showDay, today } from '../marketing/dates';
import { hashHref } from '../marketing/use-hash-query';
import { patientsHref } from '../patients/patients-route';
import './work-queues.css';

/** Which words each queue uses (home catalogue, workQueues.queues.<key>), and what its items wait since. */
const queueDetails: Record<WorkQueueKey, (item: WorkItem, t: HomeT) => string> = {
  drafts_to_sign: (i, t) => since('prepared', i, t),
  awaiting_witness: (i, t) => since('signed', i, t),
  expiring_soon: (i, t) => ends(i, t),
  events_to_record: (i, t) => since('inEffectSince', i, t),
  takedowns_required: (i, t) => post(i, since('flagged', i, t), t),
  posts_to_review: (i, t) => post(i, since('flagged', i, t), t),
  posts_to_approve: (i, t) => post(i, since('changed', i, t), t),
  posts_to_publish: (i, t) => post(i, since('approved', i, t), t),
  live_without_coverage: (i, t) => post(i, since('published', i, t), t),
  revocations_recent: (i, t) => since('received', i, t),
};

type HomeT = TFunction<'home'>;
type SinceWord = 'prepared' | 'signed' | 'inEffectSince' | 'flagged' | 'changed' | 'approved' | 'published' | 'received';

function since(word: SinceWord, item: WorkItem, t: HomeT): string {
  return item.since ? t(`workQueues.since.${word}`, { day: showDay(item.since) }) : '';
}

function ends(item: WorkItem, t: HomeT): string {
  if (!item.due) return '';
  const left = daysBetween(today(), item.due);
  return left === 0 ? t('workQueues.endsToday', { day: showDay(item.due) }) : t('workQueues.endsInDays', { day: showDay(item.due), count: left });
}

function post(item: WorkItem, detail: string, t: HomeT): string {
  return [item.channel ? t('workQueues.postOn', { channel: channelName(item.channel) }) : t('workQueues.post'), detail].filter(Boolean).join(' · ');
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
  const { t } = useTranslation('home');
  const load = useCallback(() => api['home.workQueues']({}), [api]);
  const { value: groups, error, reload } = useLoaded(load, anyRecord);

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
  if (!groups) return <p aria-busy="true">{t('workQueues.loadingYourWork')}</p>;
  if (groups.length === 0) return null;
  return (
    <section className="work-queues" aria-labelledby="work-queues-heading">
      <h2 id="work-queues-heading">{t('workQueues.yourWorkToday')}</h2>
      {groups.length === 1 ? (
        // One role's work: the queues straight under "Your work today".
        <QueueCards queues={groups[0]!.queues} level={3} />
      ) : (
        groups.map((group) => (
          <section key={group.key} className="work-group" aria-labelledby={`work-group-${group.key}`}>
            <h3 id={`work-group-${group.key}`}>{t(`workQueues.groups.${group.key}`)}</h3>
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
  const { t } = useTranslation('home');
  const headingId = `work-queue-${queue.key}`;
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <section className={queue.count ? 'card work-queue' : 'card work-queue work-queue-empty'} aria-labelledby={headingId}>
      <Heading id={headingId} className="work-queue-title">
        <span>{t(`workQueues.queues.${queue.key}.title`)}</span> <span className="work-queue-count">{formatNumber(queue.count)}</span>
      </Heading>
      {queue.count === 0 ? (
        <p className="work-queue-none">{t(`workQueues.queues.${queue.key}.empty`)}</p>
      ) : (
        <>
          <ul className="work-queue-items">
            {queue.items.map((item) => (
              <li key={item.target.id}>
                <a href={hrefOf(item)}>{item.patientName}</a>
                <span className="work-queue-detail">{queueDetails[queue.key](item, t)}</span>
              </li>
            ))}
          </ul>
          {queue.count > queue.items.length ? (
            <p className="work-queue-more">
              {t('workQueues.showingFirst', { shown: formatNumber(queue.items.length), count: queue.items.length, total: formatNumber(queue.count) })}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
