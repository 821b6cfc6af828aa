/** Texts of the audit screens. */
export const audit = {
  auditFilterForm: {
    filterEvents: 'Filter events',
    from: 'From',
    dayInUtc: 'Day in UTC',
    to: 'To',
    dayInUtcIncluded: 'Day in UTC, included',
    staffMember: 'Staff member',
    usernameEGJsmith: 'Username, e.g. “jsmith”',
    action: 'Action',
    applyFilters: 'Apply filters',
    clearFilters: 'Clear filters',
  },
  auditPage: {
    auditTrail: 'Audit trail',
    everySignInFailedSign: 'Every sign-in, failed sign-in, lock and change is recorded here. Each event carries a fingerprint of the one before it, so changing or removing an event breaks the chain.',
    loadingEvents: 'Loading events…',
    showOlderEvents: 'Show older events',
  },
  auditTable: {
    auditEvents: 'Audit events',
    auditEventsNewestFirstShowing: 'Audit events, newest first: showing',
    of: 'of',
    event: 'Event',
    time: 'Time',
    who: 'Who',
    action: 'Action',
    subject: 'Subject',
    detail: 'Detail',
    noEventsMatchTheseFilters: 'No events match these filters.',
  },
  verifyChain: {
    checkTheChain: 'Check the chain',
    verifyChain: 'Verify chain',
    verifyingEveryEvent: 'Verifying every event…',
  },
} as const;
