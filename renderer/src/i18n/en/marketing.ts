/** Texts of the marketing screens. */
export const marketing = {
  consentScopeSummary: {
    content: 'Content',
    none: 'None',
    channels: 'Channels',
    purposes: 'Purposes',
    paidByAThirdParty: 'Paid by a third party',
    notStatedUnpaidPostsOnly: 'Not stated: unpaid posts only',
  },
} as const;
