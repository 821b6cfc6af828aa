import { z } from 'zod';
import { authorizationIdSchema, type FilePayload } from '../authorization/record';
import { isDay } from '../calendar';
import { exportParamsSchema, type BundleVerification, type ExportJob } from '../compliance/audit-bundle';
import { backupScheduleSchema, type BackupInfo, type BackupOverview } from '../compliance/backups';
import type { ExpiringConsentsReport } from '../compliance/expiring-consents';
import type { PurgeResult, RetentionReview } from '../compliance/retention';
import type { RevocationReport } from '../compliance/revocation-report';
import type { StaffActivityReport } from '../compliance/staff-activity';
import type { UncoveredPostsReport } from '../compliance/uncovered-posts';
import type { AppState } from '../session';
import { call, returns } from './define';
import { noInput } from './no-input';

const exportIdSchema = z.uuid('Unknown export.');
const daySchema = z.string().refine(isDay, 'Use a date such as 2026-01-31.');
const absolutePath = (ending: string, what: string) =>
  z
    .string()
    .max(4096)
    .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), 'Give an absolute path.')
    .refine((p) => p.toLowerCase().endsWith(ending), `${what} ends in ${ending}.`);
const range = z
  .object({ from: daySchema, to: daySchema })
  .strict()
  .refine((r) => r.from <= r.to, { message: 'The range must start on or before its last day.', path: ['to'] });

export const reportKinds = ['uncovered_posts', 'expiring_consents', 'revocations', 'staff_activity'] as const;

/**
 * The privacy officer's side: audit bundles, compliance reports, retention
 * and backups. An export runs in the background: `exports.start` answers
 * at once with a job the renderer polls with `exports.progress` (a
 * progress bar) and may stop with `exports.cancel`.
 */
export const complianceCalls = {
  'exports.start': call({
    summary: 'Start writing an audit bundle (zip) for a date range; answers at once with the job to poll.',
    access: 'audit.read',
    input: exportParamsSchema,
    output: returns<ExportJob>(),
    pathInputs: ['destinationPath'],
    pathOutputs: (job) => (job.filePath ? [job.filePath] : []),
  }),
  'exports.progress': call({
    summary: 'How far an export has got: files done of total, and the bundle once finished.',
    access: 'audit.read',
    input: z.object({ id: exportIdSchema }).strict(),
    output: returns<ExportJob>(),
    pathOutputs: (job) => (job.filePath ? [job.filePath] : []),
  }),
  'exports.latest': call({
    summary: 'The export started last (running or finished) since Consent Desk started, or null: a reloaded page finds it again.',
    access: 'audit.read',
    input: noInput,
    output: returns<ExportJob | null>(),
    pathOutputs: (job) => (job?.filePath ? [job.filePath] : []),
  }),
  'exports.cancel': call({
    summary: 'Stop an export; nothing of the bundle is left behind.',
    access: 'audit.read',
    input: z.object({ id: exportIdSchema }).strict(),
    output: returns<ExportJob>(),
  }),
  'exports.verify': call({
    summary: 'Check a bundle as an auditor would: manifest signature, every file, every PDF signature, the audit excerpt.',
    access: 'audit.read',
    input: z.union([
      z.object({ id: exportIdSchema }).strict(),
      z.object({ filePath: absolutePath('.zip', 'A bundle') }).strict(),
    ]),
    output: returns<BundleVerification>(),
    pathInputs: ['filePath'],
  }),
  'reports.uncoveredPosts': call({
    summary: 'Posts published without a valid, covering consent (should be none), then and now.',
    access: 'audit.read',
    input: noInput,
    output: returns<UncoveredPostsReport>(),
  }),
  'reports.expiringConsents': call({
    summary: 'Consents expiring within 30, 60 and 90 days, with the posts relying on them.',
    access: 'audit.read',
    input: noInput,
    output: returns<ExpiringConsentsReport>(),
  }),
  'reports.revocations': call({
    summary: 'Revocations recorded in a range and the posts taken down (or still up) because of them.',
    access: 'audit.read',
    input: range,
    output: returns<RevocationReport>(),
  }),
  'reports.staffActivity': call({
    summary: 'Audit events per staff member and action over a range.',
    access: 'audit.read',
    input: range,
    output: returns<StaffActivityReport>(),
  }),
  'reports.pdf': call({
    summary: 'One of the reports as a signed PDF (patient names only when asked).',
    access: 'audit.read',
    input: z
      .object({
        report: z.enum(reportKinds),
        from: daySchema.optional(),
        to: daySchema.optional(),
        includeNames: z.boolean().default(false),
      })
      .strict()
      .refine((r) => (r.report !== 'revocations' && r.report !== 'staff_activity') || (r.from && r.to && r.from <= r.to), {
        message: 'This report needs a range: from and to.',
        path: ['from'],
      }),
    output: returns<FilePayload>(),
  }),
  'retention.review': call({
    summary: 'Signed authorizations and when each may be purged under the six-year retention rule.',
    access: 'records.purge',
    input: z.object({ purgeableOnly: z.boolean().default(true) }).strict(),
    output: returns<RetentionReview>(),
  }),
  'retention.purge': call({
    summary: 'Delete a signed authorization and its revocation after their six years; refused before.',
    access: 'records.purge',
    input: z.object({ id: authorizationIdSchema }).strict(),
    output: returns<PurgeResult>(),
  }),
  'backups.create': call({
    summary: 'Write an encrypted backup now (to the backup folder, or where a shell says).',
    access: 'store.backup',
    input: z.object({ destinationPath: absolutePath('.cdbackup', 'A backup file').optional() }).strict(),
    output: returns<BackupInfo>(),
    pathInputs: ['destinationPath'],
    pathOutputs: (backup) => [backup.filePath],
  }),
  'backups.list': call({
    summary: 'The backup folder, its schedule and the backups in it, newest first.',
    access: 'store.backup',
    input: noInput,
    output: returns<BackupOverview>(),
    pathOutputs: (overview) => [overview.folder, ...overview.backups.map((b) => b.filePath)],
  }),
  'backups.setSchedule': call({
    summary: 'Choose the backup folder, how often to back up and how many backups to keep.',
    access: 'store.backup',
    input: backupScheduleSchema,
    output: returns<BackupOverview>(),
    pathInputs: ['folder'],
    pathOutputs: (overview) => [overview.folder, ...overview.backups.map((b) => b.filePath)],
  }),
  'backups.restore': call({
    summary: 'Replace the store with a backup after checking it; signs everyone out.',
    access: 'store.backup',
    input: z
      .object({
        filePath: absolutePath('.cdbackup', 'A backup file'),
        /** Your password as it was when the backup was made (or the recovery key). */
        password: z.string().min(1).max(256).optional(),
        recoveryKey: z.string().trim().min(1).max(200).optional(),
      })
      .strict()
      .refine((r) => (r.password === undefined) !== (r.recoveryKey === undefined), {
        message: 'Give your password from when the backup was made, or the recovery key.',
        path: ['password'],
      }),
    output: returns<AppState>(),
    pathInputs: ['filePath'],
  }),
} as const;
