import type { ExportJob } from '../../../../shared/compliance/audit-bundle';
import { i18n } from '../../i18n/i18n';

const phaseKeys = {
  authorizations: 'authorizations',
  revocations: 'revocations',
  spreadsheets: 'spreadsheets',
  'audit trail': 'auditTrail',
  program: 'program',
  manifest: 'manifest',
  finished: 'finished',
} as const satisfies Record<ExportJob['phase'], string>;

/** What an export is doing, for the progress bar's label. */
export function exportPhaseLabel(phase: ExportJob['phase']): string {
  return i18n.t(`compliance-export:exportPhases.${phaseKeys[phase]}`);
}

export function filesText(job: Pick<ExportJob, 'done' | 'total'>): string {
  return i18n.t('compliance-export:exportPhases.filesDone', { done: job.done, total: job.total });
}
