import crypto from 'node:crypto';
import { documentText, renderAuthorization, type AuthorizationDocument } from '../../../shared/authorization/document';
import type { AuthorizationDetail, AuthorizationSummary } from '../../../shared/authorization/record';
import { authorizationStatus } from '../../../shared/authorization/status';
import type { AuthorizationTemplate } from '../../../shared/authorization/template';
import { problemsWithTerms } from '../../../shared/authorization/validity';
import type { Day } from '../../../shared/calendar';
import { patientName, type Patient } from '../../../shared/patients';
import type { AuthorizationRecord } from '../repositories/authorization-repository';
import { getStaffById } from '../repositories/staff-repository';
import { getTemplate } from '../repositories/template-repository';
import type { Db } from '../store/database';
import { latestPatientCopy } from '../repositories/patient-copy-repository';

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

export function documentOf(record: AuthorizationRecord, template: AuthorizationTemplate, patient: Patient, practiceName: string): AuthorizationDocument {
  return renderAuthorization(template, record.terms, { practiceName, patientName: patientName(patient) });
}

export function detailOf(
  db: Db,
  record: AuthorizationRecord,
  patient: Patient,
  practiceName: string,
  today: Day,
): AuthorizationDetail {
  const template = getTemplate(db, record.templateId)!;
  const points = record.strokes?.reduce((n, s) => n + s.length, 0) ?? 0;
  const witness = record.witnessId ? getStaffById(db, record.witnessId) : undefined;
  const revokedBy = record.revokedBy ? getStaffById(db, record.revokedBy) : undefined;
  return {
    ...summaryOf(record, template, today),
    patientName: patientName(patient),
    document: documentOf(record, template, patient, practiceName),
    problems: record.stage === 'draft' ? problemsWithTerms(record.terms, { today, practiceName }) : [],
    evidence:
      record.stage === 'draft'
        ? null
        : {
            signerName: record.signerName ?? '',
            signedAt: record.signedAt ?? '',
            workstation: record.workstation ?? '',
            language: record.terms.language,
            textSha256: record.textSha256 ?? '',
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
    patientCopy: record.stage === 'final' ? latestPatientCopy(db, record.id) : null,
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
