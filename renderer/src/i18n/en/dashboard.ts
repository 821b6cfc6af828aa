/** Texts of the dashboard screens. */
export const dashboard = {
  expiringItem: {
    expiresOn: '· expires on',
    tomorrow: 'tomorrow',
    post: 'post (',
    noPostReliesOnIt: 'No post relies on it.',
  },
  expiringConsents: {
    none: 'None.',
  },
  glance: {
    marketing: 'Marketing',
    checkingPosts: 'Checking posts…',
    noPublishedPostNeedsTo: 'No published post needs to come down.',
    openTheMarketingDashboard: 'Open the marketing dashboard',
  },
  marketingDashboardPage: {
    marketingDashboard: 'Marketing dashboard',
    loadingTheDashboard: 'Loading the dashboard…',
    takeDownRequired: 'Take-down required (',
    theConsentBehindThesePublished: 'The consent behind these published posts was revoked or has expired. Remove each post from its channel, then record the take-down here.',
    toReviewThePatientCame: 'To review: the patient came of age (',
    aParentSignedTheConsent: 'A parent signed the consent behind these posts, and the patient has since come of age. What was already published in reliance on the parent’s authorization stays lawful, so the posts are not taken down automatically; the consent covers nothing new. Review each post, and ask the front desk for a new authorization signed by the patient before any new use.',
    consentsExpiringSoon: 'Consents expiring soon',
    postsRelyingOnTheseConsents: 'Posts relying on these consents come down automatically on the day they expire.',
    postsByState: 'Posts by state',
    allPosts: 'All posts',
    testimonials: 'Testimonials',
  },
  takedownList: {
    noPublishedPostNeedsTo: 'No published post needs to come down.',
    on: 'on',
    at: 'at',
    why: 'Why:',
    flagged: 'Flagged',
    recordTakeDown: 'Record take-down',
    of: 'of',
    openPost: 'Open post',
  },
} as const;
