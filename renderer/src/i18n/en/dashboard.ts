/** Texts of the dashboard screens. */
export const dashboard = {
  expiringItem: {
    expiresOn: '· expires on',
    tomorrow: 'tomorrow',
    post: 'post (',
    noPostReliesOnIt: 'No post relies on it.',
    postsRelyingOn: 'Posts relying on {{name}}’s consent',
  },
  expiringConsents: {
    none: 'None.',
  },
  /** Under a Home list longer than the page it shows. */
  showingFirst: 'Showing the first {{shown}} of {{total}}, the most urgent first.',
  glance: {
    marketing: 'Marketing',
    checkingPosts: 'Checking posts…',
    noPublishedPostNeedsTo: 'No published post needs to come down.',
    openTheMarketingDashboard: 'Open the marketing dashboard',
    takedowns_one: '{{count}} published post needs to be taken down.',
    takedowns_other: '{{count}} published posts need to be taken down.',
    expiring_one: '{{count}} consent expires within 30 days.',
    expiring_other: '{{count}} consents expire within 30 days.',
  },
  marketingDashboardPage: {
    marketingDashboard: 'Marketing dashboard',
    loadingTheDashboard: 'Loading the dashboard…',
    takeDownRequired: 'Take-down required (',
    theConsentBehindThesePublished: 'The consent behind these published posts was revoked or has expired. Remove each post from its channel, then record the take-down here.',
    toReviewThePatientCame: 'To review: the patient came of age (',
    aParentSignedTheConsent: 'A parent signed the consent behind these posts, and the patient has since come of age. What was already published in reliance on the parent’s authorization stays lawful, so the posts are not taken down automatically; the consent covers nothing new. Review each post, and ask the front desk for a new authorization signed by the patient before any new use.',
    consentsExpiringSoon: 'Consents expiring soon',
    postsRelyingOnTheseConsents: 'On the day a consent expires, the posts relying on it are listed above under take-downs: someone must remove each one from where it was published, then record it here. Ask the front desk for a renewal before that day.',
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
  buckets: {
    within30: 'Within 30 days',
    within60: 'In 31 to 60 days',
    within90: 'In 61 to 90 days',
  },
} as const;
