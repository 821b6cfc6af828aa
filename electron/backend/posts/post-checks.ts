import crypto from 'node:crypto';
import type { Stage } from '../../../shared/authorization/record';
import type { AuthorizationTerms, ContentKind } from '../../../shared/authorization/scope';
import { formatDay, type Day } from '../../../shared/calendar';
import { AppError } from '../../../shared/errors';
import type { ConsentScopeView } from '../../../shared/posts/consent-scope';
import { checkCoverageOn, consentOnDay, type ConsentOnDay, type CoverageVerdict } from '../../../shared/posts/coverage';
import type { PostView } from '../../../shared/posts/dashboard';
import { derivePostDisclosures, type HealthMentionSummary, type PostDisclosures } from '../../../shared/posts/disclosures';
import type { IdentifierKind } from '../../../shared/posts/phi-scanner';
import type { MediaSummary, PostDraft, PostState, Testimonial } from '../../../shared/posts/post';
import type { Patient } from '../../../shared/patients';
import { commonPlaceNames } from '../../../shared/posts/text/place-names';
import type { PracticeContact } from '../../../shared/settings';
import type { AuditAction } from '../../../shared/audit-actions';
import { scopeView, toScopeView } from '../repositories/consent-scope-repository';
import { getPatient } from '../repositories/patient-repository';
import type { StoredPost } from '../repositories/post-repository';
import { getTestimonial, mediaOfTestimonial } from '../repositories/testimonial-repository';
import type { Db } from '../store/database';

/** What the checks need of the practice and the day, from the backend's settings and clock. */
export interface CheckContext {
  today: Day;
  timeZone: string;
  ageOfMajority: number;
  practice: { name: string; contact: PracticeContact };
}

/**
 * Place names to look for in captions: common ones and every city in the
 * practice's records. Never the testimonial patient's city alone: a match
 * then says "a place", not "where this patient lives", and confirms no guess.
 */
export function placeNames(db: Db): string[] {
  const cities = db.prepare("SELECT DISTINCT city FROM patients WHERE city IS NOT NULL AND city <> ''").pluck().all() as string[];
  return [...new Set([...commonPlaceNames, ...cities])];
}

/** The SHA-256 of what an identifiers approval was given for: the caption and the testimonial's quote. */
export function disclosedTextSha256(caption: string, quote: string): string {
  return crypto.createHash('sha256').update(JSON.stringify([caption, quote])).digest('hex');
}

/** Everything a draft discloses; its media must belong to its testimonial. */
export function deriveDisclosures(
  db: Db,
  draft: Pick<PostDraft, 'testimonialId' | 'caption' | 'mediaIds' | 'extraContentKinds'>,
  ctx: Pick<CheckContext, 'practice'>,
  places = placeNames(db),
): { patientId: string; quote: string; derived: PostDisclosures } {
  const testimonial = getTestimonial(db, draft.testimonialId);
  if (!testimonial) throw new AppError('not_found', 'That testimonial does not exist.');
  return disclosuresFrom(draft, testimonial, getPatient(db, testimonial.patientId)!, mediaOfTestimonial(db, testimonial.id), ctx, places);
}

/**
 * What a draft discloses, from its testimonial, that testimonial's patient
 * and media, however they were read (`deriveDisclosures` here, its engine
 * twin in post-checks-engine.ts): the chosen media must be the
 * testimonial's own.
 */
export function disclosuresFrom(
  draft: Pick<PostDraft, 'caption' | 'mediaIds' | 'extraContentKinds'>,
  testimonial: Pick<Testimonial, 'title' | 'quote'>,
  patient: Pick<Patient, 'id' | 'firstName' | 'lastName'>,
  media: readonly MediaSummary[],
  ctx: Pick<CheckContext, 'practice'>,
  places: string[],
): { patientId: string; quote: string; derived: PostDisclosures } {
  const chosen = draft.mediaIds.map((id) => {
    const m = media.find((x) => x.id === id);
    if (!m) throw new AppError('validation', 'A chosen media file does not belong to this testimonial.', { issues: [{ path: 'mediaIds', message: 'Choose media of this testimonial.' }] });
    return m;
  });
  return {
    patientId: patient.id,
    quote: testimonial.quote,
    derived: derivePostDisclosures({
      caption: draft.caption,
      testimonial: { title: testimonial.title, quote: testimonial.quote },
      media: chosen,
      patient: { firstName: patient.firstName, lastName: patient.lastName },
      places,
      practice: ctx.practice,
      extraContentKinds: draft.extraContentKinds,
    }),
  };
}

/** The post's facts the coverage rule reads, from a stored post (or a draft with what it discloses). */
export interface JudgedPost {
  patientId: string;
  channel: string;
  purpose: PostDraft['purpose'];
  thirdPartyPays: boolean;
  sponsor: string;
  consentId: string | null;
  contentKinds: readonly ContentKind[];
  blockingIdentifiers: readonly IdentifierKind[];
  healthMentions: readonly HealthMentionSummary[];
  identifiersApproved: boolean;
}

export function judgedOf(post: StoredPost): JudgedPost {
  return { ...post, identifiersApproved: post.identifiersApproval !== null };
}

/** A draft that is not saved yet: nothing approved about it. */
export function judgedDraft(draft: PostDraft, patientId: string, d: PostDisclosures): JudgedPost {
  return { ...draft, sponsor: draft.sponsor ?? '', patientId, ...d, identifiersApproved: false };
}

/** The consent as it stands today for this patient: its status reasons, worked out once. */
export function consentJudged(db: Db, consent: ConsentScopeView | null, ctx: CheckContext): ConsentOnDay | null {
  if (!consent) return null;
  const dateOfBirth = getPatient(db, consent.patientId)?.dateOfBirth ?? null;
  return consentOnDay(consent, ctx.today, { dateOfBirth }, { ageOfMajority: ctx.ageOfMajority });
}

export function verdictOf(db: Db, post: JudgedPost, consent: ConsentScopeView | null, ctx: CheckContext): CoverageVerdict {
  return checkCoverageOn(
    { patientId: post.patientId, channel: post.channel, purpose: post.purpose, thirdPartyPays: post.thirdPartyPays, sponsor: post.sponsor, identifiersApproved: post.identifiersApproved },
    post,
    consentJudged(db, consent, ctx),
  );
}

/** The kept verdict (settled when the post or its consent last changed, and at midnight); the rule's only for a post never judged. */
/** The post's kept verdict, or the rule's when the kept one is waiting to be judged again. */
export function currentVerdict(db: Db, post: StoredPost, ctx: CheckContext): CoverageVerdict {
  const row = db.prepare('SELECT coverage_covered, coverage_reasons FROM posts WHERE id = ? AND id NOT IN (SELECT post_id FROM post_coverage_stale)').raw(true).get(post.id) as
    | [number | null, string | null]
    | undefined;
  if (row && row[0] !== null) return { covered: row[0] === 1, reasons: JSON.parse(row[1] ?? '[]') as CoverageVerdict['reasons'] };
  return verdictOf(db, judgedOf(post), post.consentId ? scopeView(db, post.consentId, ctx) : null, ctx);
}

export function postView(db: Db, post: StoredPost, ctx: CheckContext, places = placeNames(db)): PostView {
  const testimonial = getTestimonial(db, post.testimonialId)!;
  const { identifiersApprovedSha256: _sha, blockingIdentifiers: _b, healthMentions: _h, ...shown } = post;
  return {
    ...shown,
    patientFirstName: testimonial.patientFirstName,
    patientLastName: testimonial.patientLastName,
    testimonialTitle: testimonial.title,
    verdict: currentVerdict(db, post, ctx),
    disclosures: deriveDisclosures(db, post, ctx, places).derived.disclosures,
  };
}

export const stateChange: Partial<Record<PostState, { action: AuditAction; field: 'takedownRequiredAt' | null }>> = {
  draft: { action: 'post.approval_withdrawn', field: null },
  takedown_required: { action: 'post.takedown_required', field: 'takedownRequiredAt' },
};

/**
 * The take-down reason of a published post: when it went out on or after
 * the day the revocation was received, it was published without a valid
 * authorization, and the reason says so with both dates.
 */
export function takedownReason(post: StoredPost, verdict: CoverageVerdict, consent: ConsentScopeView | null): string {
  const reasons = verdict.reasons.map((r) => r.message);
  const received = consent?.revocationReceivedOn;
  if (received && post.publishedAt && post.publishedAt >= received && verdict.reasons.some((r) => r.code === 'revoked')) {
    reasons.unshift(
      `Published on ${formatDay(post.publishedAt, 'en')}, on or after the day the revocation was received (${formatDay(received, 'en')}): it went out without a valid authorization.`,
    );
  }
  return reasons.join(' ');
}

/**
 * The reads behind `checkAllPosts`, and what the benchmark times alone for
 * its ratio. Every consent once (drafts too: a post linked to one gets the
 * same "not signed" reason as when it is checked alone), with only the
 * columns the coverage rule reads: served by the covering index
 * `authorizations_scope`, so the signature, PDF and other blobs in each row
 * are never walked, and no join. Then the patients' dates of birth (who
 * came of age), then the posts' own columns the rule and the result need.
 */
export const allScopesQuery = `SELECT id, patient_id, stage, terms, signed_at, revoked_at, revocation_received_on, expiration_event_at, expiration_event_on
  FROM authorizations INDEXED BY authorizations_scope`;
export const allBirthDatesQuery = 'SELECT id, date_of_birth FROM patients';
export const allPostsQuery = `SELECT id, state, patient_id, consent_id, channel, purpose, third_party_pays, sponsor, content_kinds, blocking_identifiers,
  health_mentions, identifiers_approved_at IS NOT NULL FROM posts`;

type ScopeRow = [
  id: string,
  patientId: string,
  stage: Stage,
  terms: string,
  signedAt: string | null,
  revokedAt: string | null,
  revocationReceivedOn: string | null,
  expirationEventAt: string | null,
  expirationEventOn: string | null,
];
type PostRow = [
  id: string,
  state: PostState,
  patientId: string,
  consentId: string | null,
  channel: string,
  purpose: PostDraft['purpose'],
  thirdPartyPays: number,
  sponsor: string,
  contentKinds: string,
  blockingIdentifiers: string,
  healthMentions: string,
  identifiersApproved: number,
];

export interface CheckedPostVerdict {
  id: string;
  state: PostState;
  consentId: string | null;
  verdict: CoverageVerdict;
}

/**
 * Check every post against its consent, as of `today`, with the coverage
 * rule run for each post (`checkCoverageOn`, the body of `checkCoverage`).
 * The benchmark times it (`npm run bench:coverage`).
 *
 * What keeps it fast, measured on 10,000 consents and 50,000 posts: each
 * consent's terms are parsed, and what its status says against a post
 * worked out (`consentOnDay`), once rather than once per post; each
 * distinct JSON text of a post is parsed once; rows come as arrays (`raw`)
 * and are walked with `iterate`, so a post's row is garbage as soon as it
 * has been checked.
 */
export function checkAllPosts(db: Db, ctx: CheckContext): CheckedPostVerdict[] {
  const births = new Map(db.prepare(allBirthDatesQuery).raw(true).all() as [string, string | null][]);
  const consents = new Map<string, ConsentOnDay & { id: string }>();
  for (const [id, patientId, stage, termsJson, signedAt, revokedAt, revocationReceivedOn, expirationEventAt, expirationEventOn] of db
    .prepare(allScopesQuery)
    .raw(true)
    .iterate() as IterableIterator<ScopeRow>) {
    const terms = JSON.parse(termsJson) as AuthorizationTerms;
    const view = toScopeView(
      { id, patient_id: patientId, first_name: '', last_name: '', stage, terms: termsJson, signed_at: signedAt, witnessed_at: null, revoked_at: revokedAt, revocation_received_on: revocationReceivedOn, expiration_event_at: expirationEventAt, expiration_event_on: expirationEventOn, pdf_sha256: null },
      ctx,
      terms,
    );
    consents.set(id, { id, ...consentOnDay(view, ctx.today, { dateOfBirth: births.get(patientId) ?? null }, { ageOfMajority: ctx.ageOfMajority }) });
  }
  const parsed = new Map<string, unknown>();
  const json = <T>(text: string): T => {
    let value = parsed.get(text);
    if (value === undefined) parsed.set(text, (value = JSON.parse(text)));
    return value as T;
  };
  const checked: CheckedPostVerdict[] = [];
  for (const [id, state, patientId, consentId, channel, purpose, paid, sponsor, kinds, blocking, health, approved] of db
    .prepare(allPostsQuery)
    .raw(true)
    .iterate() as IterableIterator<PostRow>) {
    const consent = consentId === null ? null : (consents.get(consentId) ?? null);
    checked.push({
      id,
      state,
      // The consent's own id string, shared by its posts, rather than one more copy per post.
      consentId: consent ? consent.id : consentId,
      verdict: checkCoverageOn(
        { patientId, channel, purpose, thirdPartyPays: paid === 1, sponsor, identifiersApproved: approved === 1 },
        { contentKinds: json<ContentKind[]>(kinds), blockingIdentifiers: json<IdentifierKind[]>(blocking), healthMentions: json<HealthMentionSummary[]>(health) },
        consent,
      ),
    });
  }
  return checked;
}
