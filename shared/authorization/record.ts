import { z } from 'zod';
import type { AuthorizationDocument } from './document';
import type { AuthorizationTerms, Language } from './scope';
import type { AuthorizationStatus } from './status';
import type { Problem } from './validity';
import type { PatientCopyRecord } from './patient-copy';

export const authorizationIdSchema = z.uuid('Unknown authorization.');

export type Stage = 'draft' | 'signed' | 'final';

export const revocationMethods = ['in_person', 'mail', 'email', 'fax', 'other'] as const;
export type RevocationMethod = (typeof revocationMethods)[number];
export const revocationMethodLabels: Record<RevocationMethod, string> = {
  in_person: 'Handed in at the practice',
  mail: 'By mail',
  email: 'By email',
  fax: 'By fax',
  other: 'Other',
};

export interface AuthorizationSummary {
  id: string;
  patientId: string;
  language: Language;
  templateVersion: number;
  terms: AuthorizationTerms;
  stage: Stage;
  status: AuthorizationStatus;
  createdAt: string;
  signedAt: string | null;
  witnessedAt: string | null;
  revokedAt: string | null;
  expirationEventAt: string | null;
  pdfSha256: string | null;
}

export interface SignatureEvidence {
  signerName: string;
  signedAt: string;
  workstation: string;
  language: Language;
  textSha256: string;
  strokeCount: number;
  pointCount: number;
  agreedToSignElectronically: boolean;
  witnessName: string | null;
  witnessedAt: string | null;
  contentSha256: string | null;
}

export interface RevocationRecord {
  receivedOn: string;
  method: RevocationMethod;
  note: string;
  enteredBy: string;
  recordedAt: string;
  hasScan: boolean;
  acknowledgmentSha256: string;
}

export interface AuthorizationDetail extends AuthorizationSummary {
  patientName: string;
  document: AuthorizationDocument;
  /** What still stops a draft from being signed (empty once complete). */
  problems: Problem[];
  evidence: SignatureEvidence | null;
  revocation: RevocationRecord | null;
  /** How the patient got their copy once signed (the latest entry), or null while nobody has recorded it. */
  patientCopy?: PatientCopyRecord | null;
}

/** A file the backend hands over (a PDF), base64 so it crosses every transport. */
export interface FilePayload {
  fileName: string;
  mimeType: string;
  base64: string;
  sha256: string;
}
