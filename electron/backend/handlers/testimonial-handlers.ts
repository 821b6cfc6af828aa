import { recordReplyCheck } from '../repositories/reply-check-repository';
import { AppError } from '../../../shared/errors';
import { checkReviewReply } from '../../../shared/posts/review-reply';
import { practiceContactOf } from '../../../shared/settings';
import { sha256Hex } from '../consents/authorization-view';
import { scopeViewsOfPatient } from '../repositories/consent-scope-repository';
import { getPatient } from '../repositories/patient-repository';
import { getMedia, getTestimonial, insertMedia, insertTestimonial, listTestimonials, testimonialPage } from '../repositories/testimonial-repository';
import type { Handlers } from './handler';

/** A file name safe to show and export: no folders, no control characters. */
function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  return base.replace(/[\p{Cc}<>:"|?*]/gu, '_').slice(0, 120) || 'file';
}

export const testimonialHandlers = {
  'consents.scopeForPatient': (core, { patientId }) => scopeViewsOfPatient(core.requireStore().db, patientId, core.checkContext()),

  'testimonials.list': (core) => listTestimonials(core.requireStore().db),

  'testimonials.page': (core, input) => testimonialPage(core.requireStore().db, input),

  'testimonials.get': (core, { id }) => {
    const testimonial = getTestimonial(core.requireStore().db, id);
    if (!testimonial) throw new AppError('not_found', 'That testimonial does not exist.');
    return testimonial;
  },

  'testimonials.patients': (core, { query }) => {
    const db = core.requireStore().db;
    const like = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return db
      .prepare(
        `SELECT DISTINCT p.id, p.first_name AS firstName, p.last_name AS lastName FROM patients p
         JOIN authorizations a ON a.patient_id = p.id AND a.stage = 'final'
         WHERE (p.first_name || ' ' || p.last_name) LIKE ? ESCAPE '\\' ORDER BY p.last_name, p.first_name LIMIT 50`,
      )
      .all(like) as { id: string; firstName: string; lastName: string }[];
  },

  'testimonials.create': (core, input) => {
    const store = core.requireStore();
    if (!getPatient(store.db, input.patientId)) throw new AppError('not_found', 'That patient does not exist.');
    const id = core.newId();
    store.write(() => {
      insertTestimonial(store.db, { id, ...input, createdAt: core.nowIso(), createdBy: core.requireSession().id });
      core.audit({ action: 'testimonial.created', subjectType: 'testimonial', subjectId: id, detail: `patient ${input.patientId}` });
    });
    return getTestimonial(store.db, id)!;
  },

  'media.import': async (core, input) => {
    const store = core.requireStore();
    if (!getTestimonial(store.db, input.testimonialId)) throw new AppError('not_found', 'That testimonial does not exist.');
    const { cleanMedia } = await import('../media/clean-media'); // sharp loads on first use
    const clean = await cleanMedia(Buffer.from(input.base64, 'base64'), input.kind);
    const id = core.newId();
    const createdAt = core.nowIso();
    const sha256 = sha256Hex(clean.data);
    store.write(() => {
      insertMedia(store.db, {
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
        createdAt,
        createdBy: core.requireSession().id,
      });
      core.audit({
        action: 'media.imported',
        subjectType: 'media',
        subjectId: id,
        detail: `${input.kind}, SHA-256 ${sha256}; removed: ${clean.metadataRemoved.join(', ') || 'nothing'}`,
      });
    });
    const { data: _data, ...summary } = getMedia(store.db, id)!;
    return summary;
  },

  'media.get': (core, { id }) => {
    const store = core.requireStore();
    const media = getMedia(store.db, id);
    if (!media) throw new AppError('not_found', 'That media file does not exist.');
    store.write(() => core.audit({ action: 'media.exported', subjectType: 'media', subjectId: id }));
    return { fileName: media.fileName, mimeType: media.mimeType, base64: media.data.toString('base64'), sha256: media.sha256 };
  },

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
