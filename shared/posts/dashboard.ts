import type { ConsentScopeView } from './consent-scope';
import type { CoverageVerdict } from './coverage';
import type { ContentKind } from '../authorization/scope';
import type { Disclosure } from './disclosures';
import type { Post } from './post';

/** A post with what the panel beside it shows: may it be posted, and what it discloses. */
export interface PostView extends Post {
  patientFirstName: string;
  patientLastName: string;
  testimonialTitle: string;
  contentKinds: ContentKind[];
  verdict: CoverageVerdict;
  /** What the caption, the testimonial's quote and the media disclose, each with the content kind it needs. */
  disclosures: Disclosure[];
  /** The post's row version as read (answered by the calls on the store engine): `posts.update` takes it back. */
  rowVersion?: number;
}

export interface ExpiringConsent {
  consent: ConsentScopeView;
  /** Days until the expiration date (1 = expires tomorrow). */
  daysLeft: number;
  posts: { id: string; state: Post['state']; channel: string }[];
}

/** How many items each list on marketing's Home holds at most: the most urgent first; `totals` counts them all. */
export const dashboardListLimit = 50;

export interface MarketingDashboard {
  /** Posts that must come down, oldest flag first: the top of the dashboard (at most dashboardListLimit). */
  takedownRequired: PostView[];
  /** Published under a parent's authorization, and the patient came of age: to review (they stay up). */
  reviewRequired: PostView[];
  /** Consents expiring within 30, 60 and 90 days, soonest first, with the posts that depend on them. */
  expiring: { within30: ExpiringConsent[]; within60: ExpiringConsent[]; within90: ExpiringConsent[] };
  /** How many items each list has in all (a list shows the first dashboardListLimit). */
  totals: { takedownRequired: number; reviewRequired: number; within30: number; within60: number; within90: number };
  counts: Record<Post['state'], number>;
}
