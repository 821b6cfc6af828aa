import { describe, expectTypeOf, it } from 'vitest';
import type * as keptCoverage from '../posts/kept-coverage';
import type * as authorizations from '../repositories/authorization-repository';
import type * as listPages from '../repositories/list-pages';
import type * as patients from '../repositories/patient-repository';
import type * as posts from '../repositories/post-repository';
import type * as testimonials from '../repositories/testimonial-repository';
import type { ConsentRepository, KeptCoverageRepository, PatientRepository, PostRepository, TestimonialRepository } from './store-interface';

/**
 * The switch-over stays mechanical only while the interface mirrors the
 * SQLite repositories: every call written against a SQLite function today
 * must type-check against the interface's method with `await` added. These
 * checks run in `tsc` (typecheck); a SQLite signature that drifts fails them.
 */

type After<F> = F extends (db: never, ...rest: infer R) => unknown ? R : never;
type Returns<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;

/** Today's arguments are accepted by the interface, and what it returns serves today's callers. */
type Mirrors<Sqlite, Shared> = [After<Sqlite>] extends [After<Shared>]
  ? [Returns<Shared>] extends [Returns<Sqlite>]
    ? true
    : 'the interface returns something today’s callers cannot use'
  : 'the interface does not accept today’s arguments';

describe('store interface', () => {
  it('mirrors the SQLite repositories it will replace', () => {
    type C = ConsentRepository<unknown>;
    expectTypeOf<Mirrors<typeof authorizations.getAuthorization, C['getAuthorization']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof authorizations.listAuthorizationsOfPatient, C['listAuthorizationsOfPatient']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof authorizations.listAuthorizations, C['listAuthorizations']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof authorizations.insertDraft, C['insertDraft']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof authorizations.updateDraft, C['updateDraft']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof authorizations.deleteDraft, C['deleteDraft']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof authorizations.recordPatientSignature, C['recordPatientSignature']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof authorizations.signatureImage, C['signatureImage']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof authorizations.finalizeAuthorization, C['finalizeAuthorization']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof authorizations.authorizationPdf, C['authorizationPdf']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof authorizations.recordRevocation, C['recordRevocation']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof authorizations.revocationPdf, C['revocationPdf']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof authorizations.recordExpirationEvent, C['recordExpirationEvent']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof authorizations.recordPaperFormPrinted, C['recordPaperFormPrinted']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof authorizations.recordPaperSignature, C['recordPaperSignature']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof authorizations.paperScan, C['paperScan']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof authorizations.revocationScan, C['revocationScan']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof authorizations.authorizationSummariesAfter, C['authorizationSummariesAfter']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof listPages.consentPage, C['consentPage']>>().toEqualTypeOf<true>();

    type T = TestimonialRepository<unknown>;
    expectTypeOf<Mirrors<typeof testimonials.getTestimonial, T['getTestimonial']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof testimonials.insertTestimonial, T['insertTestimonial']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof testimonials.insertMedia, T['insertMedia']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof testimonials.getMedia, T['getMedia']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof testimonials.mediaOfTestimonial, T['mediaOfTestimonial']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof testimonials.testimonialPage, T['testimonialPage']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof testimonials.consentedPatients, T['consentedPatients']>>().toEqualTypeOf<true>();
    // listTestimonials takes a typed filter instead of WHERE text (store-interface.ts says why): results only.
    expectTypeOf<Returns<T['listTestimonials']>>().toExtend<Returns<typeof testimonials.listTestimonials>>();

    type P = PostRepository<unknown>;
    expectTypeOf<Mirrors<typeof posts.getPost, P['getPost']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof posts.insertPost, P['insertPost']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof posts.updatePostContent, P['updatePostContent']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof posts.updateDisclosures, P['updateDisclosures']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof posts.approveIdentifiers, P['approveIdentifiers']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof posts.setReview, P['setReview']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof posts.setPostState, P['setPostState']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof posts.countPostsByState, P['countPostsByState']>>().toEqualTypeOf<true>();
    expectTypeOf<Returns<P['listPosts']>>().toExtend<Returns<typeof posts.listPosts>>();

    type Pt = PatientRepository<unknown>;
    expectTypeOf<Mirrors<typeof patients.getPatient, Pt['getPatient']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof patients.findPatientByRecordNumber, Pt['findPatientByRecordNumber']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof patients.insertPatient, Pt['insertPatient']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof patients.updatePatient, Pt['updatePatient']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof patients.searchPatients, Pt['searchPatients']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof patients.listPatients, Pt['listPatients']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof patients.likelyDuplicates, Pt['likelyDuplicates']>>().toEqualTypeOf<true>();

    type K = KeptCoverageRepository<unknown>;
    expectTypeOf<Mirrors<typeof keptCoverage.keptVerdict, K['keptVerdict']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof keptCoverage.markCoverageDue, K['markCoverageDue']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof keptCoverage.liveUncoveredPostIds, K['liveUncoveredPostIds']>>().toEqualTypeOf<true>();
    expectTypeOf<Mirrors<typeof keptCoverage.countLiveUncovered, K['countLiveUncovered']>>().toEqualTypeOf<true>();
  });
});
