/** Texts of the compliance screens. */
export const compliance = {
  complianceLinks: {
    auditsAndRecords: 'Audits and records',
  },
} as const;
