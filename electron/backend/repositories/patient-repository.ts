import type { Day } from '../../../shared/calendar';
import type { Page } from '../../../shared/list-page';
import type { Patient, PatientFields, PatientListInput, PatientSort, PatientSummary } from '../../../shared/patients';
import { nameSortKeyOf, nameTokensOf, parsePatientQuery, sameNameKey } from '../../../shared/patient-search';
import type { Db } from '../store/database';
import { cachedStatement } from '../store/statement-cache';

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

/** Patients matching a query, the first `limit` by name (the search box of other screens). */
export function searchPatients(db: Db, query: string, limit: number, today: Day): PatientSummary[] {
  return listPatients(db, { query, sort: 'name', direction: 'asc', offset: 0, limit }, today).rows;
}

export function getPatient(db: Db, id: string): Patient | undefined {
  const row = cachedStatement(db, 'SELECT * FROM patients WHERE id = ?').get(id) as PatientRow | undefined;
  return row && toPatient(row);
}

export function findPatientByRecordNumber(db: Db, recordNumber: string): Patient | undefined {
  const row = db.prepare('SELECT * FROM patients WHERE record_number = ?').get(recordNumber) as PatientRow | undefined;
  return row && toPatient(row);
}

/** Keep a patient's search keys (folded name words and sort key) in step with the names. */
function keepSearchKeys(db: Db, id: string, names: { firstName: string; lastName: string }): void {
  db.prepare('UPDATE patients SET name_sort = ? WHERE id = ?').run(nameSortKeyOf(names), id);
  db.prepare('DELETE FROM patient_name_tokens WHERE patient_id = ?').run(id);
  const add = db.prepare('INSERT OR IGNORE INTO patient_name_tokens (token, patient_id) VALUES (?, ?)');
  for (const token of nameTokensOf(names.firstName, names.lastName)) add.run(token, id);
}

export function insertPatient(db: Db, patient: Patient): void {
  db.prepare(
    `INSERT INTO patients (id, first_name, last_name, date_of_birth, record_number, phone, email, city, created_at, updated_at)
     VALUES (@id, @firstName, @lastName, @dateOfBirth, @recordNumber, @phone, @email, @city, @createdAt, @updatedAt)`,
  ).run(patient);
  keepSearchKeys(db, patient.id, patient);
}

export function updatePatient(db: Db, id: string, fields: PatientFields, updatedAt: string): void {
  db.prepare(
    `UPDATE patients SET first_name = @firstName, last_name = @lastName, date_of_birth = @dateOfBirth,
       record_number = @recordNumber, phone = @phone, email = @email, city = @city, updated_at = @updatedAt WHERE id = @id`,
  ).run({ ...fields, id, updatedAt });
  keepSearchKeys(db, id, fields);
}

/** Patients born on `dateOfBirth` whose name has the same words, accents, case and order aside: likely the same person. */
export function likelyDuplicates(db: Db, fields: Pick<Patient, 'firstName' | 'lastName' | 'dateOfBirth'>, exceptId?: string): PatientSummary[] {
  const key = sameNameKey(fields);
  return (db.prepare(`SELECT ${summaryColumns} FROM patients WHERE date_of_birth = ?`).all(fields.dateOfBirth) as PatientRow[])
    .map(toSummary)
    .filter((p) => p.id !== exceptId && sameNameKey(p) === key);
}

export const patientSortColumns = {
  name: 'name_sort',
  dateOfBirth: 'date_of_birth',
  recordNumber: 'record_number',
  createdAt: 'created_at',
} as const satisfies Record<PatientSort, string>;

/**
 * One page of patients matching a query, and how many match in all. Name
 * words match the beginning of any word of the first or last name, in any
 * order, accents and case aside (each word one range of the token index);
 * a date of birth in any format people type matches that day; the text as
 * a whole matches a record number.
 */
export function listPatients(db: Db, input: PatientListInput, today: Day): Page<PatientSummary> {
  const q = parsePatientQuery(input.query, today);
  const params: Record<string, unknown> = {};
  const either: string[] = [];
  if (q.nameTokens.length > 0) {
    either.push(
      `(${q.nameTokens
        .map((token, i) => {
          params[`t${i}`] = token;
          return `p.id IN (SELECT patient_id FROM patient_name_tokens WHERE token >= @t${i} AND token < @t${i} || char(1114111))`;
        })
        .join(' AND ')})`,
    );
  }
  if (q.birthDays.length > 0) {
    params.days = JSON.stringify(q.birthDays);
    either.push('p.date_of_birth IN (SELECT value FROM json_each(@days))');
  }
  if (q.recordNumber !== null) {
    // As typed, or in upper or lower case: each an exact look-up in the record number index (NOCASE would scan).
    params.record = q.recordNumber;
    params.recordUpper = q.recordNumber.toUpperCase();
    params.recordLower = q.recordNumber.toLowerCase();
    either.push('p.record_number IN (@record, @recordUpper, @recordLower)');
  }
  const where = either.length ? `WHERE ${either.join(' OR ')}` : '';
  const column = patientSortColumns[input.sort];
  const direction = input.direction === 'desc' ? 'DESC' : 'ASC';
  // Record numbers may be missing: those come last whichever the direction.
  const nulls = input.sort === 'recordNumber' ? `p.record_number IS NULL, ` : '';
  const total = db.prepare(`SELECT count(*) FROM patients p ${where}`).pluck().get(params) as number;
  const rows = db
    .prepare(`SELECT ${summaryColumns} FROM patients p ${where} ORDER BY ${nulls}p.${column} ${direction}, p.name_sort ${direction}, p.id LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: input.limit, offset: input.offset }) as PatientRow[];
  return { rows: rows.map(toSummary), total, offset: input.offset };
}
