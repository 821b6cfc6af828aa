/** Texts of the compliance screens. */
export const compliance = {
  complianceLinks: {
    auditsAndRecords: 'Audits and records',
    what: {
      auditExport: 'a signed bundle an auditor can check',
      reports: 'uncovered posts, expiring consents, revocations, staff activity',
      retention: 'what may be purged after six years',
      backups: 'encrypted copies, their schedule, restoring one',
    },
  },
} as const;
