import type { BackendCallName, CallOutput, ParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { birthDayProblem } from '../../../shared/patient-search';
import { patientName, type Patient, type PatientFields, type VersionedPatient } from '../../../shared/patients';
import { auditIn, type EngineCore } from '../engine-core';

/**
 * The patients feature on the store engine (issue 15, switch-over step 3):
 * every read and write goes through `core.engine` and `records.patients`, and
 * each call's audit event is appended in the same transaction as what it
 * records, so a refused or failed call leaves neither.
 */

/** The patient `id`, read in the transaction `tx` (the consents handlers read theirs so too). */
export async function patientIn(core: EngineCore, tx: unknown, id: string): Promise<VersionedPatient> {
  const patient = await core.engine.records.patients.getPatient(tx, id);
  if (!patient) throw new AppError('not_found', 'That patient does not exist.');
  return patient;
}

async function assertRecordNumberFree(core: EngineCore, tx: unknown, recordNumber: string | null, exceptId?: string): Promise<void> {
  if (!recordNumber) return;
  const holder = await core.engine.records.patients.findPatientByRecordNumber(tx, recordNumber);
  if (holder && holder.id !== exceptId) {
    throw new AppError('conflict', `Another patient already has record number ${recordNumber}.`, {
      issues: [{ path: 'recordNumber', message: 'This record number is taken.' }],
    });
  }
}

function assertPlausibleBirth(core: EngineCore, dateOfBirth: string): void {
  const problem = birthDayProblem(dateOfBirth, core.today());
  if (problem) throw new AppError('validation', problem, { issues: [{ path: 'dateOfBirth', message: problem }] });
}

/** A likely duplicate is refused with who it is, so the screen can ask "add anyway?" (and send allowDuplicate). */
async function assertNotDuplicate(core: EngineCore, tx: unknown, fields: PatientFields): Promise<void> {
  const found = await core.engine.records.patients.likelyDuplicates(tx, fields);
  if (found.length === 0) return;
  const who = found
    .slice(0, 3)
    .map((p) => `${patientName(p)}, born ${p.dateOfBirth}${p.recordNumber ? `, record ${p.recordNumber}` : ''}`)
    .join('; ');
  throw new AppError('conflict', `This may be a patient who is already in the records: ${who}. Check before adding another.`, {
    issues: [{ path: 'allowDuplicate', message: `Already in the records: ${who}.` }],
  });
}

type PatientCall = 'patients.search' | 'patients.list' | 'patients.get' | 'patients.create' | 'patients.update';

/** Written against `EngineCore`, not `BackendCore`: the same handlers run on either engine (patient-handlers.engines.test.ts). */
export type EngineHandlers<K extends BackendCallName> = { [P in K]: (core: EngineCore, input: ParsedInput<P>) => Promise<CallOutput<P>> };

export const patientHandlers: EngineHandlers<PatientCall> = {
  'patients.search': (core, { query, limit }) =>
    core.engine.write(async (tx) => {
      const found = await core.engine.records.patients.searchPatients(tx, query, limit, core.today());
      // The query may be a name: the audit keeps only that a search happened.
      await auditIn(core, tx, { action: 'patient.searched', subjectType: 'patient', detail: `${found.length} found` });
      return found;
    }),

  'patients.list': (core, input) => {
    const list = async (tx: unknown) => core.engine.records.patients.listPatients(tx, input, core.today());
    // Browsing without a query reads only; a query may be a name: the audit keeps only that a search happened.
    if (input.query === '') return core.engine.read(list);
    return core.engine.write(async (tx) => {
      const page = await list(tx);
      await auditIn(core, tx, { action: 'patient.searched', subjectType: 'patient', detail: `${page.total} found` });
      return page;
    });
  },

  'patients.get': (core, { id }) =>
    core.engine.write(async (tx) => {
      const patient = await patientIn(core, tx, id);
      await auditIn(core, tx, { action: 'patient.viewed', subjectType: 'patient', subjectId: id });
      return patient;
    }),

  'patients.create': (core, { allowDuplicate, ...fields }) => {
    assertPlausibleBirth(core, fields.dateOfBirth);
    return core.engine.write(async (tx) => {
      // Checked inside the write: nothing can take the record number or add the same person between the check and the insert.
      await assertRecordNumberFree(core, tx, fields.recordNumber);
      if (!allowDuplicate) await assertNotDuplicate(core, tx, fields);
      const now = core.nowIso();
      const patient: Patient = { ...fields, id: core.newId(), createdAt: now, updatedAt: now };
      await core.engine.records.patients.insertPatient(tx, patient);
      await auditIn(core, tx, { action: 'patient.created', subjectType: 'patient', subjectId: patient.id });
      return patientIn(core, tx, patient.id);
    });
  },

  'patients.update': (core, { id, rowVersion, ...fields }) =>
    core.engine.write(async (tx) => {
      const r = core.engine.records.patients;
      const before = await patientIn(core, tx, id);
      if (fields.dateOfBirth !== before.dateOfBirth) assertPlausibleBirth(core, fields.dateOfBirth);
      await assertRecordNumberFree(core, tx, fields.recordNumber, id);
      const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => fields[k] !== before[k]);
      // Nothing changed: nothing written, nothing audited (a stale version changes nothing either).
      if (changed.length === 0) return before;
      const at = core.nowIso();
      await r.updatePatient(tx, id, fields, at, rowVersion === undefined ? undefined : { rowVersion });
      // Which fields changed, not their values: the values are PHI.
      await auditIn(core, tx, { action: 'patient.updated', subjectType: 'patient', subjectId: id, detail: changed.join(', ') });
      await core.afterPatientChange(tx, { patientId: id, changed, at });
      return patientIn(core, tx, id);
    }),
};
