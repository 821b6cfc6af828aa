import type { BackendCallName, CallOutput, ParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { quizForm, scoreQuiz } from '../../../shared/program/quiz';
import { maxMaterialsPerSession, type TrainingSession } from '../../../shared/program/training';
import { auditIn, type SessionCore } from '../engine-core';
import type { CleanMaterial } from '../program/training-material';
import { setTrainingCycleMonthsIn, staffProgramStatusesIn, trainingCycleMonthsIn } from '../program/program-queries';

/**
 * The training and quiz feature on the store engine (issue 15, switch-over
 * step 3): every read and write goes through `core.engine` and its records
 * (`programReviews.training`, `staff`, `settings`, and for each person's
 * status `program.policy`), and each call's audit events are appended in the
 * same transaction as what they record, so a refused or failed call leaves
 * neither. Materials are cleaned (pdf-lib, sharp) with no transaction open:
 * the session is checked in a read first, so a wrong id or a refused
 * attendee is answered before a file is decoded, then checked again in the
 * write that keeps it.
 */

type TrainingCall =
  | 'training.overview'
  | 'training.record'
  | 'training.addMaterial'
  | 'training.material'
  | 'training.void'
  | 'training.setCycle'
  | 'quiz.form'
  | 'quiz.submit';

/** Written against `SessionCore`, not `BackendCore`: the same handlers run on either engine (training-handlers.engines.test.ts). */
export type TrainingHandlers<K extends BackendCallName> = { [P in K]: (core: SessionCore, input: ParsedInput<P>) => Promise<CallOutput<P>> };

const noSession = () => new AppError('not_found', 'That training session does not exist.');

async function sessionIn(core: SessionCore, tx: unknown, id: string): Promise<TrainingSession> {
  const session = (await core.engine.records.programReviews.training.listTrainingSessions(tx)).find((s) => s.id === id);
  if (!session) throw noSession();
  return session;
}

async function assertActiveAttendees(core: SessionCore, tx: unknown, attendeeIds: readonly string[]): Promise<void> {
  const active = new Set((await core.engine.records.staff.listStaff(tx)).filter((s) => s.status === 'active').map((s) => s.id));
  if (attendeeIds.some((id) => !active.has(id))) {
    throw new AppError('validation', 'Choose attendees among the active staff.', { issues: [{ path: 'attendeeIds', message: 'Choose active staff members.' }] });
  }
}

async function assertRoomForMaterials(core: SessionCore, tx: unknown, sessionId: string): Promise<void> {
  // sessionIn refuses an unknown session.
  if ((await sessionIn(core, tx, sessionId)).materials.length >= maxMaterialsPerSession) throw new AppError('conflict', `A session keeps at most ${maxMaterialsPerSession} materials.`);
}

/** Materials with the ids taken for them before the transaction (on PostgreSQL its work may run again). */
type IdentifiedMaterial = CleanMaterial & { id: string };

async function addMaterialsIn(core: SessionCore, tx: unknown, sessionId: string, materials: readonly IdentifiedMaterial[]): Promise<void> {
  const at = core.nowIso();
  const by = core.requireSession().id;
  for (const m of materials) {
    await core.engine.records.programReviews.training.insertTrainingMaterial(tx, { id: m.id, sessionId, fileName: m.fileName, mimeType: m.mimeType, data: m.data, sha256: m.sha256, at, by });
    await auditIn(core, tx, { action: 'training.material_added', subjectType: 'training', subjectId: sessionId, detail: `${m.mimeType}, ${m.data.length} bytes, SHA-256 ${m.sha256}` });
  }
}

export const trainingHandlers: TrainingHandlers<TrainingCall> = {
  'training.overview': (core) =>
    core.engine.read(async (tx) => {
      const records = core.engine.records;
      const cycleMonths = await trainingCycleMonthsIn(records, tx);
      const sessions = await records.programReviews.training.listTrainingSessions(tx);
      const statuses = await staffProgramStatusesIn(records, tx, core.today(), core.timeZone);
      const people = await records.staff.listStaff(tx);
      return {
        cycleMonths,
        sessions,
        staff: statuses.map((s) => ({ staffId: s.staffId, displayName: s.displayName, role: s.role, status: s.training, lastQuiz: s.lastQuiz })),
        people: people.filter((s) => s.status === 'active').map((s) => ({ id: s.id, displayName: s.displayName, role: s.role })),
      };
    }),

  /** The session, its attendees and its materials in one transaction: all are kept, or none. */
  'training.record': async (core, input) => {
    if (input.heldOn > core.today()) {
      throw new AppError('validation', 'A session cannot be recorded before it is held.', { issues: [{ path: 'heldOn', message: 'Use today or an earlier day.' }] });
    }
    await core.engine.read((tx) => assertActiveAttendees(core, tx, input.attendeeIds));
    const materials: CleanMaterial[] = [];
    const { cleanTrainingMaterial } = await import('../program/training-material'); // pdf-lib and sharp load on first use
    for (const [i, m] of input.materials.entries()) materials.push(await cleanTrainingMaterial(m, `materials.${i}`));
    const id = core.newId();
    const identified = materials.map((m) => ({ ...m, id: core.newId() }));
    const by = core.requireSession().id;
    return core.engine.write(async (tx) => {
      // Again in the write: someone disabled meanwhile is not recorded as attending.
      await assertActiveAttendees(core, tx, input.attendeeIds);
      await core.engine.records.programReviews.training.insertTrainingSession(tx, { id, ...input, at: core.nowIso(), by });
      await auditIn(core, tx, { action: 'training.recorded', subjectType: 'training', subjectId: id, detail: `${input.heldOn}; ${new Set(input.attendeeIds).size} attendee(s)` });
      await addMaterialsIn(core, tx, id, identified);
      return sessionIn(core, tx, id);
    });
  },

  'training.addMaterial': async (core, { sessionId, material }) => {
    await core.engine.read((tx) => assertRoomForMaterials(core, tx, sessionId));
    const { cleanTrainingMaterial } = await import('../program/training-material');
    const clean = await cleanTrainingMaterial(material, 'material');
    const identified = { ...clean, id: core.newId() };
    return core.engine.write(async (tx) => {
      // Again in the write: another workstation may have added the tenth meanwhile.
      await assertRoomForMaterials(core, tx, sessionId);
      await addMaterialsIn(core, tx, sessionId, [identified]);
      return sessionIn(core, tx, sessionId);
    });
  },

  'training.material': (core, { id }) =>
    core.engine.write(async (tx) => {
      const material = await core.engine.records.programReviews.training.getTrainingMaterial(tx, id);
      if (!material) throw new AppError('not_found', 'That material does not exist.');
      await auditIn(core, tx, { action: 'training.material_exported', subjectType: 'training', subjectId: material.sessionId, detail: `SHA-256 ${material.sha256}` });
      return { fileName: material.fileName, mimeType: material.mimeType, base64: material.data.toString('base64'), sha256: material.sha256 };
    }),

  'training.void': (core, { id, reason }) =>
    core.engine.write(async (tx) => {
      const training = core.engine.records.programReviews.training;
      const session = await training.getTrainingSession(tx, id);
      if (!session) throw noSession();
      if (session.voidedAt) throw new AppError('conflict', 'This session is void already.');
      await training.voidTrainingSession(tx, id, { at: core.nowIso(), by: core.requireSession().id, reason });
      await auditIn(core, tx, { action: 'training.voided', subjectType: 'training', subjectId: id, detail: reason });
      return sessionIn(core, tx, id);
    }),

  'training.setCycle': (core, { cycleMonths }) =>
    core.engine.write(async (tx) => {
      await setTrainingCycleMonthsIn(core.engine.records, tx, cycleMonths);
      await auditIn(core, tx, { action: 'training.cycle_changed', detail: `every ${cycleMonths} month(s)` });
      return { cycleMonths };
    }),

  'quiz.form': async (_core, { language }) => quizForm(language),

  'quiz.submit': async (core, { language, answers }) => {
    const staff = core.requireSession();
    const outcome = scoreQuiz(language, answers);
    const id = core.newId();
    await core.engine.write(async (tx) => {
      await core.engine.records.programReviews.training.insertQuizResult(tx, {
        id,
        staffId: staff.id,
        at: core.nowIso(),
        language,
        correct: outcome.correct,
        total: outcome.total,
        passed: outcome.passed,
        answers,
      });
      await auditIn(core, tx, {
        action: 'quiz.taken',
        subjectType: 'staff',
        subjectId: staff.id,
        detail: `${outcome.correct} of ${outcome.total}; ${outcome.passed ? 'passed' : 'not passed'} (${language})`,
      });
    });
    return { id, ...outcome };
  },
};
