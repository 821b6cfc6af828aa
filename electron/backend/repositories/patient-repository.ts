import type { Patient, PatientFields, PatientSummary } from '../../../shared/patients';
import type { Db } from '../store/database';

type PatientRow = {
  id: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  record_number: string | null;
  phone: string | null;
  email: string | null;
  city: string | null;
  created_at: string;
  updated_at: string;
};

function toPatient(row: PatientRow): Patient {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    dateOfBirth: row.date_of_birth,
    recordNumber: row.record_number,
    phone: row.phone,
    email: row.email,
    city: row.city,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const summaryColumns = 'id, first_name, last_name, date_of_birth, record_number';

function toSummary(row: PatientRow): PatientSummary {
  const { id, firstName, lastName, dateOfBirth, recordNumber } = toPatient(row);
  return { id, firstName, lastName, dateOfBirth, recordNumber };
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A date of birth typed as YYYY-MM-DD or MM/DD/YYYY, as stored; null when the query is not a date. */
function asDate(query: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(query)) return query;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(query);
  return us ? `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}` : null;
}

/**
 * Patients matching a query: a date of birth, a record number, or words that
 * each begin a first or last name ("mar lop" finds Maria Lopez).
 */
export function searchPatients(db: Db, query: string, limit: number): PatientSummary[] {
  const order = 'ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE LIMIT @limit';
  const trimmed = query.trim();
  if (trimmed === '') {
    return (db.prepare(`SELECT ${summaryColumns} FROM patients ${order}`).all({ limit }) as PatientRow[]).map(toSummary);
  }
  const date = asDate(trimmed);
  if (date) {
    return (db.prepare(`SELECT ${summaryColumns} FROM patients WHERE date_of_birth = @date ${order}`).all({ date, limit }) as PatientRow[]).map(
      toSummary,
    );
  }
  const words = trimmed.split(/\s+/).slice(0, 5);
  const params: Record<string, unknown> = { limit, record: trimmed };
  const clauses = words.map((word, i) => {
    params[`w${i}`] = `${likeEscape(word)}%`;
    return `(first_name LIKE @w${i} ESCAPE '\\' OR last_name LIKE @w${i} ESCAPE '\\')`;
  });
  const sql = `SELECT ${summaryColumns} FROM patients WHERE (${clauses.join(' AND ')}) OR record_number = @record COLLATE NOCASE ${order}`;
  return (db.prepare(sql).all(params) as PatientRow[]).map(toSummary);
}

export function getPatient(db: Db, id: string): Patient | undefined {
  const row = db.prepare('SELECT * FROM patients WHERE id = ?').get(id) as PatientRow | undefined;
  return row && toPatient(row);
}

export function findPatientByRecordNumber(db: Db, recordNumber: string): Patient | undefined {
  const row = db.prepare('SELECT * FROM patients WHERE record_number = ?').get(recordNumber) as PatientRow | undefined;
  return row && toPatient(row);
}

export function insertPatient(db: Db, patient: Patient): void {
  db.prepare(
    `INSERT INTO patients (id, first_name, last_name, date_of_birth, record_number, phone, email, city, created_at, updated_at)
     VALUES (@id, @firstName, @lastName, @dateOfBirth, @recordNumber, @phone, @email, @city, @createdAt, @updatedAt)`,
  ).run(patient);
}

export function updatePatient(db: Db, id: string, fields: PatientFields, updatedAt: string): void {
  db.prepare(
    `UPDATE patients SET first_name = @firstName, last_name = @lastName, date_of_birth = @dateOfBirth,
       record_number = @recordNumber, phone = @phone, email = @email, city = @city, updated_at = @updatedAt WHERE id = @id`,
  ).run({ ...fields, id, updatedAt });
}
