import type { ContentKind, Purpose } from '../authorization/scope';
import { formatDay, type Day } from '../calendar';
import type { ConsentScopeView } from '../posts/consent-scope';
import { checkCoverage, type CoverageReason, type CoverageSettings } from '../posts/coverage';
import type { HealthMentionSummary } from '../posts/disclosures';
import type { IdentifierKind } from '../posts/phi-scanner';
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
  sponsor: string;
  contentKinds: ContentKind[];
  blockingIdentifiers: IdentifierKind[];
  healthMentions: HealthMentionSummary[];
  identifiersApproved: boolean;
  /** The patient's, to judge a parent's authority (never shown). */
  patientDateOfBirth: Day | null;
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
  /** The same reasons by code and parameters, for a screen to word in its language; `publishedAfterRevocation` leads `reasons` when set. */
  coverage: { reasons: CoverageReason[]; publishedAfterRevocation: { published: Day; received: Day } | null };
  /** For a live post: since when a take-down has been required, if it has. */
  takedownRequiredAt: string | null;
  /** When the consent's revocation was received, if it was: posts published from that day on had no valid authorization. */
  revocationReceivedOn: Day | null;
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
 * A consent as it stood on `day` (days in the practice's time zone): final
 * only once witnessed; revoked from the day the revocation was received
 * (45 CFR 164.508(b)(5)), even if it was recorded later; ended from the day
 * its expiration event happened.
 */
export function consentAsOf(consent: ConsentScopeView, day: Day): ConsentScopeView {
  const reached = (d: Day | null) => d !== null && d <= day;
  const stage = reached(consent.witnessedOn) && consent.stage === 'final' ? 'final' : reached(consent.signedOn) ? 'signed' : 'draft';
  return {
    ...consent,
    stage,
    revokedAt: reached(consent.revocationReceivedOn) ? consent.revokedAt : null,
    expirationEventAt: reached(consent.expirationEventOn) ? consent.expirationEventAt : null,
  };
}

const live = (state: PostState) => state === 'published' || state === 'takedown_required';

/**
 * Posts published without a valid, covering consent: judged on the day
 * they were published (with the consent as it stood then), and for those
 * still up, today. Pure: the caller passes the posts, their consents and
 * today's date.
 */
/**
 * Reads `posts` once, in order, and keeps only what it reports, so a caller
 * can stream them; `consents` need only hold each post's consent by the time
 * that post is read.
 */
export function uncoveredPostsReport(posts: Iterable<PostFacts>, consents: ReadonlyMap<string, ConsentScopeView>, today: Day, settings: CoverageSettings): UncoveredPostsReport {
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
    const row = (reasons: string[], coverage: UncoveredPost['coverage']): UncoveredPost => ({
      postId: post.id,
      patientId: post.patientId,
      patientName: post.patientName,
      consentId: post.consentId,
      channel: post.channel,
      state: post.state,
      publishedOn: post.publishedAt,
      url: post.publishedUrl,
      reasons,
      coverage,
      takedownRequiredAt: post.takedownRequiredAt,
      revocationReceivedOn: consent?.revocationReceivedOn ?? null,
    });
    const question = (on: Day, c: ConsentScopeView | null) => ({
      post: { ...post, sponsor: post.sponsor, identifiersApproved: post.identifiersApproved },
      disclosures: post,
      consent: c,
      patient: { dateOfBirth: post.patientDateOfBirth },
      settings,
      today: on,
    });
    if (post.publishedAt !== null) {
      const then = checkCoverage(question(post.publishedAt, consent && consentAsOf(consent, post.publishedAt)));
      if (!then.covered) {
        const reasons = then.reasons.map((r) => r.message);
        const received = consent?.revocationReceivedOn;
        const after = received && then.reasons.some((r) => r.code === 'revoked') ? { published: post.publishedAt, received } : null;
        if (after) reasons.unshift(`Published on ${formatDay(after.published, 'en')}, on or after the day the revocation was received (${formatDay(after.received, 'en')}).`);
        publishedWithoutCoverage.push(row(reasons, { reasons: then.reasons, publishedAfterRevocation: after }));
      }
    }
    if (live(post.state)) {
      const now = checkCoverage(question(today, consent));
      // A parent's authorization ended: what is up stays lawful (it is listed for review on the dashboard).
      if (!now.covered && !now.reasons.every((r) => r.code === 'came_of_age')) liveWithoutCoverage.push(row(now.reasons.map((r) => r.message), { reasons: now.reasons, publishedAfterRevocation: null }));
    }
  }
  const total = new Set([...publishedWithoutCoverage, ...liveWithoutCoverage].map((p) => p.postId)).size;
  return { generatedOn: today, postsChecked: checked, consentPurged: purged, publishedWithoutCoverage, liveWithoutCoverage, total };
}
