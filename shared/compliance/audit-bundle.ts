import { z } from 'zod';
import type { AuthorizationStatus } from '../authorization/status';
import { isDay } from '../calendar';
import type { PracticeCertificate } from '../certificate';
import { patientIdSchema } from '../patients';

/** Statuses an officer may filter an export by (drafts are never exported: nothing was signed). */
export const exportableStatuses = ['awaiting_witness', 'active', 'expiring_soon', 'expired', 'revoked'] as const satisfies readonly AuthorizationStatus[];

const daySchema = z.string().refine(isDay, 'Use a date such as 2026-01-31.');

/**
 * What the privacy officer asks for. The range is of the practice's own
 * calendar days, both included. An authorization is in the bundle when it
 * was signed, revoked or its expiration event recorded within the range.
 */
export const exportParamsSchema = z
  .object({
    from: daySchema,
    to: daySchema,
    /** Only these patients' authorizations (and their posts). */
    patientIds: z.array(patientIdSchema).min(1).max(1000).optional(),
    /** Only authorizations whose status on the day of the export is one of these. */
    states: z.array(z.enum(exportableStatuses)).min(1).optional(),
    /** Patient names in file names and spreadsheets; ids only unless asked. */
    includeNames: z.boolean().default(false),
    /**
     * For the shells only (the Electron save dialog, the command line's
     * --out): the absolute path of the new .zip file. Without it the bundle
     * goes to the data folder's exports/ folder. Never overwrites a file.
     */
    destinationPath: z
      .string()
      .max(4096)
      .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), 'Give an absolute path.')
      .refine((p) => p.toLowerCase().endsWith('.zip'), 'The bundle’s file name must end in .zip.')
      .optional(),
  })
  .strict()
  .refine((p) => p.from <= p.to, { message: 'The range must start on or before its last day.', path: ['to'] });

export type ExportParams = z.output<typeof exportParamsSchema>;

export type ExportState = 'running' | 'done' | 'failed' | 'cancelled';

export interface ExportCounts {
  authorizations: number;
  revocations: number;
  posts: number;
  auditEvents: number;
}

/** An export in progress or finished, as `exports.start`, `exports.progress` and `exports.cancel` report it. */
export interface ExportJob {
  id: string;
  state: ExportState;
  /** Files written into the bundle so far, and in all. */
  done: number;
  total: number;
  /** What it is writing now, for the progress bar's label. */
  phase: 'spreadsheets' | 'audit trail' | 'authorizations' | 'revocations' | 'program' | 'manifest' | 'finished';
  params: Omit<ExportParams, 'destinationPath'>;
  counts: ExportCounts;
  startedAt: string;
  finishedAt: string | null;
  /** Once done: where the bundle is, its size and its SHA-256. */
  fileName: string | null;
  filePath: string | null;
  bytes: number | null;
  sha256: string | null;
  /** Why it failed, in words for people. */
  error: string | null;
}

/** One file of a bundle as its manifest lists it. */
export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
  kind:
    | 'readme'
    | 'spreadsheet'
    | 'audit-log'
    | 'authorization-pdf'
    | 'revocation-pdf'
    /** A written revocation's scan as received (PDF, PNG or JPEG), checked by its hash only: it carries no signature of ours. */
    | 'revocation-scan'
    | 'certificate'
    /** The compliance program: signed PDFs (report, policy versions, incident reports and letters), records, training materials. */
    | 'program-pdf'
    | 'program-record'
    | 'training-material';
  authorizationId?: string;
}

export interface ManifestCertificate extends PracticeCertificate {
  pem: string;
}

/** manifest.json: what the bundle holds and how it was made. Signed in manifest.json.p7s. */
export interface BundleManifest {
  format: 'consent-desk-audit-bundle';
  version: 1;
  app: { name: string; version: string };
  createdAt: string;
  createdBy: { username: string; displayName: string };
  practice: { name: string };
  parameters: Omit<ExportParams, 'destinationPath'> & { selection: string; timeZone: string };
  counts: ExportCounts;
  /** What the program/ folder holds (bundles made before the compliance program have none). */
  program?: Record<string, number>;
  /** The certificate that signed this manifest (practice-certificate.pem). */
  signer: PracticeCertificate;
  /** Every certificate the practice has used to sign PDFs, the signer's included. */
  certificates: ManifestCertificate[];
  audit: {
    /** The excerpt's first and last events, and where the whole trail stood at export. */
    firstSeq: number | null;
    lastSeq: number | null;
    events: number;
    trailHeadSeq: number;
    trailHeadHash: string;
  };
  files: ManifestFile[];
}

/** What `verify-bundle` found. */
export interface BundleVerification {
  ok: boolean;
  /** Each problem, one sentence each, naming the file (and line) concerned. */
  failures: string[];
  checked: { files: number; pdfSignatures: number; auditEvents: number };
  manifest: Pick<BundleManifest, 'createdAt' | 'parameters' | 'counts' | 'practice'> | null;
  signer: PracticeCertificate | null;
}
