import type { Day } from './calendar';
import type { Permission } from './roles';

/**
 * A role's work for today, as the Home page shows it: queues of things
 * that wait for someone, each with its count and the first items, each
 * item one click from where it is dealt with. The backend computes them
 * from the store and the practice's day at every call: no stored counter
 * can go stale.
 */
export const workQueueKeys = [
  'drafts_to_sign',
  'awaiting_witness',
  'expiring_soon',
  'events_to_record',
  'takedowns_required',
  'posts_to_review',
  'posts_to_approve',
  'posts_to_publish',
  'live_without_coverage',
  'revocations_recent',
] as const;
export type WorkQueueKey = (typeof workQueueKeys)[number];

export const workGroupKeys = ['front_desk', 'marketing', 'privacy'] as const;
export type WorkGroupKey = (typeof workGroupKeys)[number];

/** Which queues make up each group, and the permission that shows the group. */
export const workGroups: Record<WorkGroupKey, { permission: Permission; queues: readonly WorkQueueKey[] }> = {
  front_desk: { permission: 'consents.write', queues: ['drafts_to_sign', 'awaiting_witness', 'expiring_soon', 'events_to_record'] },
  marketing: { permission: 'posts.write', queues: ['takedowns_required', 'posts_to_review', 'posts_to_approve', 'posts_to_publish'] },
  privacy: { permission: 'audit.read', queues: ['live_without_coverage', 'revocations_recent'] },
};

/** Days ahead in which an authorization counts as expiring soon (to renew). */
export const expiringWithinDays = 30;
/** Days back in which a revocation counts as recent. */
export const recentRevocationDays = 30;
/** Items listed per queue; the count says how many there are in all. */
export const itemsPerQueue = 10;

/** Where an item is dealt with. */
export type WorkTarget = { kind: 'draft' | 'authorization' | 'post'; id: string };

export interface WorkItem {
  target: WorkTarget;
  /** The patient the item is about (a name staff of this role may see). */
  patientName: string;
  /** Posts: where it appears (a channel key or a name typed for another place). */
  channel: string | null;
  /** The day it started waiting: prepared, signed, flagged, received. */
  since: Day | null;
  /** The day it is due: the last day in effect. */
  due: Day | null;
}

export interface WorkQueue {
  key: WorkQueueKey;
  /** How many items wait in all (more than `items` may hold). */
  count: number;
  items: WorkItem[];
}

export interface WorkGroup {
  key: WorkGroupKey;
  queues: WorkQueue[];
}
