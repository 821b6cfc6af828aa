/** Texts of the home screens. */
export const home = {
  workQueues: {
    loadingYourWork: 'Loading your work…',
    yourWorkToday: 'Your work today',
    groups: {
      front_desk: 'Front desk work',
      marketing: 'Marketing work',
      privacy: 'Privacy office work',
    },
    queues: {
      drafts_to_sign: {
        title: 'Drafts waiting for a signature',
        empty: 'No drafts are waiting.',
      },
      awaiting_witness: {
        title: 'Signed, waiting for the witness',
        empty: 'No signature is waiting for a witness.',
      },
      expiring_soon: {
        title: 'Ending within 30 days: renew',
        empty: 'No authorization ends in the next 30 days.',
      },
      events_to_record: {
        title: 'Ending event to check and record',
        empty: 'No authorization waits for its ending event.',
      },
      takedowns_required: {
        title: 'Posts to take down',
        empty: 'No post has to come down.',
      },
      posts_to_review: {
        title: 'Published posts to review',
        empty: 'No published post needs a review.',
      },
      posts_to_approve: {
        title: 'Draft posts to check and approve',
        empty: 'No draft post is waiting.',
      },
      posts_to_publish: {
        title: 'Approved posts to publish',
        empty: 'No approved post is waiting.',
      },
      live_without_coverage: {
        title: 'Live posts their consent does not cover',
        empty: 'Every live post is covered by its consent.',
      },
      revocations_recent: {
        title: 'Revocations received in the last 30 days',
        empty: 'No revocation in the last 30 days.',
      },
    },
    since: {
      prepared: 'Prepared {{day}}',
      signed: 'Signed {{day}}',
      inEffectSince: 'In effect since {{day}}',
      flagged: 'Flagged {{day}}',
      changed: 'Changed {{day}}',
      approved: 'Approved {{day}}',
      published: 'Published {{day}}',
      received: 'Received {{day}}',
    },
    endsToday: 'Ends {{day}} (today is its last day)',
    endsInDays_one: 'Ends {{day}} (in {{count}} day)',
    endsInDays_other: 'Ends {{day}} (in {{count}} days)',
    postOn: 'Post on {{channel}}',
    post: 'Post',
    showingFirst_one: 'Showing the first {{shown}} of {{total}}.',
    showingFirst_other: 'Showing the first {{shown}} of {{total}}.',
  },
  homePage: {
    home: 'Home',
    whatYourRoleCanDo: 'What your role can do',
    welcomeAt: 'Welcome, {{name}}. You are signed in to {{practice}} as {{role}}.',
    welcomeNoPractice: 'Welcome, {{name}}. You are signed in as {{role}}.',
    lockNote_one: 'Consent Desk locks itself after {{count}} minute without input. Use <strong>Lock</strong> at the top when you step away, and <strong>Sign out</strong> when you are done.',
    lockNote_other: 'Consent Desk locks itself after {{count}} minutes without input. Use <strong>Lock</strong> at the top when you step away, and <strong>Sign out</strong> when you are done.',
  },
} as const;
