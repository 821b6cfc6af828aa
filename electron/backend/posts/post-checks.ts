import type { Stage } from '../../../shared/authorization/record';
import type { AuthorizationTerms, ContentKind } from '../../../shared/authorization/scope';
import type { Day } from '../../../shared/calendar';
import { AppError } from '../../../shared/errors';
import type { ConsentScopeView } from '../../../shared/posts/consent-scope';
import { contentKindsUsed } from '../../../shared/posts/content-use';
import { checkCoverage, checkCoverageOn, consentOnDay, type ConsentOnDay, type CoverageVerdict } from '../../../shared/posts/coverage';
import type { PostView } from '../../../shared/posts/dashboard';
import { scanForPhi, type Finding } from '../../../shared/posts/phi-scanner';
import type { PostDraft, PostState } from '../../../shared/posts/post';
import { reconcile } from '../../../shared/posts/workflow';
import type { AuditAction } from '../../../shared/audit-actions';
import { appendAudit } from '../audit/audit-log';
import { scopeView } from '../repositories/consent-scope-repository';
import { getPatient } from '../repositories/patient-repository';
import { listPosts, setPostState, type StoredPost } from '../repositories/post-repository';
import { getTestimonial, mediaOfTestimonial } from '../repositories/testimonial-repository';
import type { Db } from '../store/database';

/** The content kinds a draft uses; its media must belong to its testimonial. */
export function deriveContentKinds(db: Db, draft: Pick<PostDraft, 'testimonialId' | 'caption' | 'mediaIds' | 'extraContentKinds'>): {
  patientId: string;
  contentKinds: ContentKind[];
} {
  const testimonial = getTestimonial(db, draft.testimonialId);
  if (!testimonial) throw new AppError('not_found', 'That testimonial does not exist.');
  const patient = getPatient(db, testimonial.patientId)!;
  const media = mediaOfTestimonial(db, testimonial.id);
  const chosen = draft.mediaIds.map((id) => {
    const m = media.find((x) => x.id === id);
    if (!m) throw new AppError('validation', 'A chosen media file does not belong to this testimonial.', { issues: [{ path: 'mediaIds', message: 'Choose media of this testimonial.' }] });
    return m;
  });
  return {
    patientId: patient.id,
    contentKinds: contentKindsUsed({
      caption: draft.caption,
      media: chosen,
      patient: { firstName: patient.firstName, lastName: patient.lastName, city: patient.city },
      quote: testimonial.quote,
      extraContentKinds: draft.extraContentKinds,
    }),
  };
}

export function verdictOf(
  post: { patientId: string; channel: string; purpose: PostDraft['purpose']; thirdPartyPays: boolean; consentId: string | null },
  contentKinds: ContentKind[],
  consent: ConsentScopeView | null,
  today: Day,
): CoverageVerdict {
  return checkCoverage({ post, contentKinds, consent, today });
}

/** What the caption reveals, judged with the patient's full record (which marketing never sees). */
export function captionFindings(db: Db, patientId: string, caption: string): Finding[] {
  const p = getPatient(db, patientId);
  return p ? scanForPhi(caption, p) : scanForPhi(caption);
}

export function postView(db: Db, post: StoredPost, today: Day): PostView {
  const testimonial = getTestimonial(db, post.testimonialId)!;
  const consent = post.consentId ? scopeView(db, post.consentId, today) : null;
  return {
    ...post,
    patientFirstName: testimonial.patientFirstName,
    patientLastName: testimonial.patientLastName,
    testimonialTitle: testimonial.title,
    verdict: verdictOf(post, post.contentKinds, consent, today),
    captionFindings: captionFindings(db, post.patientId, post.caption),
  };
}

const stateChange: Partial<Record<PostState, { action: AuditAction; field: 'takedownRequiredAt' | null }>> = {
  draft: { action: 'post.approval_withdrawn', field: null },
  takedown_required: { action: 'post.takedown_required', field: 'takedownRequiredAt' },
};

/**
 * Bring posts in line with today's coverage: an approved post whose check
 * fails goes back to draft, a published one becomes "take-down required".
 * Call inside the transaction of whatever changed coverage (a revocation,
 * an expiration event), and on start-up and on the clock for expiry dates.
 * Returns the posts that changed.
 */
export function reconcilePosts(db: Db, today: Day, at: string, filter: { consentId?: string; patientId?: string } = {}): StoredPost[] {
  const where = ["state IN ('approved', 'published')"];
  const params: unknown[] = [];
  if (filter.consentId) {
    where.push('consent_id = ?');
    params.push(filter.consentId);
  }
  if (filter.patientId) {
    where.push('patient_id = ?');
    params.push(filter.patientId);
  }
  const changed: StoredPost[] = [];
  const consents = new Map<string, ConsentScopeView | null>();
  for (const post of listPosts(db, `WHERE ${where.join(' AND ')}`, ...params)) {
    if (post.consentId && !consents.has(post.consentId)) consents.set(post.consentId, scopeView(db, post.consentId, today));
    const verdict = verdictOf(post, post.contentKinds, post.consentId ? consents.get(post.consentId)! : null, today);
    const next = reconcile(post.state, verdict.covered);
    if (next === post.state) continue;
    const reason = verdict.reasons.map((r) => r.message).join(' ');
    const change = stateChange[next]!;
    setPostState(db, post.id, next, at, change.field ? { takedownRequiredAt: at, takedownReason: reason } : { approvedAt: null, approvedBy: null });
    appendAudit(db, { at, actorId: null, actorName: 'system', action: change.action, subjectType: 'post', subjectId: post.id, detail: reason });
    changed.push({ ...post, state: next });
  }
  return changed;
}

/**
 * The reads behind `checkAllPosts`, and what the benchmark times alone for
 * its ratio. Every consent once (drafts too: a post linked to one gets the
 * same "not signed" reason as when it is checked alone), with only the
 * columns the coverage rule reads: served by the covering index
 * `authorizations_scope`, so the signature, PDF and other blobs in each row
 * are never walked, and no join (the patient's name is not part of the
 * rule). Then the posts' own columns the rule and the result need.
 */
export const allScopesQuery = `SELECT id, patient_id, stage, terms, revoked_at, expiration_event_at
  FROM authorizations INDEXED BY authorizations_scope`;
export const allPostsQuery = 'SELECT id, state, patient_id, consent_id, channel, purpose, third_party_pays, content_kinds FROM posts';

type ScopeRow = [id: string, patientId: string, stage: Stage, terms: string, revokedAt: string | null, expirationEventAt: string | null];
type PostRow = [
  id: string,
  state: PostState,
  patientId: string,
  consentId: string | null,
  channel: string,
  purpose: PostDraft['purpose'],
  thirdPartyPays: number,
  contentKinds: string,
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
 * distinct `content_kinds` text is parsed once; rows come as arrays (`raw`)
 * and are walked with `iterate`, so a post's row is garbage as soon as it
 * has been checked instead of surviving young-generation collections with
 * 49,999 others. Posts asking the same question are not memoised: in the
 * benchmark 47,000 of 50,000 questions are distinct, and keying a cache
 * cost more than the rule.
 */
export function checkAllPosts(db: Db, today: Day): CheckedPostVerdict[] {
  const consents = new Map<string, ConsentOnDay & { id: string }>();
  for (const [id, patientId, stage, termsJson, revokedAt, expirationEventAt] of db.prepare(allScopesQuery).raw(true).iterate() as IterableIterator<ScopeRow>) {
    const { scope, expiration, remuneration } = JSON.parse(termsJson) as AuthorizationTerms;
    consents.set(id, { id, ...consentOnDay({ patientId, stage, scope, expiration, remuneration, revokedAt, expirationEventAt }, today) });
  }
  const kindsOf = new Map<string, ContentKind[]>();
  const checked: CheckedPostVerdict[] = [];
  for (const [id, state, patientId, consentId, channel, purpose, paid, kindsJson] of db.prepare(allPostsQuery).raw(true).iterate() as IterableIterator<PostRow>) {
    let kinds = kindsOf.get(kindsJson);
    if (!kinds) kindsOf.set(kindsJson, (kinds = JSON.parse(kindsJson) as ContentKind[]));
    const consent = consentId === null ? null : (consents.get(consentId) ?? null);
    checked.push({
      id,
      state,
      // The consent's own id string, shared by its posts, rather than one more copy per post.
      consentId: consent ? consent.id : consentId,
      verdict: checkCoverageOn({ patientId, channel, purpose, thirdPartyPays: paid === 1 }, kinds, consent),
    });
  }
  return checked;
}
