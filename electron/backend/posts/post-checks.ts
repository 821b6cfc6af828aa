import type { Stage } from '../../../shared/authorization/record';
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

const stateChange: Partial<Record<PostState, { action: string; field: 'takedownRequiredAt' | null }>> = {
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
 * Check every post against its consent in one pass: one query for posts and
 * their consents, then the pure coverage rule. The benchmark and
 * `consent-desk posts check` use it.
 */
export function checkAllPosts(db: Db, today: Day): { id: string; state: PostState; consentId: string | null; verdict: CoverageVerdict }[] {
  type Row = {
    id: string;
    state: PostState;
    patient_id: string;
    consent_id: string | null;
    channel: string;
    purpose: PostDraft['purpose'];
    third_party_pays: number;
    content_kinds: string;
    a_patient_id: string | null;
    first_name: string | null;
    last_name: string | null;
    stage: Stage | null;
    terms: string | null;
    signed_at: string | null;
    witnessed_at: string | null;
    revoked_at: string | null;
    expiration_event_at: string | null;
    pdf_sha256: string | null;
  };
  const rows = db
    .prepare(
      `SELECT p.id, p.state, p.patient_id, p.consent_id, p.channel, p.purpose, p.third_party_pays, p.content_kinds,
         a.patient_id AS a_patient_id, pt.first_name, pt.last_name, a.stage, a.terms, a.signed_at, a.witnessed_at,
         a.revoked_at, a.expiration_event_at, a.pdf_sha256
       FROM posts p LEFT JOIN authorizations a ON a.id = p.consent_id LEFT JOIN patients pt ON pt.id = a.patient_id`,
    )
    .all() as Row[];
  const consents = new Map<string, ConsentScopeView>();
  return rows.map((r) => {
    let consent: ConsentScopeView | null = null;
    if (r.consent_id && r.terms) {
      consent = consents.get(r.consent_id) ?? null;
      if (!consent) {
        consent = toScopeView({ ...r, id: r.consent_id, patient_id: r.a_patient_id!, first_name: r.first_name!, last_name: r.last_name!, stage: r.stage!, terms: r.terms }, today);
        consents.set(r.consent_id, consent);
      }
    }
    const verdict = verdictOf(
      { patientId: r.patient_id, channel: r.channel, purpose: r.purpose, thirdPartyPays: r.third_party_pays === 1, consentId: r.consent_id },
      JSON.parse(r.content_kinds) as ContentKind[],
      consent,
      today,
    );
    return { id: r.id, state: r.state, consentId: r.consent_id, verdict };
  });
}
