import { AppError } from '../../../shared/errors';
import { birthDayProblem } from '../../../shared/patient-search';
import { patientName, type Patient, type PatientFields } from '../../../shared/patients';
import type { BackendCore } from '../backend-core';
import {
  findPatientByRecordNumber,
  getPatient,
  insertPatient,
  likelyDuplicates,
  listPatients,
  searchPatients,
  updatePatient,
} from '../repositories/patient-repository';
import { reconcilePosts } from '../posts/post-checks';
import { rederiveDisclosures } from '../posts/rederive';
import type { Handlers } from './handler';

export function existingPatient(core: BackendCore, id: string): Patient {
  const patient = getPatient(core.requireStore().db, id);
  if (!patient) throw new AppError('not_found', 'That patient does not exist.');
  return patient;
}

function assertRecordNumberFree(core: BackendCore, recordNumber: string | null, exceptId?: string): void {
  if (!recordNumber) return;
  const holder = findPatientByRecordNumber(core.requireStore().db, recordNumber);
  if (holder && holder.id !== exceptId) {
    throw new AppError('conflict', `Another patient already has record number ${recordNumber}.`, {
      issues: [{ path: 'recordNumber', message: 'This record number is taken.' }],
    });
  }
}

function assertPlausibleBirth(core: BackendCore, dateOfBirth: string): void {
  const problem = birthDayProblem(dateOfBirth, core.today());
  if (problem) throw new AppError('validation', problem, { issues: [{ path: 'dateOfBirth', message: problem }] });
}

/** A likely duplicate is refused with who it is, so the screen can ask "add anyway?" (and send allowDuplicate). */
function assertNotDuplicate(core: BackendCore, fields: PatientFields): void {
  const found = likelyDuplicates(core.requireStore().db, fields);
  if (found.length === 0) return;
  const who = found
    .slice(0, 3)
    .map((p) => `${patientName(p)}, born ${p.dateOfBirth}${p.recordNumber ? `, record ${p.recordNumber}` : ''}`)
    .join('; ');
  throw new AppError('conflict', `This may be a patient who is already in the records: ${who}. Check before adding another.`, {
    issues: [{ path: 'allowDuplicate', message: `Already in the records: ${who}.` }],
  });
}

export const patientHandlers = {
  'patients.search': (core, { query, limit }) => {
    const store = core.requireStore();
    const found = searchPatients(store.db, query, limit, core.today());
    // The query may be a name: the audit keeps only that a search happened.
    store.write(() => core.audit({ action: 'patient.searched', subjectType: 'patient', detail: `${found.length} found` }));
    return found;
  },

  'patients.list': (core, input) => {
    const store = core.requireStore();
    const page = listPatients(store.db, input, core.today());
    // The query may be a name: the audit keeps only that a search happened.
    if (input.query !== '') store.write(() => core.audit({ action: 'patient.searched', subjectType: 'patient', detail: `${page.total} found` }));
    return page;
  },

  'patients.get': (core, { id }) => {
    const store = core.requireStore();
    const patient = existingPatient(core, id);
    store.write(() => core.audit({ action: 'patient.viewed', subjectType: 'patient', subjectId: id }));
    return patient;
  },

  'patients.create': (core, { allowDuplicate, ...fields }) => {
    const store = core.requireStore();
    assertPlausibleBirth(core, fields.dateOfBirth);
    assertRecordNumberFree(core, fields.recordNumber);
    if (!allowDuplicate) assertNotDuplicate(core, fields);
    const now = core.nowIso();
    const patient: Patient = { ...fields, id: core.newId(), createdAt: now, updatedAt: now };
    store.write(() => {
      insertPatient(store.db, patient);
      core.audit({ action: 'patient.created', subjectType: 'patient', subjectId: patient.id });
    });
    return patient;
  },

  'patients.update': (core, { id, ...fields }) => {
    const store = core.requireStore();
    const before = existingPatient(core, id);
    if (fields.dateOfBirth !== before.dateOfBirth) assertPlausibleBirth(core, fields.dateOfBirth);
    assertRecordNumberFree(core, fields.recordNumber, id);
    const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => fields[k] !== before[k]);
    if (changed.length === 0) return before;
    return store.write(() => {
      const at = core.nowIso();
      updatePatient(store.db, id, fields, at);
      // Which fields changed, not their values: the values are PHI.
      core.audit({ action: 'patient.updated', subjectType: 'patient', subjectId: id, detail: changed.join(', ') });
      // Names and city decide which content a caption uses: derive again, and
      // take down what the change left uncovered.
      const ctx = core.checkContext();
      // A city is looked for in every caption (whoever's it is): a new one can matter to any post.
      const everyPost = changed.includes('city');
      rederiveDisclosures(store.db, ctx, everyPost ? undefined : id);
      // A corrected date of birth can end a parent's authority too.
      reconcilePosts(store.db, ctx, at, everyPost ? {} : { patientId: id });
      return getPatient(store.db, id)!;
    });
  },
} satisfies Partial<Handlers>;
