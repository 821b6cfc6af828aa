import type { ExportJob } from '../../../../shared/compliance/audit-bundle';

/** What an export is doing, for the progress bar's label. */
export const exportPhaseLabels: Record<ExportJob['phase'], string> = {
  authorizations: 'Adding the signed authorizations',
  revocations: 'Adding the revocation acknowledgments',
  spreadsheets: 'Writing the spreadsheets',
  'audit trail': 'Adding the audit trail of the period',
  program: 'Adding the compliance program: policy, training, reviews, incidents',
  manifest: 'Signing the manifest',
  finished: 'Finished',
};

export function filesText(job: Pick<ExportJob, 'done' | 'total'>): string {
  return `${job.done} of ${job.total} files`;
}
