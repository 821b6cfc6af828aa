import { AppError } from '../../../shared/errors';
import { quizForm, scoreQuiz } from '../../../shared/program/quiz';
import type { TrainingSession } from '../../../shared/program/training';
import type { BackendCore } from '../backend-core';
import type { CleanMaterial } from '../program/training-material';
import { setTrainingCycleMonths, staffProgramStatuses, trainingCycleMonths } from '../program/program-queries';
import { listStaff } from '../repositories/staff-repository';
import {
  getTrainingMaterial,
  getTrainingSession,
  insertQuizResult,
  insertTrainingMaterial,
  insertTrainingSession,
  listTrainingSessions,
  voidTrainingSession,
} from '../repositories/training-repository';
import type { Handlers } from './handler';

function sessionView(core: BackendCore, id: string): TrainingSession {
  const session = listTrainingSessions(core.requireStore().db).find((s) => s.id === id);
  if (!session) throw new AppError('not_found', 'That training session does not exist.');
  return session;
}

function addMaterials(core: BackendCore, sessionId: string, materials: readonly CleanMaterial[]): void {
  const at = core.nowIso();
  const by = core.requireSession().id;
  for (const m of materials) {
    const id = core.newId();
    insertTrainingMaterial(core.requireStore().db, { id, sessionId, fileName: m.fileName, mimeType: m.mimeType, data: m.data, sha256: m.sha256, at, by });
    core.audit({ action: 'training.material_added', subjectType: 'training', subjectId: sessionId, detail: `${m.mimeType}, ${m.data.length} bytes, SHA-256 ${m.sha256}` });
  }
}

export const trainingHandlers = {
  'training.overview': (core) => {
    const db = core.requireStore().db;
    const today = core.today();
    return {
      cycleMonths: trainingCycleMonths(db),
      sessions: listTrainingSessions(db),
      staff: staffProgramStatuses(db, today, core.timeZone).map((s) => ({
        staffId: s.staffId,
        displayName: s.displayName,
        role: s.role,
        status: s.training,
        lastQuiz: s.lastQuiz,
      })),
      people: listStaff(db)
        .filter((s) => s.status === 'active')
        .map((s) => ({ id: s.id, displayName: s.displayName, role: s.role })),
    };
  },

  /** The session, its attendees and its materials in one transaction: all are kept, or none. */
  'training.record': async (core, input) => {
    const store = core.requireStore();
    if (input.heldOn > core.today()) {
      throw new AppError('validation', 'A session cannot be recorded before it is held.', { issues: [{ path: 'heldOn', message: 'Use today or an earlier day.' }] });
    }
    const active = new Set(listStaff(store.db).filter((s) => s.status === 'active').map((s) => s.id));
    const unknown = input.attendeeIds.filter((id) => !active.has(id));
    if (unknown.length) throw new AppError('validation', 'Choose attendees among the active staff.', { issues: [{ path: 'attendeeIds', message: 'Choose active staff members.' }] });
    const materials: CleanMaterial[] = [];
    const { cleanTrainingMaterial } = await import('../program/training-material'); // pdf-lib and sharp load on first use
    for (const [i, m] of input.materials.entries()) materials.push(await cleanTrainingMaterial(m, `materials.${i}`));
    const id = core.newId();
    store.write(() => {
      insertTrainingSession(store.db, { id, ...input, at: core.nowIso(), by: core.requireSession().id });
      core.audit({ action: 'training.recorded', subjectType: 'training', subjectId: id, detail: `${input.heldOn}; ${new Set(input.attendeeIds).size} attendee(s)` });
      addMaterials(core, id, materials);
    });
    return sessionView(core, id);
  },

  'training.addMaterial': async (core, { sessionId, material }) => {
    const store = core.requireStore();
    const session = getTrainingSession(store.db, sessionId);
    if (!session) throw new AppError('not_found', 'That training session does not exist.');
    if (sessionView(core, sessionId).materials.length >= 10) throw new AppError('conflict', 'A session keeps at most 10 materials.');
    const { cleanTrainingMaterial } = await import('../program/training-material');
    const clean = await cleanTrainingMaterial(material, 'material');
    store.write(() => addMaterials(core, sessionId, [clean]));
    return sessionView(core, sessionId);
  },

  'training.material': (core, { id }) => {
    const store = core.requireStore();
    const material = getTrainingMaterial(store.db, id);
    if (!material) throw new AppError('not_found', 'That material does not exist.');
    store.write(() => core.audit({ action: 'training.material_exported', subjectType: 'training', subjectId: material.sessionId, detail: `SHA-256 ${material.sha256}` }));
    return { fileName: material.fileName, mimeType: material.mimeType, base64: material.data.toString('base64'), sha256: material.sha256 };
  },

  'training.void': (core, { id, reason }) => {
    const store = core.requireStore();
    const session = getTrainingSession(store.db, id);
    if (!session) throw new AppError('not_found', 'That training session does not exist.');
    if (session.voidedAt) throw new AppError('conflict', 'This session is void already.');
    store.write(() => {
      voidTrainingSession(store.db, id, { at: core.nowIso(), by: core.requireSession().id, reason });
      core.audit({ action: 'training.voided', subjectType: 'training', subjectId: id, detail: reason });
    });
    return sessionView(core, id);
  },

  'training.setCycle': (core, { cycleMonths }) => {
    const store = core.requireStore();
    store.write(() => {
      setTrainingCycleMonths(store.db, cycleMonths);
      core.audit({ action: 'training.cycle_changed', detail: `every ${cycleMonths} month(s)` });
    });
    return { cycleMonths };
  },

  'quiz.form': (_core, { language }) => quizForm(language),

  'quiz.submit': (core, { language, answers }) => {
    const store = core.requireStore();
    const staff = core.requireSession();
    const outcome = scoreQuiz(language, answers);
    const id = core.newId();
    store.write(() => {
      insertQuizResult(store.db, { id, staffId: staff.id, at: core.nowIso(), language, correct: outcome.correct, total: outcome.total, passed: outcome.passed, answers });
      core.audit({ action: 'quiz.taken', subjectType: 'staff', subjectId: staff.id, detail: `${outcome.correct} of ${outcome.total}; ${outcome.passed ? 'passed' : 'not passed'} (${language})` });
    });
    return { id, ...outcome };
  },
} satisfies Partial<Handlers>;
