/** Texts of the marketing screens. */
export const marketing = {
  consentScopeSummary: {
    content: 'Content',
    none: 'None',
    channels: 'Channels',
    purposes: 'Purposes',
    paidByAThirdParty: 'Paid by a third party',
    notStatedUnpaidPostsOnly: 'Not stated: unpaid posts only',
    revokedOn: 'Revoked on {{day}}',
    expiredOn: 'Expired on {{day}}',
    expiresOn: 'Expires on {{day}}',
    endedOn: 'Ended on {{day}} ({{event}})',
    endsWhen: 'Ends when: {{event}}',
    allowed: 'Allowed',
  },
} as const;
