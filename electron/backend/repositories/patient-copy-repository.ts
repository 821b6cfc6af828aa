import type { PatientCopyMethod, PatientCopyRecord } from '../../../shared/authorization/patient-copy';
import type { Db } from '../store/database';

/** Add how the patient got their copy; earlier entries stay (the audit trail has them too). */
export function insertPatientCopy(db: Db, entry: { id: string; authorizationId: string; method: PatientCopyMethod; recordedAt: string; recordedBy: string }): void {
  db.prepare(
    `INSERT INTO patient_copies (id, authorization_id, method, recorded_at, recorded_by)
     VALUES (@id, @authorizationId, @method, @recordedAt, @recordedBy)`,
  ).run(entry);
}

/** The latest entry for an authorization, with the name of who recorded it. */
export function latestPatientCopy(db: Db, authorizationId: string): PatientCopyRecord | null {
  const row = db
    .prepare(
      `SELECT c.method, c.recorded_at, c.recorded_by, s.display_name
         FROM patient_copies c JOIN staff s ON s.id = c.recorded_by
        WHERE c.authorization_id = ?
        ORDER BY c.recorded_at DESC, c.rowid DESC LIMIT 1`,
    )
    .get(authorizationId) as { method: PatientCopyMethod; recorded_at: string; recorded_by: string; display_name: string } | undefined;
  return row ? { method: row.method, recordedAt: row.recorded_at, recordedBy: { staffId: row.recorded_by, displayName: row.display_name } } : null;
}
