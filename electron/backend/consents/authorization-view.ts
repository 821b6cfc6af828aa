import crypto from 'node:crypto';
import {
  documentText,
  renderAuthorization,
  type AuthorizationDocument,
  type DocumentParties,
  type SigningMethod,
} from '../../../shared/authorization/document';
import type { AuthorizationDetail, AuthorizationSummary } from '../../../shared/authorization/record';
import { authorizationStatus } from '../../../shared/authorization/status';
import type { AuthorizationTemplate } from '../../../shared/authorization/template';
import { problemsWithTerms, type Problem } from '../../../shared/authorization/validity';
import { problemsWithWording } from '../../../shared/authorization/wording-problems';
import type { Settings } from '../../../shared/settings';
import type { Day } from '../../../shared/calendar';
import { patientName, type Patient } from '../../../shared/patients';
import type { AuthorizationRecord } from '../repositories/authorization-repository';
import type { PatientCopyRecord } from '../../../shared/authorization/patient-copy';
import type { StaffMember } from '../../../shared/staff';

export const sha256Hex = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex');

export function summaryOf(record: AuthorizationRecord, template: Pick<AuthorizationTemplate, 'version'>, today: Day): AuthorizationSummary {
  return {
    id: record.id,
    patientId: record.patientId,
    language: record.terms.language,
    templateVersion: template.version,
    terms: record.terms,
    stage: record.stage,
    status: authorizationStatus({ ...record, expiration: record.terms.expiration }, today),
    createdAt: record.createdAt,
    signedAt: record.signedAt,
    witnessedAt: record.witnessedAt,
    revokedAt: record.revokedAt,
    expirationEventAt: record.expirationEventAt,
    pdfSha256: record.pdfSha256,
  };
}

/** The practice's details a document prints. */
export type PracticeDetails = Pick<Settings, 'practiceName' | 'practiceAddress' | 'practiceEmail'>;

export const partiesOf = (practice: PracticeDetails, patient: Patient): DocumentParties => ({
  practiceName: practice.practiceName,
  practiceAddress: practice.practiceAddress,
  practiceEmail: practice.practiceEmail,
  patientName: patientName(patient),
});

/**
 * The document of an authorization: once signed, exactly as it was shown
 * or printed; before that (and for records signed before schema 6 kept it),
 * rendered from its wording version and terms.
 */
export function documentOf(
  record: AuthorizationRecord,
  template: AuthorizationTemplate,
  patient: Patient,
  practice: PracticeDetails,
  signing: SigningMethod = record.signingMethod,
): AuthorizationDocument {
  if (record.stage !== 'draft' && record.documentShown) return record.documentShown;
  return renderAuthorization(template, record.terms, partiesOf(practice, patient), signing);
}

/** The signer's age facts, when the check of who may sign is wanted. */
export type SignerFacts = { dateOfBirth: Day | null; ageOfMajority: number };

/** What stops a draft from being signed: its terms (and who signs), its wording and the practice's details. */
export function draftProblems(
  template: AuthorizationTemplate,
  terms: AuthorizationRecord['terms'],
  practice: PracticeDetails,
  today: Day,
  signer?: SignerFacts,
): Problem[] {
  return [...problemsWithTerms(terms, { today, practiceName: practice.practiceName, signer }), ...problemsWithWording(template, practice)];
}

/** What a detail shows beside the record, read in the same transaction (consent-handlers.ts `detailIn`). */
export interface DetailParts {
  template: AuthorizationTemplate;
  patient: Patient;
  witness: Pick<StaffMember, 'displayName'> | undefined;
  revokedBy: Pick<StaffMember, 'displayName'> | undefined;
  patientCopy: PatientCopyRecord | null;
}

export function detailOf(
  record: AuthorizationRecord & { rowVersion: number },
  { template, patient, witness, revokedBy, patientCopy }: DetailParts,
  practice: PracticeDetails,
  today: Day,
  signer?: SignerFacts,
): AuthorizationDetail {
  const points = record.strokes?.reduce((n, s) => n + s.length, 0) ?? 0;
  return {
    ...summaryOf(record, template, today),
    patientName: patientName(patient),
    paperFormPrintedAt: record.stage === 'draft' ? record.paperFormPrintedAt : null,
    document: documentOf(record, template, patient, practice),
    problems: record.stage === 'draft' ? draftProblems(template, record.terms, practice, today, signer) : [],
    evidence:
      record.stage === 'draft'
        ? null
        : {
            method: record.signingMethod,
            signerName: record.signerName ?? '',
            signedAt: record.signedAt ?? '',
            paperSignedOn: record.paperSignedOn,
            scan:
              record.signingMethod === 'paper' && record.paperScanType && record.paperScanSha256
                ? { mimeType: record.paperScanType, sha256: record.paperScanSha256, pages: record.paperScanPages ?? 1 }
                : null,
            workstation: record.workstation ?? '',
            language: record.terms.language,
            textSha256: record.textSha256 ?? '',
            signatureKind: record.signatureKind,
            strokeCount: record.strokes?.length ?? 0,
            pointCount: points,
            agreedToSignElectronically: record.esignAgreed,
            witnessName: witness?.displayName ?? null,
            witnessedAt: record.witnessedAt,
            contentSha256: record.contentSha256,
          },
    revocation: record.revokedAt
      ? {
          receivedOn: record.revocationReceivedOn ?? '',
          method: record.revocationMethod ?? 'other',
          note: record.revocationNote ?? '',
          enteredBy: revokedBy?.displayName ?? '',
          recordedAt: record.revokedAt,
          hasScan: record.hasRevocationScan,
          acknowledgmentSha256: record.revocationPdfSha256 ?? '',
        }
      : null,
    patientCopy: record.stage === 'final' ? patientCopy : null,
    rowVersion: record.rowVersion,
  };
}

/** The text a document shows, and its hash: what the patient's signature covers. */
export function shownText(doc: AuthorizationDocument): { text: string; sha256: string } {
  const text = documentText(doc);
  return { text, sha256: sha256Hex(text) };
}

/**
 * The SHA-256 of an authorization's content: canonical JSON of everything
 * that was agreed and how, printed on the signature certificate and kept in
 * the record, so the content can be checked without the PDF.
 */
export function contentHash(content: {
  authorizationId: string;
  patientId: string;
  patientName: string;
  practiceName: string;
  templateId: string;
  templateVersion: number;
  terms: AuthorizationRecord['terms'];
  textSha256: string;
  signerName: string;
  signedAt: string;
  signaturePngSha256: string;
  strokesSha256: string;
  workstation: string;
  witnessId: string;
  witnessedAt: string;
}): string {
  return sha256Hex(JSON.stringify(Object.entries(content).sort(([a], [b]) => a.localeCompare(b))));
}
