import crypto from 'node:crypto';
import type { ClientBase } from 'pg';
import type { Day } from '../../../shared/calendar';
import type { ReviewFrequency } from '../../../shared/program/review-schedule';
import { listReplyChecks, listSchedules, type KeptReplyCheck } from '../repositories/channel-review-repository';
import { getIncidentDocument, listIncidents } from '../repositories/incident-repository';
import { allThreads } from '../repositories/post-review-repository';
import { countReplyChecks } from '../repositories/reply-check-repository';
import type { Db } from '../store/database';
import type { FieldCipher } from './field-crypto';
import {
  createPgIncidentRepository,
  createPgPostReviewRepository,
  createPgReplyCheckRepository,
  createPgReviewScheduleRepository,
  type IncidentImport,
} from './pg-program-incidents-repository';

/**
 * migrate-store's part for schema 7: the compliance program's checked
 * replies, review schedules, post review threads, incidents and their
 * documents, copied from the file in its insertion order (inside the move's
 * one transaction and snapshot) and checked against it afterwards.
 */

export interface IncidentMovedCounts {
  replyChecks: number;
  reviewSchedules: number;
  postReviewMessages: number;
  incidents: number;
  incidentDocuments: number;
}

export const noIncidentRecordsMoved = (): IncidentMovedCounts => ({ replyChecks: 0, reviewSchedules: 0, postReviewMessages: 0, incidents: 0, incidentDocuments: 0 });

type Each = <T>(step: keyof IncidentMovedCounts, items: T[], copy: (item: T) => Promise<void>) => Promise<void>;

type ScheduleRow = { id: string; channel: string; frequency: ReviewFrequency; assigneeId: string; startsOn: string; active: number; endedOn: string | null; createdAt: string; updatedAt: string };
type MessageRow = { id: string; postId: string; at: string; by: string; kind: 'request' | 'comment' | 'approve' | 'decline'; body: string; contentSha256: string };
type DocumentRow = { id: string; incidentId: string; kind: 'report' | 'letter'; language: string; at: string; by: string; pdf: Buffer; sha256: string };

const incidentColumns = `id, "trigger", state, opened_at AS openedAt, opened_by AS openedBy, discovered_on AS discoveredOn, discovery_note AS discoveryNote, summary,
  post_id AS postId, reply_check_id AS replyCheckId, reply_channel AS replyChannel, reply_url AS replyUrl, reply_posted_on AS replyPostedOn, patient_id AS patientId,
  assessment, assessed_at AS assessedAt, assessed_by AS assessedBy, decision, decision_rationale AS decisionRationale, decided_at AS decidedAt, decided_by AS decidedBy,
  affected_count AS affectedCount, largest_state_count AS largestStateCount, individual_notified_on AS individualNotifiedOn, individual_note AS individualNote,
  media_notified_on AS mediaNotifiedOn, media_note AS mediaNote, hhs_notified_on AS hhsNotifiedOn, hhs_note AS hhsNote, outcome, closed_at AS closedAt, closed_by AS closedBy`;

/** Copy the schema-7 records of `db` (the caller holds the snapshot and the server's transaction). Call after posts and patients. */
export async function copyIncidentRecords(db: Db, cipher: FieldCipher, target: ClientBase, each: Each): Promise<void> {
  const replies = createPgReplyCheckRepository(cipher);
  const replyRows = db.prepare('SELECT id, checked_at AS checkedAt, checked_by AS checkedBy, reply, decision, findings FROM reply_checks ORDER BY rowid').all() as (Omit<
    Parameters<typeof replies.importReplyCheck>[1],
    'findings'
  > & { findings: string })[];
  await each('replyChecks', replyRows, (r) => replies.importReplyCheck(target, { ...r, findings: JSON.parse(r.findings) as KeptReplyCheck['findings'] }));

  const schedules = createPgReviewScheduleRepository(cipher);
  const scheduleRows = db
    .prepare(
      `SELECT r.id, r.channel, r.frequency, r.assignee_id AS assigneeId, r.starts_on AS startsOn, r.active, r.ended_on AS endedOn, r.created_at AS createdAt, r.updated_at AS updatedAt
       FROM review_schedules r ORDER BY rowid`,
    )
    .all() as ScheduleRow[];
  await each('reviewSchedules', scheduleRows, (s) => schedules.importSchedule(target, { ...s, assigneeName: '', active: s.active === 1 }));

  const reviews = createPgPostReviewRepository(cipher);
  const messageRows = db.prepare('SELECT id, post_id AS postId, at, by_staff AS by, kind, body, content_sha256 AS contentSha256 FROM post_review_messages ORDER BY rowid').all() as MessageRow[];
  await each('postReviewMessages', messageRows, (m) => reviews.insertReviewMessage(target, m));

  const incidents = createPgIncidentRepository(cipher);
  await each('incidents', db.prepare(`SELECT ${incidentColumns} FROM incidents ORDER BY rowid`).all() as IncidentImport[], (i) => incidents.importIncident(target, i));
  const documentRows = db
    .prepare('SELECT id, incident_id AS incidentId, kind, language, created_at AS at, created_by AS by, pdf, sha256 FROM incident_documents ORDER BY rowid')
    .all() as DocumentRow[];
  await each('incidentDocuments', documentRows, (d) => incidents.insertIncidentDocument(target, d));
}

const sha256 = (b: Buffer | null | undefined) => (b ? crypto.createHash('sha256').update(b).digest('hex') : null);
const everything = { fromIso: '0000', toIso: '9999' };

/** Check the schema-7 records on the server against the file (inside the check's snapshots); `same` reports a difference. */
export async function checkIncidentRecords(db: Db, cipher: FieldCipher, target: ClientBase, same: (what: string, a: unknown, b: unknown) => void, today: Day): Promise<void> {
  const replies = createPgReplyCheckRepository(cipher);
  same('Checked replies', [countReplyChecks(db), listReplyChecks(db, everything, 1e9)], [await replies.countReplyChecks(target), await replies.listReplyChecks(target, everything, 1e9)]);
  same('Review schedules', listSchedules(db), await createPgReviewScheduleRepository(cipher).listSchedules(target));
  same('Post review threads', [...allThreads(db).entries()], [...(await createPgPostReviewRepository(cipher).allThreads(target)).entries()]);
  const incidents = createPgIncidentRepository(cipher);
  same('Incidents', listIncidents(db, today), await incidents.listIncidents(target, today));
  const ids = db.prepare('SELECT id FROM incident_documents ORDER BY rowid').pluck().all() as string[];
  const serverDocuments = Number((await target.query<{ n: string }>('SELECT count(*) AS n FROM incident_documents')).rows[0]!.n);
  same('Incident document counts', ids.length, serverDocuments);
  for (const id of ids) {
    const withHash = (d: Awaited<ReturnType<typeof incidents.getIncidentDocument>>) => (d ? { ...d, pdf: sha256(d.pdf) } : null);
    same(`The signed incident document ${id}`, withHash(getIncidentDocument(db, id)), withHash(await incidents.getIncidentDocument(target, id)));
  }
}
