import crypto from 'node:crypto';
import type { AuditEvent, AuditFilter, AuditPage, ChainVerification } from '../../../shared/audit';
import type { AuditAction } from '../../../shared/audit-actions';
import type { Db } from '../store/database';
import { cachedStatement } from '../store/statement-cache';
import { toWellFormedText } from '../input-text';

export const genesisHash = '0'.repeat(64);

export interface AuditEntry {
  at: string;
  actorId: string | null;
  actorName: string;
  action: AuditAction;
  subjectType?: string | null;
  subjectId?: string | null;
  /** Short, with no more patient information than the action needs. */
  detail?: string;
}

export type AuditRow = {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
};

/** The hash of one event: SHA-256 over its fields and the previous hash, as canonical JSON. */
export function eventHash(e: Omit<AuditEvent, 'hash'>): string {
  const canonical = JSON.stringify([
    e.seq,
    e.at,
    e.actorId,
    e.actorName,
    e.action,
    e.subjectType,
    e.subjectId,
    e.detail,
    e.prevHash,
  ]);
  return crypto.createHash('sha256').update(canonical).digest('hex');
}

export function toEvent(row: AuditRow): AuditEvent {
  return {
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    detail: row.detail,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * The event that follows `head` in the chain, hashed: one definition for both
 * engines. The hash is taken over the text exactly as the database will store
 * it. Input is checked at the backend's boundary; this covers text from
 * elsewhere (a file name, a host name) that a database would otherwise change.
 */
export function nextAuditEvent(head: { seq: number; hash: string }, entry: AuditEntry): AuditEvent {
  const text = (value: string) => toWellFormedText(value);
  const nullable = (value: string | null | undefined) => (value === null || value === undefined ? null : text(value));
  const partial: Omit<AuditEvent, 'hash'> = {
    seq: head.seq + 1,
    at: text(entry.at),
    actorId: nullable(entry.actorId),
    actorName: text(entry.actorName),
    action: entry.action,
    subjectType: nullable(entry.subjectType),
    subjectId: nullable(entry.subjectId),
    detail: text(entry.detail ?? ''),
    prevHash: head.hash,
  };
  return { ...partial, hash: eventHash(partial) };
}

/**
 * Append one event to the chain. Call it inside the transaction of the change
 * it records, so the change and its audit event commit together or not at all.
 */
export function appendAudit(db: Db, entry: AuditEntry): AuditEvent {
  const head = cachedStatement(db, 'SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string };
  const event = nextAuditEvent(head, entry);
  cachedStatement(
    db,
    `INSERT INTO audit_events (seq, at, actor_id, actor_name, action, subject_type, subject_id, detail, prev_hash, hash)
     VALUES (@seq, @at, @actorId, @actorName, @action, @subjectType, @subjectId, @detail, @prevHash, @hash)`,
  ).run(event);
  return event;
}

export function listAudit(db: Db, filter: AuditFilter): AuditPage {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.from) {
    where.push('at >= @from');
    params.from = `${filter.from}T00:00:00.000Z`;
  }
  if (filter.to) {
    where.push('at < @to');
    params.to = new Date(Date.parse(`${filter.to}T00:00:00.000Z`) + 86_400_000).toISOString();
  }
  if (filter.actor) {
    where.push('actor_name = @actor');
    params.actor = filter.actor.toLowerCase();
  }
  if (filter.action) {
    where.push("action LIKE @action ESCAPE '\\'");
    params.action = `${filter.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  if (filter.subjectId) {
    where.push('subject_id = @subjectId');
    params.subjectId = filter.subjectId;
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM audit_events ${clause}`).get(params) as { n: number }).n;
  const pageClause = filter.beforeSeq ? `${clause ? `${clause} AND` : 'WHERE'} seq < @beforeSeq` : clause;
  if (filter.beforeSeq) params.beforeSeq = filter.beforeSeq;
  const rows = db
    .prepare(`SELECT * FROM audit_events ${pageClause} ORDER BY seq DESC LIMIT @limit`)
    .all({ ...params, limit: filter.limit ?? 100 }) as AuditRow[];
  return { events: rows.map(toEvent), total };
}

/** The events about one subject, oldest first (for certificates and exports). */
export function auditOfSubject(db: Db, subjectId: string): AuditEvent[] {
  return (db.prepare('SELECT * FROM audit_events WHERE subject_id = ? ORDER BY seq').all(subjectId) as AuditRow[]).map(
    toEvent,
  );
}

/**
 * Walk the whole chain: every event must follow the previous one by number
 * and hash, and hash to what it says; the head kept outside the table must
 * point at the last event. The first event that fails is named.
 */
export function verifyAuditChain(db: Db): ChainVerification {
  // One read transaction: the events and the head are read from the same
  // snapshot, or another process's commit between the two reads would look
  // like deleted events.
  return db.inTransaction ? walkChain(db, null) : db.transaction(() => walkChain(db, null))();
}

/** An event a full walk found intact, with its hash: where a later walk may start. */
export interface VerifiedChainPoint {
  seq: number;
  hash: string;
  /** When the full walk ran. */
  at: string;
}

/**
 * The chain from a point a full walk verified (`consent-desk check`) to its
 * head: the event at that point must still have the hash the walk saw (a
 * rewritten chain, however consistent, changes it), then every later event
 * is walked as `verifyAuditChain` walks them all. What it does not see is an
 * older event edited without touching any hash: the full check does. For
 * `status`, which must answer in the same time at any size (a practice's
 * years hold millions of events: 200,000 took 5.5 s to walk under load).
 */
export function verifyAuditChainSince(db: Db, point: VerifiedChainPoint | null): ChainVerification {
  return db.inTransaction ? walkChain(db, point) : db.transaction(() => walkChain(db, point))();
}

function walkChain(db: Db, point: VerifiedChainPoint | null): ChainVerification {
  let expectedSeq = 1;
  let prevHash = genesisHash;
  let count = 0;
  if (point && point.seq > 0) {
    const seen = db.prepare('SELECT hash FROM audit_events WHERE seq = ?').pluck().get(point.seq) as string | undefined;
    if (seen !== point.hash) {
      return {
        intact: false,
        events: 0,
        firstBadSeq: point.seq,
        problem:
          seen === undefined
            ? `Event ${point.seq}, which the full check of ${point.at} verified, is missing.`
            : `Event ${point.seq} no longer has the hash the full check of ${point.at} verified: the chain was rewritten since.`,
      };
    }
    expectedSeq = point.seq + 1;
    prevHash = point.hash;
    count = point.seq;
  }
  for (const row of db.prepare('SELECT * FROM audit_events WHERE seq >= ? ORDER BY seq').iterate(expectedSeq) as IterableIterator<AuditRow>) {
    const event = toEvent(row);
    const bad = (problem: string): ChainVerification => ({ intact: false, events: count, firstBadSeq: event.seq, problem });
    if (event.seq !== expectedSeq) {
      return { intact: false, events: count, firstBadSeq: expectedSeq, problem: `Event ${expectedSeq} is missing.` };
    }
    if (event.prevHash !== prevHash) {
      return bad(`Event ${event.seq} does not link to event ${event.seq - 1}: an earlier event was changed or removed.`);
    }
    if (eventHash(event) !== event.hash) {
      return bad(`Event ${event.seq} was changed after it was written (its content does not match its hash).`);
    }
    prevHash = event.hash;
    expectedSeq += 1;
    count += 1;
  }
  const head = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
  if (!head) {
    return { intact: false, events: count, firstBadSeq: expectedSeq, problem: 'The record of the chain’s head is missing.' };
  }
  const judged = judgeChainHead(count, prevHash, head);
  return judged.intact && point && point.seq > 0 ? { ...judged, verifiedInFull: { seq: point.seq, at: point.at } } : judged;
}

/**
 * The chain's walked events against its recorded head, on either engine: a
 * head beyond the last event means the newest events were deleted; any
 * other mismatch, that the head or the last event was changed.
 */
export function judgeChainHead(count: number, lastHash: string, head: { seq: number; hash: string }): ChainVerification {
  if (head.seq > count) {
    return {
      intact: false,
      events: count,
      firstBadSeq: count + 1,
      problem:
        head.seq === count + 1
          ? `Event ${count + 1}, the newest, was deleted: the chain ends at ${count} but its head records ${head.seq}.`
          : `Events ${count + 1} to ${head.seq}, the newest, were deleted: the chain ends at ${count} but its head records ${head.seq}.`,
    };
  }
  if (head.seq !== count || head.hash !== lastHash) {
    return {
      intact: false,
      events: count,
      firstBadSeq: Math.min(head.seq, count) || 1,
      problem: `The chain’s head (event ${head.seq}) does not match its last event (${count}).`,
    };
  }
  return { intact: true, events: count, headSeq: head.seq, headHash: head.hash };
}
