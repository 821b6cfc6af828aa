import type { QuizResultSummary, TrainingMaterialSummary, TrainingSession } from '../../../shared/program/training';
import type { Db } from '../store/database';

type SessionRow = {
  id: string;
  held_on: string;
  topic: string;
  trainer: string;
  notes: string;
  recorded_at: string;
  recorded_by_name: string;
  voided_at: string | null;
  void_reason: string | null;
};

/** Every training session, newest first, with attendees and materials (without their bytes). Optionally those held in a range. */
export function listTrainingSessions(db: Db, range?: { from: string; to: string }): TrainingSession[] {
  const rows = db
    .prepare(
      `SELECT t.id, t.held_on, t.topic, t.trainer, t.notes, t.recorded_at, s.display_name AS recorded_by_name, t.voided_at, t.void_reason
       FROM training_sessions t JOIN staff s ON s.id = t.recorded_by
       ${range ? 'WHERE t.held_on >= ? AND t.held_on <= ?' : ''}
       ORDER BY t.held_on DESC, t.recorded_at DESC`,
    )
    .all(...(range ? [range.from, range.to] : [])) as SessionRow[];
  const attendees = db.prepare(
    'SELECT a.staff_id AS staffId, s.display_name AS displayName FROM training_attendees a JOIN staff s ON s.id = a.staff_id WHERE a.session_id = ? ORDER BY s.display_name COLLATE NOCASE',
  );
  const materials = db.prepare(
    'SELECT id, file_name AS fileName, mime_type AS mimeType, bytes, sha256 FROM training_materials WHERE session_id = ? ORDER BY added_at, rowid',
  );
  return rows.map((r) => ({
    id: r.id,
    heldOn: r.held_on,
    topic: r.topic,
    trainer: r.trainer,
    notes: r.notes,
    attendees: attendees.all(r.id) as TrainingSession['attendees'],
    materials: materials.all(r.id) as TrainingMaterialSummary[],
    recordedAt: r.recorded_at,
    recordedByName: r.recorded_by_name,
    voidedAt: r.voided_at,
    voidReason: r.void_reason,
  }));
}

export function getTrainingSession(db: Db, id: string): { id: string; voidedAt: string | null } | null {
  const row = db.prepare('SELECT id, voided_at FROM training_sessions WHERE id = ?').get(id) as { id: string; voided_at: string | null } | undefined;
  return row ? { id: row.id, voidedAt: row.voided_at } : null;
}

export function insertTrainingSession(
  db: Db,
  s: { id: string; heldOn: string; topic: string; trainer: string; notes: string; attendeeIds: readonly string[]; at: string; by: string },
): void {
  db.prepare('INSERT INTO training_sessions (id, held_on, topic, trainer, notes, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    s.id,
    s.heldOn,
    s.topic,
    s.trainer,
    s.notes,
    s.at,
    s.by,
  );
  const attend = db.prepare('INSERT INTO training_attendees (session_id, staff_id) VALUES (?, ?)');
  for (const staffId of new Set(s.attendeeIds)) attend.run(s.id, staffId);
}

export function voidTrainingSession(db: Db, id: string, v: { at: string; by: string; reason: string }): void {
  db.prepare('UPDATE training_sessions SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ?').run(v.at, v.by, v.reason, id);
}

export function insertTrainingMaterial(
  db: Db,
  m: { id: string; sessionId: string; fileName: string; mimeType: string; data: Buffer; sha256: string; at: string; by: string },
): void {
  db.prepare(
    'INSERT INTO training_materials (id, session_id, file_name, mime_type, bytes, sha256, data, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(m.id, m.sessionId, m.fileName, m.mimeType, m.data.length, m.sha256, m.data, m.at, m.by);
}

export function getTrainingMaterial(db: Db, id: string): (TrainingMaterialSummary & { sessionId: string; data: Buffer }) | null {
  const row = db
    .prepare('SELECT id, session_id AS sessionId, file_name AS fileName, mime_type AS mimeType, bytes, sha256, data FROM training_materials WHERE id = ?')
    .get(id) as (TrainingMaterialSummary & { sessionId: string; data: Buffer }) | undefined;
  return row ?? null;
}

/** Materials' ids and hashes in the order an export reads them, one row at a time by id. */
export function listTrainingMaterialIds(db: Db, sessionIds: readonly string[]): { id: string; sessionId: string; fileName: string; sha256: string }[] {
  const q = db.prepare('SELECT id, session_id AS sessionId, file_name AS fileName, sha256 FROM training_materials WHERE session_id = ? ORDER BY added_at, rowid');
  return sessionIds.flatMap((id) => q.all(id) as { id: string; sessionId: string; fileName: string; sha256: string }[]);
}

/** The day each person last attended a session that is not void, up to a day. */
export function lastTrainedOn(db: Db, onOrBefore: string): Map<string, string> {
  const rows = db
    .prepare(
      `SELECT a.staff_id, max(t.held_on) AS last FROM training_attendees a JOIN training_sessions t ON t.id = a.session_id
       WHERE t.voided_at IS NULL AND t.held_on <= ? GROUP BY a.staff_id`,
    )
    .all(onOrBefore) as { staff_id: string; last: string }[];
  return new Map(rows.map((r) => [r.staff_id, r.last]));
}

export function insertQuizResult(
  db: Db,
  r: { id: string; staffId: string; at: string; language: string; correct: number; total: number; passed: boolean; answers: Record<string, number> },
): void {
  db.prepare('INSERT INTO quiz_results (id, staff_id, taken_at, language, correct, total, passed, answers) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    r.id,
    r.staffId,
    r.at,
    r.language,
    r.correct,
    r.total,
    r.passed ? 1 : 0,
    JSON.stringify(r.answers),
  );
}

type QuizRow = { id: string; staff_id: string; display_name: string; taken_at: string; language: string; correct: number; total: number; passed: number };
const toQuiz = (r: QuizRow): QuizResultSummary & { staffId: string; displayName: string } => ({
  id: r.id,
  staffId: r.staff_id,
  displayName: r.display_name,
  takenAt: r.taken_at,
  language: r.language,
  correct: r.correct,
  total: r.total,
  passed: r.passed === 1,
});

/** Quiz results, oldest first; optionally those taken in [fromIso, toIso). */
export function listQuizResults(db: Db, range?: { fromIso: string; toIso: string }): (QuizResultSummary & { staffId: string; displayName: string })[] {
  return (
    db
      .prepare(
        `SELECT q.id, q.staff_id, s.display_name, q.taken_at, q.language, q.correct, q.total, q.passed
         FROM quiz_results q JOIN staff s ON s.id = q.staff_id ${range ? 'WHERE q.taken_at >= ? AND q.taken_at < ?' : ''} ORDER BY q.taken_at, q.rowid`,
      )
      .all(...(range ? [range.fromIso, range.toIso] : [])) as QuizRow[]
  ).map(toQuiz);
}

/** Each person's latest quiz result up to an instant. */
export function latestQuizResults(db: Db, beforeIso: string): Map<string, QuizResultSummary> {
  const latest = new Map<string, QuizResultSummary>();
  for (const r of listQuizResults(db, { fromIso: '0000', toIso: beforeIso })) latest.set(r.staffId, r);
  return latest;
}
