import type { ContentKind } from '../../../shared/authorization/scope';
import type { Day } from '../../../shared/calendar';
import { AppError } from '../../../shared/errors';
import type { ConsentScopeView } from '../../../shared/posts/consent-scope';
import { contentKindsUsed } from '../../../shared/posts/content-use';
import { checkCoverage, type CoverageVerdict } from '../../../shared/posts/coverage';
import type { PostView } from '../../../shared/posts/dashboard';
import { scanForPhi, type Finding } from '../../../shared/posts/phi-scanner';
import type { PostDraft, PostState } from '../../../shared/posts/post';
import { reconcile } from '../../../shared/posts/workflow';
import type { AuditAction } from '../../../shared/audit-actions';
import { appendAudit } from '../audit/audit-log';
import { scopeView, toScopeView } from '../repositories/consent-scope-repository';
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
 * The reads behind `checkAllPosts`: every signed consent once (served by the
 * covering index `authorizations_scope`, so the signature, PDF and other
 * blobs in each row are never walked), and the posts' own columns the rule
 * needs. The benchmark times these same reads alone for its ratio.
 */
export const allScopesQuery = `SELECT a.id, a.patient_id, p.first_name, p.last_name, a.stage, a.terms, a.signed_at, a.witnessed_at,
    a.revoked_at, a.expiration_event_at, a.pdf_sha256
  FROM authorizations a INDEXED BY authorizations_scope JOIN patients p ON p.id = a.patient_id WHERE a.stage <> 'draft'`;
export const allPostsQuery = 'SELECT id, state, patient_id, consent_id, channel, purpose, third_party_pays, content_kinds FROM posts';

/**
 * Check every post against its consent in one pass. Posts that share a
 * consent and the same channel, purpose, payer and content share one
 * verdict, so the rule runs once per distinct question rather than once per
 * post. `consent-desk posts check` and the benchmark use it.
 */
export function checkAllPosts(db: Db, today: Day): { id: string; state: PostState; consentId: string | null; verdict: CoverageVerdict }[] {
  const consents = new Map<string, ConsentScopeView>();
  for (const row of db.prepare(allScopesQuery).all() as Parameters<typeof toScopeView>[0][]) consents.set(row.id, toScopeView(row, today));
  const kindsOf = new Map<string, ContentKind[]>();
  const verdicts = new Map<string, CoverageVerdict>();
  type PostRow = [string, PostState, string, string | null, string, PostDraft['purpose'], number, string];
  return (db.prepare(allPostsQuery).raw(true).all() as PostRow[]).map(([id, state, patientId, consentId, channel, purpose, paid, kindsJson]) => {
    const key = `${consentId}\u0000${patientId}\u0000${channel}\u0000${purpose}\u0000${paid}\u0000${kindsJson}`;
    let verdict = verdicts.get(key);
    if (!verdict) {
      let kinds = kindsOf.get(kindsJson);
      if (!kinds) kindsOf.set(kindsJson, (kinds = JSON.parse(kindsJson) as ContentKind[]));
      verdict = verdictOf(
        { patientId, channel, purpose, thirdPartyPays: paid === 1, consentId },
        kinds,
        consentId ? (consents.get(consentId) ?? null) : null,
        today,
      );
      verdicts.set(key, verdict);
    }
    return { id, state, consentId, verdict };
  });
}
