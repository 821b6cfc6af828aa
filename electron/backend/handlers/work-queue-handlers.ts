import { addDaysTo, dayOf, isDay, startOfDayIn, type Day } from '../../../shared/calendar';
import { can } from '../../../shared/roles';
import {
  expiringWithinDays,
  itemsPerQueue,
  recentRevocationDays,
  workGroupKeys,
  workGroups,
  type WorkGroup,
  type WorkItem,
  type WorkQueue,
  type WorkQueueKey,
  type WorkTarget,
} from '../../../shared/work-queues';
import type { CallOutput, ParsedInput } from '../../../shared/contract';
import type { SessionCore } from '../engine-core';
import type { AuthorizationQueueRow, PostQueueRow, QueueRows } from '../repositories/work-queue-repository';

/**
 * The home screen's work queues on the store engine (issue 15, switch-over
 * step 3): every queue the signed-in person's role sees, read through
 * `records.programIncidents.workQueue` in one engine read, one snapshot
 * (REPEATABLE READ on PostgreSQL), so a consent witnessed meanwhile is in
 * one queue or the next, never in both or neither. Nothing is written.
 */

/** An instant or a day as the practice's day; null stays null. */
function practiceDay(value: string | null, timeZone: string): Day | null {
  if (!value) return null;
  return isDay(value) ? value : dayOf(new Date(value), timeZone);
}

function authorizationQueue(key: WorkQueueKey, kind: WorkTarget['kind'], found: QueueRows<AuthorizationQueueRow>, timeZone: string): WorkQueue {
  return {
    key,
    count: found.count,
    items: found.rows.map(
      (r): WorkItem => ({
        target: { kind, id: r.id },
        patientName: `${r.firstName} ${r.lastName}`,
        channel: null,
        since: practiceDay(r.since, timeZone),
        due: r.due,
      }),
    ),
  };
}

function postQueue(key: WorkQueueKey, found: QueueRows<PostQueueRow>, timeZone: string): WorkQueue {
  return {
    key,
    count: found.count,
    items: found.rows.map((r) => ({
      target: { kind: 'post', id: r.id },
      patientName: `${r.firstName} ${r.lastName}`,
      channel: r.channel,
      since: practiceDay(r.since, timeZone),
      due: null,
    })),
  };
}

async function computeQueue(core: SessionCore, tx: unknown, key: WorkQueueKey): Promise<WorkQueue> {
  const q = core.engine.records.programIncidents.workQueue;
  const today = core.today();
  const zone = core.timeZone;
  const n = itemsPerQueue;
  switch (key) {
    case 'drafts_to_sign':
      return authorizationQueue(key, 'draft', await q.draftsToSign(tx, n), zone);
    case 'awaiting_witness':
      return authorizationQueue(key, 'authorization', await q.awaitingWitness(tx, n), zone);
    case 'expiring_soon':
      return authorizationQueue(key, 'authorization', await q.expiringBetween(tx, today, addDaysTo(today, expiringWithinDays), n), zone);
    case 'events_to_record':
      return authorizationQueue(key, 'authorization', await q.eventsToRecord(tx, n), zone);
    case 'revocations_recent': {
      const since = startOfDayIn(addDaysTo(today, -recentRevocationDays), zone).toISOString();
      return authorizationQueue(key, 'authorization', await q.revokedSince(tx, since, n), zone);
    }
    case 'takedowns_required':
      return postQueue(key, await q.postsWaiting(tx, 'takedown_required', n), zone);
    case 'posts_to_review':
      return postQueue(key, await q.postsWaiting(tx, 'review_required', n), zone);
    case 'posts_to_approve':
      return postQueue(key, await q.postsWaiting(tx, 'draft', n), zone);
    case 'posts_to_publish':
      return postQueue(key, await q.postsWaiting(tx, 'approved', n), zone);
    case 'live_without_coverage': {
      // `since` is the day it was published (a practice day already).
      const live = await q.liveUncoveredPosts(tx, n);
      return {
        key,
        count: live.count,
        items: live.rows.map((r) => ({ target: { kind: 'post', id: r.id }, patientName: `${r.firstName} ${r.lastName}`, channel: r.channel, since: r.since, due: null })),
      };
    }
  }
}

/** Written against `SessionCore`, not `BackendCore`: the same handler runs on either engine (work-queue-handlers.engines.test.ts). */
type WorkQueueHandlers = { 'home.workQueues': (core: SessionCore, input: ParsedInput<'home.workQueues'>) => Promise<CallOutput<'home.workQueues'>> };

export const workQueueHandlers: WorkQueueHandlers = {
  'home.workQueues': (core) => {
    const me = core.requireSession();
    const groups = workGroupKeys.filter((group) => can(me.role, workGroups[group].permission));
    return core.engine.read(async (tx) => {
      const answer: WorkGroup[] = [];
      for (const group of groups) {
        const queues: WorkQueue[] = [];
        for (const key of workGroups[group].queues) queues.push(await computeQueue(core, tx, key));
        answer.push({ key: group, queues });
      }
      return answer;
    }, { isolation: 'repeatable read' });
  },
};
