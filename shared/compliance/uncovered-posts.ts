import type { ContentKind, Purpose } from '../authorization/scope';
import { dayOf, type Day } from '../calendar';
import type { ConsentScopeView } from '../posts/consent-scope';
import { checkCoverage } from '../posts/coverage';
import type { PostState } from '../posts/post';

/** What the report needs of a post. */
export interface PostFacts {
  id: string;
  patientId: string;
  patientName: string;
  consentId: string | null;
  channel: string;
  purpose: Purpose;
  thirdPartyPays: boolean;
  contentKinds: ContentKind[];
  state: PostState;
  /** The day it was published (as recorded), or null. */
  publishedAt: Day | null;
  publishedUrl: string | null;
  takedownRequiredAt: string | null;
  /** Set when the consent it relied on was purged after its retention period. */
  purgedConsentId?: string | null;
}

export interface UncoveredPost {
  postId: string;
  patientId: string;
  patientName: string;
  consentId: string | null;
  channel: string;
  state: PostState;
  publishedOn: Day | null;
  url: string | null;
  /** Why the consent did not (or does not) cover it, in the coverage check's words. */
  reasons: string[];
  /** For a live post: since when a take-down has been required, if it has. */
  takedownRequiredAt: string | null;
}

export interface UncoveredPostsReport {
  generatedOn: Day;
  postsChecked: number;
  /** Published posts whose consent was purged after its six years: their history stays, the check cannot run. */
  consentPurged: number;
  /** Posts whose publication day fell when their consent did not cover them. */
  publishedWithoutCoverage: UncoveredPost[];
  /** Posts still up (published, or waiting to be taken down) that their consent does not cover today. */
  liveWithoutCoverage: UncoveredPost[];
  /** Distinct posts in either list: the number auditors look for first. It should be zero. */
  total: number;
}

/**
 * A consent as it stood on `day`: final only once witnessed, revoked or
 * ended by its event only from the day after the revocation or event was
 * recorded. A post recorded as published on the very day a revocation was
 * recorded gets the benefit of the doubt: the app itself refused to record a
 * publication once the revocation was in.
 */
export function consentAsOf(consent: ConsentScopeView, day: Day): ConsentScopeView {
  const recordedBefore = (iso: string | null) => (iso !== null && dayOf(new Date(iso)) < day ? iso : null);
  const reached = (iso: string | null) => iso !== null && dayOf(new Date(iso)) <= day;
  const stage = reached(consent.witnessedAt) && consent.stage === 'final' ? 'final' : reached(consent.signedAt) ? 'signed' : 'draft';
  return {
    ...consent,
    stage,
    revokedAt: recordedBefore(consent.revokedAt),
    expirationEventAt: recordedBefore(consent.expirationEventAt),
  };
}

const live = (state: PostState) => state === 'published' || state === 'takedown_required';

/**
 * Posts published without a valid, covering consent: judged on the day
 * they were published (with the consent as it stood then), and for those
 * still up, today. Pure: the caller passes the posts, their consents and
 * today's date.
 */
export function uncoveredPostsReport(posts: PostFacts[], consents: ReadonlyMap<string, ConsentScopeView>, today: Day): UncoveredPostsReport {
  const publishedWithoutCoverage: UncoveredPost[] = [];
  const liveWithoutCoverage: UncoveredPost[] = [];
  let checked = 0;
  let purged = 0;
  for (const post of posts) {
    if (post.publishedAt === null && !live(post.state)) continue;
    if (!post.consentId && post.purgedConsentId && !live(post.state)) {
      purged += 1;
      continue;
    }
    checked += 1;
    const consent = post.consentId ? (consents.get(post.consentId) ?? null) : null;
    const row = (reasons: string[]): UncoveredPost => ({
      postId: post.id,
      patientId: post.patientId,
      patientName: post.patientName,
      consentId: post.consentId,
      channel: post.channel,
      state: post.state,
      publishedOn: post.publishedAt,
      url: post.publishedUrl,
      reasons,
      takedownRequiredAt: post.takedownRequiredAt,
    });
    if (post.publishedAt !== null) {
      const then = checkCoverage({
        post,
        contentKinds: post.contentKinds,
        consent: consent && consentAsOf(consent, post.publishedAt),
        today: post.publishedAt,
      });
      if (!then.covered) publishedWithoutCoverage.push(row(then.reasons.map((r) => r.message)));
    }
    if (live(post.state)) {
      const now = checkCoverage({ post, contentKinds: post.contentKinds, consent, today });
      if (!now.covered) liveWithoutCoverage.push(row(now.reasons.map((r) => r.message)));
    }
  }
  const total = new Set([...publishedWithoutCoverage, ...liveWithoutCoverage].map((p) => p.postId)).size;
  return { generatedOn: today, postsChecked: checked, consentPurged: purged, publishedWithoutCoverage, liveWithoutCoverage, total };
}
