import { z } from 'zod';
import { patientLanguages } from '../patient-language';
import type { AuthorizationDocument, SigningMethod } from './document';
import type { AuthorizationTerms, Language } from './scope';
import type { AuthorizationStatus } from './status';
import type { Problem } from './validity';
import type { SignatureKind } from './signature';
import type { PatientCopyRecord } from './patient-copy';

export const authorizationIdSchema = z.uuid('Unknown authorization.');

export type Stage = 'draft' | 'signed' | 'final';

export const revocationMethods = ['in_person', 'mail', 'email', 'fax', 'other'] as const;
export type RevocationMethod = (typeof revocationMethods)[number];
/** How a revocation arrived, for staff (English); patients read their language's labels in the catalogue. */
export const revocationMethodLabels: Record<RevocationMethod, string> = patientLanguages.en.labels.revocationMethods;

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
  /** Signed on the practice's screen, or by hand on the form printed for it. */
  method: SigningMethod;
  signerName: string;
  signedAt: string;
  /** On paper: the date written on the form (`signedAt` is only that day's noon in the practice's zone, for ordering). */
  paperSignedOn: string | null;
  /** On paper: the scan kept with the record. */
  scan: { mimeType: string; sha256: string; pages: number } | null;
  workstation: string;
  language: Language;
  textSha256: string;
  /** On the screen: drawn, or the typed name adopted as the signature (no strokes then). */
  signatureKind: SignatureKind;
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
  /** A draft's paper form: when it was last printed (null when never). */
  paperFormPrintedAt: string | null;
  document: AuthorizationDocument;
  /** What still stops a draft from being signed (empty once complete). */
  problems: Problem[];
  evidence: SignatureEvidence | null;
  revocation: RevocationRecord | null;
  /** How the patient got their copy once signed (the latest entry), or null while nobody has recorded it. */
  patientCopy?: PatientCopyRecord | null;
  /** The record's version as read: `consents.updateDraft` and `discardDraft` take it back, so a change made on an older copy is refused (conflict). */
  rowVersion: number;
}

/** A file the backend hands over (a PDF), base64 so it crosses every transport. */
export interface FilePayload {
  fileName: string;
  mimeType: string;
  base64: string;
  sha256: string;
}
