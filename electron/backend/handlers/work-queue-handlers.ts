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
import type { BackendCore } from '../backend-core';
import {
  awaitingWitness,
  draftsToSign,
  eventsToRecord,
  expiringBetween,
  liveUncoveredPosts,
  postsWaiting,
  revokedSince,
  type AuthorizationQueueRow,
  type PostQueueRow,
  type QueueRows,
} from '../repositories/work-queue-repository';
import type { Handlers } from './handler';

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

function computeQueue(core: BackendCore, key: WorkQueueKey): WorkQueue {
  const db = core.requireStore().db;
  const today = core.today();
  const zone = core.timeZone;
  const n = itemsPerQueue;
  switch (key) {
    case 'drafts_to_sign':
      return authorizationQueue(key, 'draft', draftsToSign(db, n), zone);
    case 'awaiting_witness':
      return authorizationQueue(key, 'authorization', awaitingWitness(db, n), zone);
    case 'expiring_soon':
      return authorizationQueue(key, 'authorization', expiringBetween(db, today, addDaysTo(today, expiringWithinDays), n), zone);
    case 'events_to_record':
      return authorizationQueue(key, 'authorization', eventsToRecord(db, n), zone);
    case 'revocations_recent': {
      const since = startOfDayIn(addDaysTo(today, -recentRevocationDays), zone).toISOString();
      return authorizationQueue(key, 'authorization', revokedSince(db, since, n), zone);
    }
    case 'takedowns_required':
      return postQueue(key, postsWaiting(db, "x.state = 'takedown_required'", 'takedown_required_at', n), zone);
    case 'posts_to_review':
      return postQueue(key, postsWaiting(db, "x.state = 'published' AND x.review_required_at IS NOT NULL", 'review_required_at', n), zone);
    case 'posts_to_approve':
      return postQueue(key, postsWaiting(db, "x.state = 'draft'", 'updated_at', n), zone);
    case 'posts_to_publish':
      return postQueue(key, postsWaiting(db, "x.state = 'approved'", 'approved_at', n), zone);
    case 'live_without_coverage': {
      // `since` is the day it was published (a practice day already).
      const live = liveUncoveredPosts(db, n);
      return {
        key,
        count: live.count,
        items: live.rows.map((r) => ({ target: { kind: 'post', id: r.id }, patientName: `${r.firstName} ${r.lastName}`, channel: r.channel, since: r.since, due: null })),
      };
    }
  }
}

export const workQueueHandlers = {
  'home.workQueues': (core) => {
    const me = core.requireSession();
    return workGroupKeys
      .filter((group) => can(me.role, workGroups[group].permission))
      .map((group): WorkGroup => ({ key: group, queues: workGroups[group].queues.map((key) => computeQueue(core, key)) }));
  },
} satisfies Partial<Handlers>;
