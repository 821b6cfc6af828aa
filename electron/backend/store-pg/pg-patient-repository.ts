import type { ClientBase } from 'pg';
import { AppError } from '../../../shared/errors';
import type { Day } from '../../../shared/calendar';
import type { Page } from '../../../shared/list-page';
import type { Patient, PatientFields, PatientListInput, PatientSort, PatientSummary } from '../../../shared/patients';
import { nameSortKeyOf, nameTokensOf, parsePatientQuery, sameNameKey } from '../../../shared/patient-search';
import { foldForSearch, nameTokens, recordNumberToken } from '../../../shared/search/search-tokens';
import { BlindIndex, type FieldCipher, type FieldContext } from './field-crypto';
import type { PatientRepository } from './store-interface';

/**
 * Patients on PostgreSQL: every field sealed on the workstation, search by
 * blind-index terms. The server finds candidates; the workstation opens them,
 * confirms long words, and sorts (the server cannot order what it cannot read).
 */

type PatientRow = {
  id: string;
  first_name: Buffer;
  last_name: Buffer;
  date_of_birth: Buffer;
  record_number: Buffer | null;
  phone: Buffer | null;
  email: Buffer | null;
  city: Buffer | null;
  created_at: string;
  updated_at: string;
  row_version: number;
};

const sealedColumns = ['first_name', 'last_name', 'date_of_birth', 'record_number', 'phone', 'email', 'city'] as const;
type SealedColumn = (typeof sealedColumns)[number];

const place = (id: string, column: SealedColumn): FieldContext => ({ table: 'patients', column, recordId: id });

/** At most this many candidates are opened for one search; a broader search asks for more letters. */
export const maxSearchCandidates = 2000;

export const patientConflictMessage =
  'Someone else changed this patient while you were editing. Reopen the patient to see their changes, then make yours again.';
export const recordNumberTakenMessage = 'Another patient already has this record number.';

function sealFields(cipher: FieldCipher, id: string, f: PatientFields) {
  return {
    first_name: cipher.encryptText(f.firstName, place(id, 'first_name')),
    last_name: cipher.encryptText(f.lastName, place(id, 'last_name')),
    date_of_birth: cipher.encryptText(f.dateOfBirth, place(id, 'date_of_birth')),
    record_number: cipher.encryptOptionalText(f.recordNumber, place(id, 'record_number')),
    phone: cipher.encryptOptionalText(f.phone, place(id, 'phone')),
    email: cipher.encryptOptionalText(f.email, place(id, 'email')),
    city: cipher.encryptOptionalText(f.city, place(id, 'city')),
  };
}

function searchTerms(index: BlindIndex, f: PatientFields): Buffer[] {
  return [
    ...index.termsToStore('patient.name', `${f.firstName} ${f.lastName}`),
    ...index.termsToStore('patient.date_of_birth', f.dateOfBirth),
  ];
}

function openPatient(cipher: FieldCipher, row: PatientRow): Patient & { rowVersion: number } {
  const open = (column: SealedColumn) => cipher.decryptOptionalText(row[column], place(row.id, column));
  return {
    id: row.id,
    firstName: open('first_name')!,
    lastName: open('last_name')!,
    dateOfBirth: open('date_of_birth')!,
    recordNumber: open('record_number'),
    phone: open('phone'),
    email: open('email'),
    city: open('city'),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    rowVersion: row.row_version,
  };
}

const uniqueViolation = '23505';

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e.code === uniqueViolation && e.constraint === constraint;
}

async function writeTerms(client: ClientBase, id: string, terms: Buffer[]): Promise<void> {
  await client.query('DELETE FROM patient_search_terms WHERE patient_id = $1', [id]);
  await client.query('INSERT INTO patient_search_terms (term, patient_id) SELECT unnest($1::bytea[]), $2', [terms, id]);
}

/** Insert a patient with its search terms. Call inside a transaction. */
export async function insertPatientPg(client: ClientBase, cipher: FieldCipher, patient: Patient): Promise<void> {
  const index = new BlindIndex(cipher);
  const sealed = sealFields(cipher, patient.id, patient);
  try {
    await client.query(
      `INSERT INTO patients (id, first_name, last_name, date_of_birth, record_number, phone, email, city, record_number_term, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        patient.id,
        ...sealedColumns.map((c) => sealed[c]),
        patient.recordNumber === null ? null : index.exact('patient.record_number', patient.recordNumber),
        patient.createdAt,
        patient.updatedAt,
      ],
    );
  } catch (error) {
    if (isUniqueViolation(error, 'patients_record_number_term_key')) {
      throw new AppError('conflict', recordNumberTakenMessage, { issues: [{ path: 'recordNumber', message: recordNumberTakenMessage }] });
    }
    throw error;
  }
  await writeTerms(client, patient.id, searchTerms(index, patient));
}

/**
 * Update a patient that was read at `rowVersion`. If another workstation
 * saved it since, nothing is written and a `conflict` error says so.
 */
export async function updatePatientPg(
  client: ClientBase,
  cipher: FieldCipher,
  id: string,
  fields: PatientFields,
  rowVersion: number,
  updatedAt: string,
): Promise<number> {
  const index = new BlindIndex(cipher);
  const sealed = sealFields(cipher, id, fields);
  let result;
  try {
    result = await client.query<{ row_version: number }>(
      `UPDATE patients SET first_name = $3, last_name = $4, date_of_birth = $5, record_number = $6, phone = $7, email = $8, city = $9,
         record_number_term = $10, updated_at = $11, row_version = row_version + 1
       WHERE id = $1 AND row_version = $2 RETURNING row_version`,
      [id, rowVersion, ...sealedColumns.map((c) => sealed[c]), fields.recordNumber === null ? null : index.exact('patient.record_number', fields.recordNumber), updatedAt],
    );
  } catch (error) {
    if (isUniqueViolation(error, 'patients_record_number_term_key')) throw new AppError('conflict', recordNumberTakenMessage);
    throw error;
  }
  if (result.rowCount === 0) {
    const exists = (await client.query('SELECT 1 FROM patients WHERE id = $1', [id])).rowCount;
    if (!exists) throw new AppError('not_found', 'Unknown patient.');
    throw new AppError('conflict', patientConflictMessage);
  }
  await writeTerms(client, id, searchTerms(index, fields));
  return result.rows[0]!.row_version;
}

export async function getPatientPg(client: ClientBase, cipher: FieldCipher, id: string): Promise<(Patient & { rowVersion: number }) | undefined> {
  const row = (await client.query<PatientRow>('SELECT * FROM patients WHERE id = $1', [id])).rows[0];
  return row && openPatient(cipher, row);
}

export async function findPatientByRecordNumberPg(client: ClientBase, cipher: FieldCipher, recordNumber: string): Promise<(Patient & { rowVersion: number }) | undefined> {
  const terms = new BlindIndex(cipher).exactAnyKey('patient.record_number', recordNumber);
  const row = (await client.query<PatientRow>('SELECT * FROM patients WHERE record_number_term = ANY($1::bytea[])', [terms])).rows[0];
  return row && openPatient(cipher, row);
}

/** A date of birth typed as YYYY-MM-DD or MM/DD/YYYY; null when the query is not a date. */
function asDate(query: string): string | null {
  if (/^\d{4}(-\d{2}){0,2}$/.test(query)) return query;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(query);
  return us ? `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}` : null;
}

/**
 * Patients matching a query, as the SQLite store answers it: a date of birth,
 * a record number, or words that each begin a first or last name.
 */
export async function searchPatientsPg(client: ClientBase, cipher: FieldCipher, query: string, limit: number): Promise<PatientSummary[]> {
  const index = new BlindIndex(cipher);
  const trimmed = query.trim();
  const date = asDate(trimmed);
  const words = date ? index.prefixQuery('patient.date_of_birth', date) : index.prefixQuery('patient.name', trimmed.split(/\s+/).slice(0, 5).join(' '));
  if (words.groups.length === 0 && trimmed !== '') return [];
  const params: unknown[] = [maxSearchCandidates];
  const clauses = words.groups.map((group) => {
    params.push(group);
    return `EXISTS (SELECT 1 FROM patient_search_terms t WHERE t.patient_id = p.id AND t.term = ANY($${params.length}::bytea[]))`;
  });
  let where = clauses.length ? clauses.join(' AND ') : 'true';
  if (!date && trimmed !== '') {
    params.push(index.exactAnyKey('patient.record_number', trimmed));
    where = `(${where}) OR p.record_number_term = ANY($${params.length}::bytea[])`;
  }
  const rows = (await client.query<PatientRow>(`SELECT * FROM patients p WHERE ${where} LIMIT $1`, params)).rows;
  const typedWords = date ? [] : nameTokens(trimmed.split(/\s+/).slice(0, 5).join(' '));
  const typedRecord = recordNumberToken(trimmed);
  const found = rows
    .map((row) => openPatient(cipher, row))
    .filter((patient) => {
      if (!words.needsConfirmation) return true;
      const nameWords = nameTokens(`${patient.firstName} ${patient.lastName}`);
      const byName = typedWords.every((w) => nameWords.some((n) => n.startsWith(w)));
      return byName || (patient.recordNumber !== null && recordNumberToken(patient.recordNumber) === typedRecord);
    });
  const sortKey = (p: Patient) => `${foldForSearch(p.lastName)}\u0000${foldForSearch(p.firstName)}`;
  found.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  return found.slice(0, limit).map(({ id, firstName, lastName, dateOfBirth, recordNumber }) => ({ id, firstName, lastName, dateOfBirth, recordNumber }));
}

const summaryOf = ({ id, firstName, lastName, dateOfBirth, recordNumber }: Patient): PatientSummary => ({ id, firstName, lastName, dateOfBirth, recordNumber });

/** Patients born on `dateOfBirth` with the same name words (SQLite's `likelyDuplicates`): the server finds that day's patients by its exact term. */
export async function likelyDuplicatesPg(
  client: ClientBase,
  cipher: FieldCipher,
  fields: Pick<Patient, 'firstName' | 'lastName' | 'dateOfBirth'>,
  exceptId?: string,
): Promise<PatientSummary[]> {
  const terms = new BlindIndex(cipher).exactAnyKey('patient.date_of_birth', fields.dateOfBirth);
  const rows = (
    await client.query<PatientRow>('SELECT * FROM patients p WHERE EXISTS (SELECT 1 FROM patient_search_terms t WHERE t.patient_id = p.id AND t.term = ANY($1::bytea[]))', [terms])
  ).rows;
  const key = sameNameKey(fields);
  return rows
    .map((row) => openPatient(cipher, row))
    .filter((p) => p.dateOfBirth === fields.dateOfBirth && p.id !== exceptId && sameNameKey(p) === key)
    .map(summaryOf);
}

export const tooManyToSortMessage = `More than ${maxSearchCandidates} patients to sort on this computer. Type part of a name, a date of birth or a record number to narrow the list.`;

/** SQLite compares text byte by byte (UTF-8); so does this, so both engines order alike. */
const compareText = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

const sortValue: Record<PatientSort, (p: Patient) => string | null> = {
  name: (p) => nameSortKeyOf(p),
  dateOfBirth: (p) => p.dateOfBirth,
  recordNumber: (p) => p.recordNumber,
  createdAt: (p) => p.createdAt,
};

/**
 * One page of the patient list, answered as SQLite's `listPatients` answers
 * it. The server cannot order or match what it cannot read, so the
 * workstation opens the patients (at most `maxSearchCandidates`; more is
 * refused with words that say how to narrow), applies the same query rules
 * (`parsePatientQuery`) and the same order (the sort column, then the name,
 * then the id; missing record numbers last), and pages.
 * Narrowing name queries by blind-index terms first is left for later: the
 * terms' tokens (search-tokens.ts) are not yet proven to match every name
 * the list's tokens (patient-search.ts) match.
 */
export async function listPatientsPg(client: ClientBase, cipher: FieldCipher, input: PatientListInput, today: Day): Promise<Page<PatientSummary>> {
  const rows = (await client.query<PatientRow>('SELECT * FROM patients LIMIT $1', [maxSearchCandidates + 1])).rows;
  if (rows.length > maxSearchCandidates) throw new AppError('validation', tooManyToSortMessage);
  const q = parsePatientQuery(input.query, today);
  const records = q.recordNumber === null ? [] : [q.recordNumber, q.recordNumber.toUpperCase(), q.recordNumber.toLowerCase()];
  const anyRule = q.nameTokens.length > 0 || q.birthDays.length > 0 || records.length > 0;
  const matches = (p: Patient) => {
    if (!anyRule) return true;
    const tokens = nameTokensOf(p.firstName, p.lastName);
    const byName = q.nameTokens.length > 0 && q.nameTokens.every((t) => tokens.some((token) => token.startsWith(t)));
    return byName || q.birthDays.includes(p.dateOfBirth) || (p.recordNumber !== null && records.includes(p.recordNumber));
  };
  const found = rows.map((row) => openPatient(cipher, row)).filter(matches);
  const sign = input.direction === 'desc' ? -1 : 1;
  const value = sortValue[input.sort];
  found.sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (input.sort === 'recordNumber' && (va === null) !== (vb === null)) return va === null ? 1 : -1;
    return sign * compareText(va ?? '', vb ?? '') || sign * compareText(nameSortKeyOf(a), nameSortKeyOf(b)) || compareText(a.id, b.id);
  });
  return { rows: found.slice(input.offset, input.offset + input.limit).map(summaryOf), total: found.length, offset: input.offset };
}

/** The functions above as the store interface's patients (store-interface.ts). */
export function createPgPatientRepository(cipher: FieldCipher): PatientRepository<ClientBase> {
  return {
    getPatient: (tx, id) => getPatientPg(tx, cipher, id),
    findPatientByRecordNumber: (tx, recordNumber) => findPatientByRecordNumberPg(tx, cipher, recordNumber),
    insertPatient: (tx, patient) => insertPatientPg(tx, cipher, patient),
    async updatePatient(tx, id, fields, updatedAt, expected) {
      let rowVersion = expected?.rowVersion;
      if (rowVersion === undefined) {
        // No version named: this edit is based on whatever is there now (held until the transaction ends).
        const row = (await tx.query<{ row_version: number }>('SELECT row_version FROM patients WHERE id = $1 FOR UPDATE', [id])).rows[0];
        if (!row) throw new AppError('not_found', 'Unknown patient.');
        rowVersion = row.row_version;
      }
      await updatePatientPg(tx, cipher, id, fields, rowVersion, updatedAt);
    },
    searchPatients: (tx, query, limit) => searchPatientsPg(tx, cipher, query, limit),
    listPatients: (tx, input, today) => listPatientsPg(tx, cipher, input, today),
    likelyDuplicates: (tx, fields, exceptId) => likelyDuplicatesPg(tx, cipher, fields, exceptId),
    async distinctCities(tx) {
      // Sealed per patient: opened on the workstation (one column of each patient that has a city), then made distinct.
      const rows = (await tx.query<{ id: string; city: Buffer }>('SELECT id, city FROM patients WHERE city IS NOT NULL')).rows;
      const cities = new Set(rows.map((row) => cipher.decryptOptionalText(row.city, place(row.id, 'city'))).filter((c): c is string => !!c));
      return [...cities];
    },
  };
}
