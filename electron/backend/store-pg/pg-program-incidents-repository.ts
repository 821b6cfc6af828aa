import type { ClientBase } from 'pg';
import type { Day } from '../../../shared/calendar';
import { AppError } from '../../../shared/errors';
import {
  assessmentSchema,
  factsOf,
  incidentClock,
  type Incident,
  type IncidentDocumentSummary,
  type IncidentPostSummary,
  type IncidentState,
  type IncidentTrigger,
  type NotificationDecision,
} from '../../../shared/program/incident';
import type { PostReviewMessage, PostReviewMessageKind } from '../../../shared/program/post-review';
import type { ReviewFrequency } from '../../../shared/program/review-schedule';
import type { AuthorizationRecord } from '../repositories/authorization-repository';
import type { KeptReplyCheck, StoredSchedule } from '../repositories/channel-review-repository';
import type { StoredPost } from '../repositories/post-repository';
import type { AuthorizationQueueRow, PostQueueRow, QueueRows } from '../repositories/work-queue-repository';
import type { FieldCipher } from './field-crypto';
import { createPgConsentRepository } from './pg-consent-repository';
import { getPatientPg } from './pg-patient-repository';
import { createPgPostRepository } from './pg-post-repository';
import { createPgTestimonialRepository } from './pg-testimonial-repository';
import { SealedColumns } from './sealed-columns';
import {
  incidentClosedMessage,
  incidentOfPostTakenMessage,
  type IncidentRepository,
  type PostQueueKind,
  type PostReviewRepository,
  type ProgramIncidentRecords,
  type ReplyCheckRepository,
  type ReviewScheduleRepository,
  type WorkQueueRepository,
} from './store-interface-program-incidents';

/**
 * The compliance program's incidents (with their documents), post review
 * threads, review schedules and checked replies on PostgreSQL (schema:
 * pg-program-incidents-schema.ts). Every free text, the documents' PDFs and
 * hashes are sealed; staff and patient names are opened from their own rows.
 * Each write touches only the columns its step changes, so the server's
 * guard on a closed incident can compare the sealed columns as they are.
 */

const pgCode = (error: unknown) => (error as { code?: string }).code;

async function refusals<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (pgCode(error) === '23505' && (error as { constraint?: string }).constraint === 'incidents_one_per_post') throw new AppError('conflict', incidentOfPostTakenMessage);
    if (pgCode(error) === '23000' && String((error as Error).message).includes('a closed incident does not change')) throw new AppError('conflict', incidentClosedMessage);
    throw error;
  }
}

type IncidentRow = {
  id: string;
  trigger: IncidentTrigger;
  state: IncidentState;
  opened_at: string;
  opened_by: string | null;
  opened_by_sealed: Buffer | null;
  discovered_on: string;
  discovery_note: Buffer;
  summary: Buffer;
  post_id: string | null;
  reply_check_id: string | null;
  reply: Buffer | null;
  reply_text: Buffer | null;
  patient_id: string | null;
  assessment: Buffer | null;
  assessed_at: string | null;
  assessed_by: string | null;
  assessed_by_sealed: Buffer | null;
  decision: NotificationDecision | null;
  decision_rationale: Buffer | null;
  decided_at: string | null;
  decided_by: string | null;
  decided_by_sealed: Buffer | null;
  affected_count: number;
  largest_state_count: number;
  individual_notified_on: string | null;
  individual_note: Buffer;
  media_notified_on: string | null;
  media_note: Buffer;
  hhs_notified_on: string | null;
  hhs_note: Buffer;
  outcome: Buffer | null;
  closed_at: string | null;
  closed_by: string | null;
  closed_by_sealed: Buffer | null;
};

const incidentSelect = `SELECT i.*, o.sealed AS opened_by_sealed, a.sealed AS assessed_by_sealed, d.sealed AS decided_by_sealed, c.sealed AS closed_by_sealed,
    r.reply AS reply_text
  FROM incidents i
  LEFT JOIN staff o ON o.id = i.opened_by
  LEFT JOIN staff a ON a.id = i.assessed_by
  LEFT JOIN staff d ON d.id = i.decided_by
  LEFT JOIN staff c ON c.id = i.closed_by
  LEFT JOIN reply_checks r ON r.id = i.reply_check_id`;

type DocumentRow = { id: string; incident_id: string; kind: 'report' | 'letter'; language: string; created_at: string; created_by: string; staff_sealed: Buffer; sha256: Buffer; pdf?: Buffer };

type ReplyFacts = { channel: string | null; url: string | null; postedOn: Day | null };

function staffNames(cipher: FieldCipher) {
  const staff = new SealedColumns(cipher, 'staff');
  return (id: string | null, sealed: Buffer | null): string | null => (id === null || sealed === null ? null : staff.openJson<{ displayName: string }>(sealed, 'sealed', id)!.displayName);
}

export function createPgIncidentRepository(cipher: FieldCipher): IncidentRepository<ClientBase> & {
  importIncident(tx: ClientBase, row: IncidentImport): Promise<void>;
} {
  const sealed = new SealedColumns(cipher, 'incidents');
  const documents = new SealedColumns(cipher, 'incident_documents');
  const replyChecks = new SealedColumns(cipher, 'reply_checks');
  const nameOf = staffNames(cipher);
  const posts = createPgPostRepository(cipher);
  const testimonials = createPgTestimonialRepository(cipher);
  const consents = createPgConsentRepository(cipher);
  const text = (row: { id: string }, envelope: Buffer | null, column: string) => sealed.openJson<string>(envelope, column, row.id);

  async function postSummary(tx: ClientBase, postId: string): Promise<IncidentPostSummary | null> {
    const post = await posts.getPost(tx, postId);
    if (!post) return null;
    const testimonial = await testimonials.getTestimonial(tx, post.testimonialId);
    const consent = post.consentId ? await consents.getAuthorization(tx, post.consentId) : undefined;
    return {
      id: post.id,
      channel: post.channel,
      state: post.state,
      publishedAt: post.publishedAt,
      publishedUrl: post.publishedUrl,
      takedownRequiredAt: post.takedownRequiredAt,
      takedownReason: post.takedownReason,
      takenDownAt: post.takenDownAt,
      consentId: post.consentId,
      patientId: post.patientId,
      testimonialTitle: testimonial!.title,
      consentLanguage: consent ? ((consent.terms as { language?: string }).language ?? null) : null,
      contentKinds: post.contentKinds,
    };
  }

  async function documentsOf(tx: ClientBase, incidentId: string): Promise<IncidentDocumentSummary[]> {
    const rows = (
      await tx.query<DocumentRow>(
        `SELECT d.id, d.incident_id, d.kind, d.language, d.created_at, d.created_by, s.sealed AS staff_sealed, d.sha256
           FROM incident_documents d JOIN staff s ON s.id = d.created_by WHERE d.incident_id = $1 ORDER BY d.created_at COLLATE "C", d.insert_seq`,
        [incidentId],
      )
    ).rows;
    return rows.map((d) => ({ id: d.id, kind: d.kind, language: d.language, createdAt: d.created_at, createdByName: nameOf(d.created_by, d.staff_sealed)!, sha256: documents.openJson<string>(d.sha256, 'sha256', d.id)! }));
  }

  async function toIncident(tx: ClientBase, r: IncidentRow, today: Day): Promise<Incident> {
    const reply = r.reply === null ? null : sealed.openJson<ReplyFacts>(r.reply, 'reply', r.id)!;
    const patient = r.patient_id === null ? undefined : await getPatientPg(tx, cipher, r.patient_id);
    const assessment = text(r, r.assessment, 'assessment');
    const base = {
      id: r.id,
      trigger: r.trigger,
      state: r.state,
      openedAt: r.opened_at,
      openedByName: nameOf(r.opened_by, r.opened_by_sealed) ?? 'Consent Desk',
      discoveredOn: r.discovered_on,
      discoveryNote: text(r, r.discovery_note, 'discovery_note')!,
      summary: text(r, r.summary, 'summary')!,
      post: r.post_id ? await postSummary(tx, r.post_id) : null,
      reply: r.reply_check_id
        ? {
            checkId: r.reply_check_id,
            text: (r.reply_text === null ? null : replyChecks.openJson<string>(r.reply_text, 'reply', r.reply_check_id)) ?? '',
            channel: reply?.channel ?? '',
            url: reply?.url ?? '',
            postedOn: reply?.postedOn ?? null,
          }
        : null,
      patientId: r.patient_id,
      patientName: patient ? `${patient.firstName} ${patient.lastName}` : null,
      assessment: assessment ? assessmentSchema.parse(JSON.parse(assessment)) : null,
      assessedAt: r.assessed_at,
      assessedByName: nameOf(r.assessed_by, r.assessed_by_sealed),
      decision: r.decision,
      decisionRationale: text(r, r.decision_rationale, 'decision_rationale'),
      decidedAt: r.decided_at,
      decidedByName: nameOf(r.decided_by, r.decided_by_sealed),
      affectedCount: r.affected_count,
      largestStateCount: r.largest_state_count,
      notices: { individual: r.individual_notified_on, media: r.media_notified_on, hhs: r.hhs_notified_on },
      noticeNotes: { individual: text(r, r.individual_note, 'individual_note')!, media: text(r, r.media_note, 'media_note')!, hhs: text(r, r.hhs_note, 'hhs_note')! },
      outcome: text(r, r.outcome, 'outcome'),
      closedAt: r.closed_at,
      closedByName: nameOf(r.closed_by, r.closed_by_sealed),
      documents: await documentsOf(tx, r.id),
    };
    return { ...base, clock: incidentClock(factsOf(base), today) };
  }

  const seal = (id: string, column: string, value: string | null) => (value === null ? null : sealed.sealJson(value, column, id));

  async function importIncident(tx: ClientBase, i: IncidentImport): Promise<void> {
    await tx.query(
      `INSERT INTO incidents (id, trigger, state, opened_at, opened_by, discovered_on, discovery_note, summary, post_id, reply_check_id, reply, patient_id,
         assessment, assessed_at, assessed_by, decision, decision_rationale, decided_at, decided_by, affected_count, largest_state_count,
         individual_notified_on, individual_note, media_notified_on, media_note, hhs_notified_on, hhs_note, outcome, closed_at, closed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30)`,
      [
        i.id,
        i.trigger,
        i.state,
        i.openedAt,
        i.openedBy,
        i.discoveredOn,
        seal(i.id, 'discovery_note', i.discoveryNote),
        seal(i.id, 'summary', i.summary),
        i.postId,
        i.replyCheckId,
        i.replyCheckId === null ? null : sealed.sealJson<ReplyFacts>({ channel: i.replyChannel, url: i.replyUrl, postedOn: i.replyPostedOn }, 'reply', i.id),
        i.patientId,
        seal(i.id, 'assessment', i.assessment),
        i.assessedAt,
        i.assessedBy,
        i.decision,
        seal(i.id, 'decision_rationale', i.decisionRationale),
        i.decidedAt,
        i.decidedBy,
        i.affectedCount,
        i.largestStateCount,
        i.individualNotifiedOn,
        seal(i.id, 'individual_note', i.individualNote),
        i.mediaNotifiedOn,
        seal(i.id, 'media_note', i.mediaNote),
        i.hhsNotifiedOn,
        seal(i.id, 'hhs_note', i.hhsNote),
        seal(i.id, 'outcome', i.outcome),
        i.closedAt,
        i.closedBy,
      ],
    );
  }

  return {
    async listIncidents(tx, today, range) {
      const rows = (
        await tx.query<IncidentRow>(
          `${incidentSelect} ${range ? 'WHERE i.opened_at < $1 COLLATE "C" AND (i.discovered_on >= $2 COLLATE "C" OR i.closed_at IS NULL OR i.closed_at >= $2 COLLATE "C")' : ''}
           ORDER BY i.discovered_on COLLATE "C" DESC, i.opened_at COLLATE "C" DESC, i.insert_seq DESC`,
          range ? [range.toIso, range.from] : [],
        )
      ).rows;
      const out: Incident[] = [];
      for (const r of rows) out.push(await toIncident(tx, r, today));
      return out;
    },
    async getIncident(tx, id, today) {
      const row = (await tx.query<IncidentRow>(`${incidentSelect} WHERE i.id = $1`, [id])).rows[0];
      return row ? toIncident(tx, row, today) : null;
    },
    async incidentOfPost(tx, postId) {
      return (await tx.query<{ id: string }>('SELECT id FROM incidents WHERE post_id = $1', [postId])).rows[0]?.id ?? null;
    },
    insertIncident: (tx, i) =>
      refusals(() =>
        importIncident(tx, {
          id: i.id,
          trigger: i.trigger,
          state: 'open',
          openedAt: i.at,
          openedBy: i.by,
          discoveredOn: i.discoveredOn,
          discoveryNote: i.discoveryNote,
          summary: i.summary,
          postId: i.postId,
          replyCheckId: i.reply?.checkId ?? null,
          replyChannel: i.reply?.channel ?? null,
          replyUrl: i.reply?.url ?? null,
          replyPostedOn: i.reply?.postedOn ?? null,
          patientId: i.patientId,
          assessment: null,
          assessedAt: null,
          assessedBy: null,
          decision: null,
          decisionRationale: null,
          decidedAt: null,
          decidedBy: null,
          affectedCount: 1,
          largestStateCount: 1,
          individualNotifiedOn: null,
          individualNote: '',
          mediaNotifiedOn: null,
          mediaNote: '',
          hhsNotifiedOn: null,
          hhsNote: '',
          outcome: null,
          closedAt: null,
          closedBy: null,
        }),
      ),
    saveAssessment: (tx, id, a) =>
      refusals(async () => {
        await tx.query('UPDATE incidents SET assessment = $1, assessed_at = $2, assessed_by = $3 WHERE id = $4', [seal(id, 'assessment', JSON.stringify(a.assessment)), a.at, a.by, id]);
      }),
    saveDecision: (tx, id, d) =>
      refusals(async () => {
        await tx.query('UPDATE incidents SET decision = $1, decision_rationale = $2, affected_count = $3, largest_state_count = $4, decided_at = $5, decided_by = $6 WHERE id = $7', [
          d.decision,
          seal(id, 'decision_rationale', d.rationale),
          d.affectedCount,
          d.largestStateCount,
          d.at,
          d.by,
          id,
        ]);
      }),
    saveDiscovery: (tx, id, discoveredOn, note) =>
      refusals(async () => {
        await tx.query('UPDATE incidents SET discovered_on = $1, discovery_note = $2 WHERE id = $3', [discoveredOn, seal(id, 'discovery_note', note), id]);
      }),
    saveNotice: (tx, id, kind, on, note) =>
      refusals(async () => {
        const column = { individual: 'individual', media: 'media', hhs: 'hhs' }[kind];
        await tx.query(`UPDATE incidents SET ${column}_notified_on = $1, ${column}_note = $2 WHERE id = $3`, [on, seal(id, `${column}_note`, note), id]);
      }),
    saveClosed: (tx, id, c) =>
      refusals(async () => {
        await tx.query("UPDATE incidents SET state = 'closed', outcome = $1, closed_at = $2, closed_by = $3 WHERE id = $4", [seal(id, 'outcome', c.outcome), c.at, c.by, id]);
      }),
    setIncidentPatient: (tx, id, patientId) =>
      refusals(async () => {
        await tx.query('UPDATE incidents SET patient_id = $1 WHERE id = $2', [patientId, id]);
      }),
    async insertIncidentDocument(tx, d) {
      await tx.query('INSERT INTO incident_documents (id, incident_id, kind, language, created_at, created_by, pdf, sha256) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
        d.id,
        d.incidentId,
        d.kind,
        d.language,
        d.at,
        d.by,
        documents.sealBytes(d.pdf, 'pdf', d.id),
        documents.sealJson(d.sha256, 'sha256', d.id),
      ]);
    },
    async getIncidentDocument(tx, id) {
      const d = (
        await tx.query<DocumentRow>(
          `SELECT d.id, d.incident_id, d.kind, d.language, d.created_at, d.created_by, s.sealed AS staff_sealed, d.sha256, d.pdf
             FROM incident_documents d JOIN staff s ON s.id = d.created_by WHERE d.id = $1`,
          [id],
        )
      ).rows[0];
      if (!d) return null;
      return {
        id: d.id,
        incidentId: d.incident_id,
        kind: d.kind,
        language: d.language,
        createdAt: d.created_at,
        createdByName: nameOf(d.created_by, d.staff_sealed)!,
        sha256: documents.openJson<string>(d.sha256, 'sha256', d.id)!,
        pdf: documents.openBytes(d.pdf!, 'pdf', d.id)!,
      };
    },
    importIncident,
  };
}

/** An incident as a store's row holds it (a store being moved here), every column. */
export interface IncidentImport {
  id: string;
  trigger: IncidentTrigger;
  state: IncidentState;
  openedAt: string;
  openedBy: string | null;
  discoveredOn: string;
  discoveryNote: string;
  summary: string;
  postId: string | null;
  replyCheckId: string | null;
  replyChannel: string | null;
  replyUrl: string | null;
  replyPostedOn: string | null;
  patientId: string | null;
  assessment: string | null;
  assessedAt: string | null;
  assessedBy: string | null;
  decision: NotificationDecision | null;
  decisionRationale: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  affectedCount: number;
  largestStateCount: number;
  individualNotifiedOn: string | null;
  individualNote: string;
  mediaNotifiedOn: string | null;
  mediaNote: string;
  hhsNotifiedOn: string | null;
  hhsNote: string;
  outcome: string | null;
  closedAt: string | null;
  closedBy: string | null;
}

type MessageRow = { id: string; post_id: string; at: string; by_staff: string; staff_sealed: Buffer; kind: PostReviewMessageKind; body: Buffer; content_sha256: Buffer };

export function createPgPostReviewRepository(cipher: FieldCipher): PostReviewRepository<ClientBase> {
  const sealed = new SealedColumns(cipher, 'post_review_messages');
  const nameOf = staffNames(cipher);
  const toMessage = (r: MessageRow): PostReviewMessage => ({
    id: r.id,
    postId: r.post_id,
    at: r.at,
    byStaffId: r.by_staff,
    byName: nameOf(r.by_staff, r.staff_sealed)!,
    kind: r.kind,
    body: sealed.openJson<string>(r.body, 'body', r.id)!,
    contentSha256: sealed.openJson<string>(r.content_sha256, 'content_sha256', r.id)!,
  });
  const select = 'SELECT m.id, m.post_id, m.at, m.by_staff, s.sealed AS staff_sealed, m.kind, m.body, m.content_sha256 FROM post_review_messages m JOIN staff s ON s.id = m.by_staff';
  return {
    async threadOf(tx, postId) {
      return (await tx.query<MessageRow>(`${select} WHERE m.post_id = $1 ORDER BY m.at COLLATE "C", m.insert_seq`, [postId])).rows.map(toMessage);
    },
    async insertReviewMessage(tx, m) {
      await tx.query('INSERT INTO post_review_messages (id, post_id, at, by_staff, kind, body, content_sha256) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        m.id,
        m.postId,
        m.at,
        m.by,
        m.kind,
        sealed.sealJson(m.body, 'body', m.id),
        sealed.sealJson(m.contentSha256, 'content_sha256', m.id),
      ]);
    },
    async allThreads(tx, range) {
      const rows = (
        await tx.query<MessageRow>(`${select} ${range ? 'WHERE m.at >= $1 COLLATE "C" AND m.at < $2 COLLATE "C"' : ''} ORDER BY m.at COLLATE "C", m.insert_seq`, range ? [range.fromIso, range.toIso] : [])
      ).rows;
      const threads = new Map<string, PostReviewMessage[]>();
      for (const r of rows) {
        let thread = threads.get(r.post_id);
        if (!thread) threads.set(r.post_id, (thread = []));
        thread.push(toMessage(r));
      }
      return threads;
    },
  };
}

type ScheduleRow = { id: string; channel: string; frequency: ReviewFrequency; assignee_id: string; staff_sealed: Buffer; starts_on: string; active: boolean; ended_on: string | null };

export function createPgReviewScheduleRepository(cipher: FieldCipher): ReviewScheduleRepository<ClientBase> & {
  importSchedule(tx: ClientBase, s: StoredSchedule & { createdAt: string; updatedAt: string }): Promise<void>;
} {
  const nameOf = staffNames(cipher);
  const toSchedule = (r: ScheduleRow): StoredSchedule => ({
    id: r.id,
    channel: r.channel,
    frequency: r.frequency,
    assigneeId: r.assignee_id,
    assigneeName: nameOf(r.assignee_id, r.staff_sealed)!,
    startsOn: r.starts_on,
    active: r.active,
    endedOn: r.ended_on,
  });
  const select = 'SELECT r.id, r.channel, r.frequency, r.assignee_id, s.sealed AS staff_sealed, r.starts_on, r.active, r.ended_on FROM review_schedules r JOIN staff s ON s.id = r.assignee_id';
  const one = async (tx: ClientBase, where: string, value: string) => {
    const row = (await tx.query<ScheduleRow>(`${select} WHERE ${where} = $1`, [value])).rows[0];
    return row ? toSchedule(row) : null;
  };
  return {
    async listSchedules(tx) {
      return (await tx.query<ScheduleRow>(`${select} ORDER BY r.channel COLLATE "C"`)).rows.map(toSchedule);
    },
    getSchedule: (tx, id) => one(tx, 'r.id', id),
    scheduleOfChannel: (tx, channel) => one(tx, 'r.channel', channel),
    async upsertSchedule(tx, s) {
      await tx.query(
        `INSERT INTO review_schedules (id, channel, frequency, assignee_id, starts_on, active, ended_on, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
         ON CONFLICT (channel) DO UPDATE SET frequency = excluded.frequency, assignee_id = excluded.assignee_id, starts_on = excluded.starts_on,
           active = excluded.active, ended_on = excluded.ended_on, updated_at = excluded.updated_at`,
        [s.id, s.channel, s.frequency, s.assigneeId, s.startsOn, s.active, s.endedOn, s.at],
      );
    },
    async importSchedule(tx, s) {
      await tx.query(
        'INSERT INTO review_schedules (id, channel, frequency, assignee_id, starts_on, active, ended_on, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
        [s.id, s.channel, s.frequency, s.assigneeId, s.startsOn, s.active, s.endedOn, s.createdAt, s.updatedAt],
      );
    },
  };
}

type ReplyRow = { id: string; checked_at: string; checked_by: string; staff_sealed: Buffer; reply: Buffer; decision: 'flag' | 'pass'; findings: Buffer };

export function createPgReplyCheckRepository(cipher: FieldCipher): ReplyCheckRepository<ClientBase> & {
  importReplyCheck(tx: ClientBase, r: { id: string; checkedAt: string; checkedBy: string; reply: string; decision: 'flag' | 'pass'; findings: KeptReplyCheck['findings'] }): Promise<void>;
} {
  const sealed = new SealedColumns(cipher, 'reply_checks');
  const nameOf = staffNames(cipher);
  const importReplyCheck = async (tx: ClientBase, r: { id: string; checkedAt: string; checkedBy: string; reply: string; decision: 'flag' | 'pass'; findings: KeptReplyCheck['findings'] }) => {
    await tx.query('INSERT INTO reply_checks (id, checked_at, checked_by, reply, decision, findings) VALUES ($1, $2, $3, $4, $5, $6)', [
      r.id,
      r.checkedAt,
      r.checkedBy,
      sealed.sealJson(r.reply, 'reply', r.id),
      r.decision,
      sealed.sealJson(r.findings, 'findings', r.id),
    ]);
  };
  return {
    recordReplyCheck: (tx, r) =>
      importReplyCheck(tx, {
        id: r.id,
        checkedAt: r.at,
        checkedBy: r.by,
        reply: r.reply,
        decision: r.check.safe ? 'pass' : 'flag',
        findings: r.check.concerns.map(({ kind, start, end }) => ({ kind, start, end })),
      }),
    async countReplyChecks(tx) {
      return Number((await tx.query<{ n: string }>('SELECT count(*) AS n FROM reply_checks')).rows[0]!.n);
    },
    async listReplyChecks(tx, range, limit = 500) {
      const rows = (
        await tx.query<ReplyRow>(
          `SELECT r.id, r.checked_at, r.checked_by, s.sealed AS staff_sealed, r.reply, r.decision, r.findings FROM reply_checks r JOIN staff s ON s.id = r.checked_by
           WHERE r.checked_at >= $1 COLLATE "C" AND r.checked_at < $2 COLLATE "C" ORDER BY r.checked_at COLLATE "C" DESC, r.insert_seq DESC LIMIT $3`,
          [range.fromIso, range.toIso, limit],
        )
      ).rows;
      return rows.map((r) => ({
        id: r.id,
        checkedAt: r.checked_at,
        checkedByName: nameOf(r.checked_by, r.staff_sealed)!,
        reply: sealed.openJson<string>(r.reply, 'reply', r.id)!,
        decision: r.decision,
        findings: sealed.openJson<KeptReplyCheck['findings']>(r.findings, 'findings', r.id)!,
      }));
    },
    async countReplyChecksIn(tx, range) {
      const row = (
        await tx.query<{ checked: string; flagged: string }>(
          `SELECT count(*) AS checked, count(*) FILTER (WHERE decision = 'flag') AS flagged FROM reply_checks WHERE checked_at >= $1 COLLATE "C" AND checked_at < $2 COLLATE "C"`,
          [range.fromIso, range.toIso],
        )
      ).rows[0]!;
      return { checked: Number(row.checked), flagged: Number(row.flagged) };
    },
    importReplyCheck,
  };
}

/** SQLite's order: each key ascending (NULL first, bytes compared), or descending where marked; ids last. */
type SortKey = { value: string | null; descending?: boolean };
function compareKeys(a: SortKey[], b: SortKey[]): number {
  for (const [i, x] of a.entries()) {
    const y = b[i]!;
    if (x.value === y.value) continue;
    const ascending = x.value === null ? -1 : y.value === null ? 1 : Buffer.compare(Buffer.from(x.value), Buffer.from(y.value));
    return x.descending ? -ascending : ascending;
  }
  return 0;
}

const postQueues: Record<PostQueueKind, { states: StoredPost['state'][]; keep?: (p: StoredPost) => boolean; since: (p: StoredPost) => string | null }> = {
  takedown_required: { states: ['takedown_required'], since: (p) => p.takedownRequiredAt },
  review_required: { states: ['published'], keep: (p) => p.reviewRequiredAt !== null, since: (p) => p.reviewRequiredAt },
  draft: { states: ['draft'], since: (p) => p.updatedAt },
  approved: { states: ['approved'], since: (p) => p.approvedAt },
};

/**
 * The work queues on PostgreSQL. What they filter and order on (a consent's last day and kind of
 * expiration, when a revocation was received or a post started waiting) and the names they show are
 * sealed, so the candidates the server can tell apart by stage or state are opened here, filtered and
 * ordered as SQLite orders them, and only the rows shown have their patient opened.
 */
export function createPgWorkQueueRepository(cipher: FieldCipher): WorkQueueRepository<ClientBase> {
  const consents = createPgConsentRepository(cipher);
  const posts = createPgPostRepository(cipher);
  const names = async (tx: ClientBase, patientId: string) => {
    const p = (await getPatientPg(tx, cipher, patientId))!;
    return { firstName: p.firstName, lastName: p.lastName };
  };
  async function authorizations(
    tx: ClientBase,
    keep: (r: AuthorizationRecord) => boolean,
    shown: (r: AuthorizationRecord) => { since: string | null; due: string | null },
    order: (r: AuthorizationRecord) => SortKey[],
    limit: number,
  ): Promise<QueueRows<AuthorizationQueueRow>> {
    const all = (await consents.listAuthorizations(tx)).filter(keep).sort((a, b) => compareKeys([...order(a), { value: a.id }], [...order(b), { value: b.id }]));
    const rows: AuthorizationQueueRow[] = [];
    for (const r of all.slice(0, limit)) rows.push({ id: r.id, ...(await names(tx, r.patientId)), ...shown(r) });
    return { count: all.length, rows };
  }
  async function postRows(tx: ClientBase, candidates: StoredPost[], since: (p: StoredPost) => string | null, limit: number): Promise<QueueRows<PostQueueRow>> {
    const all = candidates.sort((a, b) => compareKeys([{ value: since(a) }, { value: a.id }], [{ value: since(b) }, { value: b.id }]));
    const rows: PostQueueRow[] = [];
    for (const p of all.slice(0, limit)) rows.push({ id: p.id, ...(await names(tx, p.patientId)), channel: p.channel, since: since(p) });
    return { count: all.length, rows };
  }
  const inEffect = (r: AuthorizationRecord) => r.stage === 'final' && r.revokedAt === null;
  const lastDay = (r: AuthorizationRecord) => (r.terms.expiration.kind === 'date' ? r.terms.expiration.date : null);
  return {
    draftsToSign: (tx, limit) => authorizations(tx, (r) => r.stage === 'draft', (r) => ({ since: r.updatedAt, due: null }), (r) => [{ value: r.updatedAt }], limit),
    awaitingWitness: (tx, limit) => authorizations(tx, (r) => r.stage === 'signed', (r) => ({ since: r.signedAt, due: null }), (r) => [{ value: r.signedAt }], limit),
    expiringBetween: (tx, today, last, limit) =>
      authorizations(
        tx,
        (r) => inEffect(r) && lastDay(r) !== null && lastDay(r)! >= today && lastDay(r)! <= last,
        (r) => ({ since: null, due: lastDay(r) }),
        (r) => [{ value: lastDay(r) }],
        limit,
      ),
    eventsToRecord: (tx, limit) =>
      authorizations(tx, (r) => inEffect(r) && r.expirationEventAt === null && r.terms.expiration.kind === 'event', (r) => ({ since: r.witnessedAt, due: null }), (r) => [{ value: r.witnessedAt }], limit),
    revokedSince: (tx, since, limit) =>
      authorizations(
        tx,
        (r) => r.revokedAt !== null && Buffer.compare(Buffer.from(r.revokedAt), Buffer.from(since)) >= 0,
        (r) => ({ since: r.revocationReceivedOn, due: null }),
        (r) => [{ value: r.revokedAt, descending: true }],
        limit,
      ),
    async postsWaiting(tx, kind, limit) {
      const q = postQueues[kind];
      const candidates = (await posts.listPosts(tx, { states: q.states })).filter((p) => q.keep?.(p) ?? true);
      return postRows(tx, candidates, q.since, limit);
    },
    async liveUncoveredPosts(tx, limit) {
      const candidates: StoredPost[] = [];
      for (const p of await posts.listPosts(tx, { states: ['published', 'takedown_required'] })) {
        const verdict = await posts.keptVerdict(tx, p.id);
        // A parent's authorization that ended when the patient came of age leaves what is up standing (listed for review instead).
        if (verdict && !verdict.covered && verdict.reasons.some((r) => r.code !== 'came_of_age')) candidates.push(p);
      }
      return postRows(tx, candidates, (p) => p.publishedAt, limit);
    },
  };
}

export function createPgProgramIncidentRecords(cipher: FieldCipher): ProgramIncidentRecords<ClientBase> {
  return {
    workQueue: createPgWorkQueueRepository(cipher),
    incidents: createPgIncidentRepository(cipher),
    postReviews: createPgPostReviewRepository(cipher),
    reviewSchedules: createPgReviewScheduleRepository(cipher),
    replyChecks: createPgReplyCheckRepository(cipher),
  };
}
