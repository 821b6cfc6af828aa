import { z } from 'zod';

/** One event of the append-only audit trail, as the backend returns it. */
export interface AuditEvent {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  detail: string;
  prevHash: string;
  hash: string;
}

export type ChainVerification =
  | {
      intact: true;
      events: number;
      headSeq: number;
      headHash: string;
      /** Events 1 to `seq` were taken as the full check of `at` verified them (their last hash checked); only the later ones were walked. */
      verifiedInFull?: { seq: number; at: string };
    }
  | { intact: false; events: number; firstBadSeq: number; problem: string };

export const auditFilterSchema = z.object({
  from: z.iso.date('Use a date such as 2026-01-31.').optional(),
  to: z.iso.date('Use a date such as 2026-01-31.').optional(),
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  subjectId: z.string().trim().max(64).optional(),
  /** Page backwards from this event (exclusive); the newest page when absent. */
  beforeSeq: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

export type AuditFilter = z.input<typeof auditFilterSchema>;

/**
 * What an event's subject is called today, in parts, so a screen words it
 * in its own language ("Authorization for Maria Lopez", "Autorización de
 * Maria Lopez"); `subjectName` is the same in English.
 */
export type AuditSubject =
  | { kind: 'staff'; name: string; username: string }
  | { kind: 'patient'; name: string }
  | { kind: 'authorization'; patientName: string }
  | { kind: 'post'; channel: string; patientName: string }
  | { kind: 'testimonial'; title: string }
  | { kind: 'preset'; name: string };

export interface AuditPage {
  /** Each event with what its subject is called today (a person, a patient's authorization, a post), where it still exists. */
  events: (AuditEvent & { subjectName?: string | null; subject?: AuditSubject | null })[];
  /** Events matching the filter, across all pages. */
  total: number;
}
