import type { Db } from '../store/database';

/**
 * The rows behind each work queue, as plain queries on the store: a count
 * and the first rows in the order they should be dealt with. Each queue is
 * one function, so a queue can move to an indexed or stored read without
 * the others noticing.
 */
export interface QueueRows<R> {
  count: number;
  rows: R[];
}

export interface AuthorizationQueueRow {
  id: string;
  firstName: string;
  lastName: string;
  /** An instant: when it started waiting. */
  since: string | null;
  /** A day: its last day in effect. */
  due: string | null;
}

export interface PostQueueRow {
  id: string;
  firstName: string;
  lastName: string;
  channel: string;
  since: string | null;
}

function queue<R>(db: Db, from: string, select: string, order: string, limit: number, params: unknown[]): QueueRows<R> {
  const { count } = db.prepare(`SELECT count(*) AS count ${from}`).get(...params) as { count: number };
  const rows = count === 0 ? [] : (db.prepare(`SELECT ${select} ${from} ORDER BY ${order} LIMIT ?`).all(...params, limit) as R[]);
  return { count, rows };
}

const authorizationColumns = 'a.id, p.first_name AS firstName, p.last_name AS lastName';
const fromAuthorizations = 'FROM authorizations a JOIN patients p ON p.id = a.patient_id';

/** Drafts the patient has not signed yet, oldest change first. */
export function draftsToSign(db: Db, limit: number): QueueRows<AuthorizationQueueRow> {
  return queue(db, `${fromAuthorizations} WHERE a.stage = 'draft'`, `${authorizationColumns}, a.updated_at AS since, NULL AS due`, 'a.updated_at, a.id', limit, []);
}

/** Signed by the patient, waiting for staff to confirm as witness. */
export function awaitingWitness(db: Db, limit: number): QueueRows<AuthorizationQueueRow> {
  return queue(db, `${fromAuthorizations} WHERE a.stage = 'signed'`, `${authorizationColumns}, a.signed_at AS since, NULL AS due`, 'a.signed_at, a.id', limit, []);
}

/** In effect and ending by date within `[today, lastDay]`: to renew, soonest first. */
export function expiringBetween(db: Db, today: string, lastDay: string, limit: number): QueueRows<AuthorizationQueueRow> {
  const due = "json_extract(a.terms, '$.expiration.date')";
  return queue(
    db,
    `${fromAuthorizations} WHERE a.stage = 'final' AND a.revoked_at IS NULL AND json_extract(a.terms, '$.expiration.kind') = 'date' AND ${due} >= ? AND ${due} <= ?`,
    `${authorizationColumns}, NULL AS since, ${due} AS due`,
    `${due}, a.id`,
    limit,
    [today, lastDay],
  );
}

/** In effect until an event that nobody has recorded yet: staff check whether it happened. */
export function eventsToRecord(db: Db, limit: number): QueueRows<AuthorizationQueueRow> {
  return queue(
    db,
    `${fromAuthorizations} WHERE a.stage = 'final' AND a.revoked_at IS NULL AND a.expiration_event_at IS NULL AND json_extract(a.terms, '$.expiration.kind') = 'event'`,
    `${authorizationColumns}, a.witnessed_at AS since, NULL AS due`,
    'a.witnessed_at, a.id',
    limit,
    [],
  );
}

/** Revocations recorded since an instant, newest first. */
export function revokedSince(db: Db, since: string, limit: number): QueueRows<AuthorizationQueueRow> {
  return queue(
    db,
    `${fromAuthorizations} WHERE a.revoked_at IS NOT NULL AND a.revoked_at >= ?`,
    `${authorizationColumns}, a.revocation_received_on AS since, NULL AS due`,
    'a.revoked_at DESC, a.id',
    limit,
    [since],
  );
}

const postColumns = 'x.id, p.first_name AS firstName, p.last_name AS lastName, x.channel';
const fromPosts = 'FROM posts x JOIN patients p ON p.id = x.patient_id';

/** Posts in a state (and optionally more conditions), ordered by the instant column they started waiting at. */
export function postsWaiting(db: Db, where: string, sinceColumn: string, limit: number): QueueRows<PostQueueRow> {
  return queue(db, `${fromPosts} WHERE ${where}`, `${postColumns}, x.${sinceColumn} AS since`, `x.${sinceColumn}, x.id`, limit, []);
}

/**
 * Posts up (published, or waiting to come down) whose kept verdict says not
 * covered today, since the day they were published: read from the partial
 * index of uncovered posts, never by judging every post again. A parent's
 * authorization that ended when the patient came of age leaves what is up
 * standing (it is listed for review instead), as the uncovered-posts report says.
 */
export function liveUncoveredPosts(db: Db, limit: number): QueueRows<PostQueueRow> {
  return queue(
    db,
    `${fromPosts} WHERE x.coverage_covered = 0 AND x.state IN ('published', 'takedown_required')
       AND EXISTS (SELECT 1 FROM json_each(x.coverage_reasons) r WHERE json_extract(r.value, '$.code') <> 'came_of_age')`,
    `${postColumns}, x.published_at AS since`,
    'x.published_at, x.id',
    limit,
    [],
  );
}
