import { AppError } from '../../../shared/errors';
import type { Patient } from '../../../shared/patients';
import type { BackendCore } from '../backend-core';
import {
  findPatientByRecordNumber,
  getPatient,
  insertPatient,
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

export const patientHandlers = {
  'patients.search': (core, { query, limit }) => {
    const store = core.requireStore();
    const found = searchPatients(store.db, query, limit);
    // The query may be a name: the audit keeps only that a search happened.
    store.write(() => core.audit({ action: 'patient.searched', subjectType: 'patient', detail: `${found.length} found` }));
    return found;
  },

  'patients.get': (core, { id }) => {
    const store = core.requireStore();
    const patient = existingPatient(core, id);
    store.write(() => core.audit({ action: 'patient.viewed', subjectType: 'patient', subjectId: id }));
    return patient;
  },

  'patients.create': (core, fields) => {
    const store = core.requireStore();
    assertRecordNumberFree(core, fields.recordNumber);
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
