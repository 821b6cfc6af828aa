import type { Day } from '../../../shared/calendar';
import {
  assessmentSchema,
  factsOf,
  incidentClock,
  type Assessment,
  type Incident,
  type IncidentDocumentSummary,
  type IncidentPostSummary,
  type IncidentState,
  type IncidentTrigger,
  type NoticeKind,
  type NotificationDecision,
} from '../../../shared/program/incident';
import type { Db } from '../store/database';
import { cachedStatement } from '../store/statement-cache';

type IncidentRow = {
  id: string;
  trigger: IncidentTrigger;
  state: IncidentState;
  opened_at: string;
  opened_by_name: string | null;
  discovered_on: string;
  discovery_note: string;
  summary: string;
  post_id: string | null;
  reply_check_id: string | null;
  reply_channel: string | null;
  reply_url: string | null;
  reply_posted_on: string | null;
  reply_text: string | null;
  patient_id: string | null;
  patient_first: string | null;
  patient_last: string | null;
  assessment: string | null;
  assessed_at: string | null;
  assessed_by_name: string | null;
  decision: NotificationDecision | null;
  decision_rationale: string | null;
  decided_at: string | null;
  decided_by_name: string | null;
  affected_count: number;
  largest_state_count: number;
  individual_notified_on: string | null;
  individual_note: string;
  media_notified_on: string | null;
  media_note: string;
  hhs_notified_on: string | null;
  hhs_note: string;
  outcome: string | null;
  closed_at: string | null;
  closed_by_name: string | null;
};

const select = `SELECT i.*, o.display_name AS opened_by_name, a.display_name AS assessed_by_name, d.display_name AS decided_by_name,
    c.display_name AS closed_by_name, p.first_name AS patient_first, p.last_name AS patient_last, r.reply AS reply_text
  FROM incidents i
  LEFT JOIN staff o ON o.id = i.opened_by
  LEFT JOIN staff a ON a.id = i.assessed_by
  LEFT JOIN staff d ON d.id = i.decided_by
  LEFT JOIN staff c ON c.id = i.closed_by
  LEFT JOIN patients p ON p.id = i.patient_id
  LEFT JOIN reply_checks r ON r.id = i.reply_check_id`;

function postSummary(db: Db, postId: string): IncidentPostSummary | null {
  const row = db
    .prepare(
      `SELECT p.id, p.channel, p.state, p.published_at, p.published_url, p.takedown_required_at, p.takedown_reason, p.taken_down_at,
         coalesce(p.consent_id, p.purged_consent_id) AS consent_id, p.patient_id, p.content_kinds, t.title, a.terms
       FROM posts p JOIN testimonials t ON t.id = p.testimonial_id LEFT JOIN authorizations a ON a.id = p.consent_id WHERE p.id = ?`,
    )
    .get(postId) as
    | {
        id: string;
        channel: string;
        state: IncidentPostSummary['state'];
        published_at: string | null;
        published_url: string | null;
        takedown_required_at: string | null;
        takedown_reason: string | null;
        taken_down_at: string | null;
        consent_id: string | null;
        patient_id: string;
        content_kinds: string;
        title: string;
        terms: string | null;
      }
    | undefined;
  if (!row) return null;
  return {
    id: row.id,
    channel: row.channel,
    state: row.state,
    publishedAt: row.published_at,
    publishedUrl: row.published_url,
    takedownRequiredAt: row.takedown_required_at,
    takedownReason: row.takedown_reason,
    takenDownAt: row.taken_down_at,
    consentId: row.consent_id,
    patientId: row.patient_id,
    testimonialTitle: row.title,
    consentLanguage: row.terms ? ((JSON.parse(row.terms) as { language?: string }).language ?? null) : null,
    contentKinds: JSON.parse(row.content_kinds) as string[],
  };
}

function documentsOf(db: Db, incidentId: string): IncidentDocumentSummary[] {
  return db
    .prepare(
      `SELECT d.id, d.kind, d.language, d.created_at AS createdAt, s.display_name AS createdByName, d.sha256
       FROM incident_documents d JOIN staff s ON s.id = d.created_by WHERE d.incident_id = ? ORDER BY d.created_at, d.rowid`,
    )
    .all(incidentId) as IncidentDocumentSummary[];
}

function toIncident(db: Db, r: IncidentRow, today: Day): Incident {
  const base = {
    id: r.id,
    trigger: r.trigger,
    state: r.state,
    openedAt: r.opened_at,
    openedByName: r.opened_by_name ?? 'Consent Desk',
    discoveredOn: r.discovered_on,
    discoveryNote: r.discovery_note,
    summary: r.summary,
    post: r.post_id ? postSummary(db, r.post_id) : null,
    reply: r.reply_check_id
      ? { checkId: r.reply_check_id, text: r.reply_text ?? '', channel: r.reply_channel ?? '', url: r.reply_url ?? '', postedOn: r.reply_posted_on }
      : null,
    patientId: r.patient_id,
    patientName: r.patient_first !== null ? `${r.patient_first} ${r.patient_last}` : null,
    assessment: r.assessment ? assessmentSchema.parse(JSON.parse(r.assessment)) : null,
    assessedAt: r.assessed_at,
    assessedByName: r.assessed_by_name,
    decision: r.decision,
    decisionRationale: r.decision_rationale,
    decidedAt: r.decided_at,
    decidedByName: r.decided_by_name,
    affectedCount: r.affected_count,
    largestStateCount: r.largest_state_count,
    notices: { individual: r.individual_notified_on, media: r.media_notified_on, hhs: r.hhs_notified_on },
    noticeNotes: { individual: r.individual_note, media: r.media_note, hhs: r.hhs_note },
    outcome: r.outcome,
    closedAt: r.closed_at,
    closedByName: r.closed_by_name,
    documents: documentsOf(db, r.id),
  };
  return { ...base, clock: incidentClock(factsOf(base), today) };
}

/** Every incident, newest discovery first (optionally those discovered in, or open during, a range). */
export function listIncidents(db: Db, today: Day, range?: { from: Day; toIso: string }): Incident[] {
  const rows = db
    .prepare(
      `${select} ${range ? 'WHERE i.opened_at < @toIso AND (i.discovered_on >= @from OR i.closed_at IS NULL OR i.closed_at >= @from)' : ''}
       ORDER BY i.discovered_on DESC, i.opened_at DESC, i.rowid DESC`,
    )
    .all(range ?? {}) as IncidentRow[];
  return rows.map((r) => toIncident(db, r, today));
}

export function getIncident(db: Db, id: string, today: Day): Incident | null {
  const row = db.prepare(`${select} WHERE i.id = ?`).get(id) as IncidentRow | undefined;
  return row ? toIncident(db, row, today) : null;
}

export function incidentOfPost(db: Db, postId: string): string | null {
  return (cachedStatement(db, 'SELECT id FROM incidents WHERE post_id = ?').pluck().get(postId) as string | undefined) ?? null;
}

export function insertIncident(
  db: Db,
  i: {
    id: string;
    trigger: IncidentTrigger;
    at: string;
    by: string | null;
    discoveredOn: Day;
    discoveryNote: string;
    summary: string;
    postId: string | null;
    patientId: string | null;
    reply?: { checkId: string; channel: string; url: string; postedOn: Day | null };
  },
): void {
  cachedStatement(
    db,
    `INSERT INTO incidents (id, trigger, state, opened_at, opened_by, discovered_on, discovery_note, summary, post_id, patient_id,
       reply_check_id, reply_channel, reply_url, reply_posted_on)
     VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    i.id,
    i.trigger,
    i.at,
    i.by,
    i.discoveredOn,
    i.discoveryNote,
    i.summary,
    i.postId,
    i.patientId,
    i.reply?.checkId ?? null,
    i.reply?.channel ?? null,
    i.reply?.url ?? null,
    i.reply?.postedOn ?? null,
  );
}

export function saveAssessment(db: Db, id: string, a: { assessment: Assessment; at: string; by: string }): void {
  db.prepare('UPDATE incidents SET assessment = ?, assessed_at = ?, assessed_by = ? WHERE id = ?').run(JSON.stringify(a.assessment), a.at, a.by, id);
}

export function saveDecision(
  db: Db,
  id: string,
  d: { decision: NotificationDecision; rationale: string; affectedCount: number; largestStateCount: number; at: string; by: string },
): void {
  db.prepare(
    'UPDATE incidents SET decision = ?, decision_rationale = ?, affected_count = ?, largest_state_count = ?, decided_at = ?, decided_by = ? WHERE id = ?',
  ).run(d.decision, d.rationale, d.affectedCount, d.largestStateCount, d.at, d.by, id);
}

export function saveDiscovery(db: Db, id: string, discoveredOn: Day, note: string): void {
  db.prepare('UPDATE incidents SET discovered_on = ?, discovery_note = ? WHERE id = ?').run(discoveredOn, note, id);
}

export function saveNotice(db: Db, id: string, kind: NoticeKind, on: Day, note: string): void {
  const column = { individual: 'individual', media: 'media', hhs: 'hhs' }[kind];
  db.prepare(`UPDATE incidents SET ${column}_notified_on = ?, ${column}_note = ? WHERE id = ?`).run(on, note, id);
}

export function saveClosed(db: Db, id: string, c: { outcome: string; at: string; by: string }): void {
  db.prepare("UPDATE incidents SET state = 'closed', outcome = ?, closed_at = ?, closed_by = ? WHERE id = ?").run(c.outcome, c.at, c.by, id);
}

export function setIncidentPatient(db: Db, id: string, patientId: string | null): void {
  db.prepare('UPDATE incidents SET patient_id = ? WHERE id = ?').run(patientId, id);
}

export function insertIncidentDocument(
  db: Db,
  d: { id: string; incidentId: string; kind: 'report' | 'letter'; language: string; at: string; by: string; pdf: Buffer; sha256: string },
): void {
  db.prepare('INSERT INTO incident_documents (id, incident_id, kind, language, created_at, created_by, pdf, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    d.id,
    d.incidentId,
    d.kind,
    d.language,
    d.at,
    d.by,
    d.pdf,
    d.sha256,
  );
}

export function getIncidentDocument(db: Db, id: string): (IncidentDocumentSummary & { incidentId: string; pdf: Buffer }) | null {
  const row = db
    .prepare(
      `SELECT d.id, d.incident_id AS incidentId, d.kind, d.language, d.created_at AS createdAt, s.display_name AS createdByName, d.sha256, d.pdf
       FROM incident_documents d JOIN staff s ON s.id = d.created_by WHERE d.id = ?`,
    )
    .get(id) as (IncidentDocumentSummary & { incidentId: string; pdf: Buffer }) | undefined;
  return row ?? null;
}
