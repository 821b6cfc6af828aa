import type { CallOutput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Testimonial } from '../../../shared/posts/post';
import { checkReviewReply } from '../../../shared/posts/review-reply';
import { practiceContactOf } from '../../../shared/settings';
import { sha256Hex } from '../consents/authorization-view';
import { auditIn, type EngineCore } from '../engine-core';
import { recordReplyCheck } from '../repositories/reply-check-repository';
import type { AuthorizationRecord } from '../repositories/authorization-repository';
import { scopeViewOfRecord } from '../repositories/consent-scope-repository';
import type { Versioned } from '../store-pg/store-interface';
import type { Handlers } from './handler';
import type { EngineHandlers } from './patient-handlers';

/**
 * The testimonials and media feature on the store engine (issue 15,
 * switch-over step 3): every read and write goes through `core.engine`, each
 * call is one transaction, and its audit event is appended inside it, so a
 * refused or failed call leaves neither record nor event. Cleaning a photo
 * (sharp) happens before the write, outside any transaction.
 */

/** A file name safe to show and export: no folders, no control characters. */
function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  return base.replace(/[\p{Cc}<>:"|?*]/gu, '_').slice(0, 120) || 'file';
}

/** The staff member the records name as their author (every call here needs a signed-in session). */
function actingStaffId(core: EngineCore): string {
  const { actorId } = core.auditActor();
  if (!actorId) throw new AppError('unauthorized', 'Sign in first.');
  return actorId;
}

/** A testimonial as the calls answer it: the row version is the engine's, for edits (testimonials have none yet). */
function answered({ rowVersion: _v, ...testimonial }: Versioned<Testimonial>): Testimonial {
  return testimonial;
}

async function testimonialIn(core: EngineCore, tx: unknown, id: string): Promise<Versioned<Testimonial>> {
  const testimonial = await core.engine.records.testimonials.getTestimonial(tx, id);
  if (!testimonial) throw new AppError('not_found', 'That testimonial does not exist.');
  return testimonial;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Newest signature first (SQLite's order before the port), one without a
 * signing time last; equal times newest drafted first, then by id, so both
 * engines answer in one order.
 */
function bySignatureNewestFirst(a: AuthorizationRecord, b: AuthorizationRecord): number {
  if ((a.signedAt === null) !== (b.signedAt === null)) return a.signedAt === null ? 1 : -1;
  return compare(b.signedAt ?? '', a.signedAt ?? '') || compare(b.createdAt, a.createdAt) || compare(a.id, b.id);
}

type TestimonialCall =
  | 'consents.scopeForPatient'
  | 'testimonials.list'
  | 'testimonials.page'
  | 'testimonials.get'
  | 'testimonials.patients'
  | 'testimonials.create'
  | 'media.import'
  | 'media.get';

/** Written against `EngineCore`: the same handlers run on either engine (testimonial-handlers.engines.test.ts). */
export const testimonialEngineHandlers: EngineHandlers<TestimonialCall> = {
  'consents.scopeForPatient': (core, { patientId }) =>
    core.engine.read(async (tx) => {
      const r = core.engine.records;
      const patient = await r.patients.getPatient(tx, patientId);
      if (!patient) return [];
      const on = { today: core.today(), timeZone: core.timeZone };
      // Drafts are not consents yet.
      const signed = (await r.consents.listAuthorizationsOfPatient(tx, patientId)).filter((a) => a.stage !== 'draft');
      return signed.sort(bySignatureNewestFirst).map((a) => scopeViewOfRecord(a, patient, on));
    }),

  'testimonials.list': (core) => core.engine.read(async (tx) => (await core.engine.records.testimonials.listTestimonials(tx)).map(answered)),

  'testimonials.page': (core, input) => core.engine.read((tx) => core.engine.records.testimonials.testimonialPage(tx, input)),

  'testimonials.get': (core, { id }) => core.engine.read(async (tx) => answered(await testimonialIn(core, tx, id))),

  'testimonials.patients': (core, { query }) => core.engine.read((tx) => core.engine.records.testimonials.consentedPatients(tx, query, 50)),

  'testimonials.create': (core, input) => {
    const createdBy = actingStaffId(core);
    return core.engine.write(async (tx) => {
      const r = core.engine.records;
      if (!(await r.patients.getPatient(tx, input.patientId))) throw new AppError('not_found', 'That patient does not exist.');
      const id = core.newId();
      await r.testimonials.insertTestimonial(tx, { id, ...input, createdAt: core.nowIso(), createdBy });
      await auditIn(core, tx, { action: 'testimonial.created', subjectType: 'testimonial', subjectId: id, detail: `patient ${input.patientId}` });
      return answered(await testimonialIn(core, tx, id));
    });
  },

  'media.import': async (core, input) => {
    const createdBy = actingStaffId(core);
    // A testimonial that is not there is refused before the file is worked on.
    await core.engine.read((tx) => testimonialIn(core, tx, input.testimonialId));
    // The slow work (decoding, re-encoding, the thumbnail) holds no transaction: on SQLite it would hold every other call.
    const { cleanMedia } = await import('../media/clean-media'); // sharp loads on first use
    const clean = await cleanMedia(Buffer.from(input.base64, 'base64'), input.kind);
    const sha256 = sha256Hex(clean.data);
    return core.engine.write(async (tx): Promise<CallOutput<'media.import'>> => {
      const r = core.engine.records.testimonials;
      // Checked again inside the write, so the media is only added to a testimonial that is there when it commits.
      await testimonialIn(core, tx, input.testimonialId);
      const id = core.newId();
      await r.insertMedia(tx, {
        id,
        testimonialId: input.testimonialId,
        kind: input.kind,
        beforeAfter: input.beforeAfter,
        fileName: safeFileName(input.fileName),
        mimeType: clean.mimeType,
        bytes: clean.data.length,
        sha256,
        width: clean.width,
        height: clean.height,
        data: clean.data,
        thumbnail: clean.thumbnail,
        metadataRemoved: clean.metadataRemoved,
        createdAt: core.nowIso(),
        createdBy,
      });
      await auditIn(core, tx, {
        action: 'media.imported',
        subjectType: 'media',
        subjectId: id,
        detail: `${input.kind}, SHA-256 ${sha256}; removed: ${clean.metadataRemoved.join(', ') || 'nothing'}`,
      });
      const { data: _data, ...summary } = (await r.getMedia(tx, id))!;
      return summary;
    });
  },

  'media.get': (core, { id }) =>
    core.engine.write(async (tx) => {
      const media = await core.engine.records.testimonials.getMedia(tx, id);
      if (!media) throw new AppError('not_found', 'That media file does not exist.');
      await auditIn(core, tx, { action: 'media.exported', subjectType: 'media', subjectId: id });
      return { fileName: media.fileName, mimeType: media.mimeType, base64: media.data.toString('base64'), sha256: media.sha256 };
    }),
};

export const testimonialHandlers = {
  ...testimonialEngineHandlers,

  // Still on today's path, on the store's connection: the reply checks' table (compliance program) gets its
  // PostgreSQL dialect in another branch. Port it onto the engine with that table.
  'replies.check': (core, { text }) => {
    const store = core.requireStore();
    const check = checkReviewReply(text, { practiceName: core.settings.practiceName, contact: practiceContactOf(core.settings) });
    const id = core.newId();
    // Kept as evidence that replies are reviewed: the reply, who checked it, when, and the decision.
    store.write(() => {
      recordReplyCheck(store.db, { id, at: core.nowIso(), by: core.requireSession().id, reply: text, check });
      core.audit({ action: 'reply.checked', subjectType: 'reply', subjectId: id, detail: `${check.safe ? 'pass' : 'flag'}; ${check.concerns.length} concern(s)` });
    });
    return check;
  },
} satisfies Partial<Handlers>;
