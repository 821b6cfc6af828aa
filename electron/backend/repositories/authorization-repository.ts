import type { AuthorizationDocument, SigningMethod } from '../../../shared/authorization/document';
import type { AuthorizationSummary, Stage, RevocationMethod } from '../../../shared/authorization/record';
import { authorizationStatus } from '../../../shared/authorization/status';
import type { Day } from '../../../shared/calendar';
import type { AuthorizationTerms } from '../../../shared/authorization/scope';
import type { CanvasSize, SignatureKind, Strokes } from '../../../shared/authorization/signature';
import type { Db } from '../store/database';

/** An authorization as stored, without its large blobs (PDFs, images, scans). */
export interface AuthorizationRecord {
  id: string;
  patientId: string;
  templateId: string;
  terms: AuthorizationTerms;
  stage: Stage;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  signedAt: string | null;
  signerName: string | null;
  /** On the screen: drawn, or a typed name adopted as the signature. */
  signatureKind: SignatureKind;
  strokes: Strokes | null;
  canvas: CanvasSize | null;
  esignAgreed: boolean;
  workstation: string | null;
  textShown: string | null;
  textSha256: string | null;
  witnessId: string | null;
  witnessedAt: string | null;
  contentSha256: string | null;
  pdfSha256: string | null;
  revokedAt: string | null;
  revocationReceivedOn: string | null;
  revocationMethod: RevocationMethod | null;
  revocationNote: string | null;
  revokedBy: string | null;
  hasRevocationScan: boolean;
  revocationPdfSha256: string | null;
  expirationEventAt: string | null;
  expirationEventOn: string | null;
  signingMethod: SigningMethod;
  /** The document as shown on screen or printed, when it was signed (kept since schema 6). */
  documentShown: AuthorizationDocument | null;
  paperFormTextSha256: string | null;
  paperFormPrintedAt: string | null;
  paperSignedOn: string | null;
  paperScanType: string | null;
  paperScanSha256: string | null;
  paperScanPages: number | null;
}

const columns = `id, patient_id, template_id, terms, stage, created_at, created_by, updated_at, signed_at, signer_name, signature_kind,
  signature_strokes, signature_canvas, esign_agreed, workstation, text_shown, text_sha256, witness_id, witnessed_at,
  content_sha256, pdf_sha256, revoked_at, revocation_received_on, revocation_method, revocation_note, revoked_by,
  revocation_scan IS NOT NULL AS has_revocation_scan, revocation_pdf_sha256, expiration_event_at, expiration_event_on,
  signing_method, document_shown, paper_form_text_sha256, paper_form_printed_at, paper_signed_on, paper_scan_type, paper_scan_sha256,
  paper_scan_pages`;

type Row = Record<string, unknown>;

const json = <T>(value: unknown): T | null => (typeof value === 'string' ? (JSON.parse(value) as T) : null);
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function toRecord(row: Row): AuthorizationRecord {
  return {
    id: row.id as string,
    patientId: row.patient_id as string,
    templateId: row.template_id as string,
    terms: JSON.parse(row.terms as string) as AuthorizationTerms,
    stage: row.stage as Stage,
    createdAt: row.created_at as string,
    createdBy: row.created_by as string,
    updatedAt: row.updated_at as string,
    signedAt: text(row.signed_at),
    signerName: text(row.signer_name),
    signatureKind: row.signature_kind === 'typed' ? 'typed' : 'drawn',
    strokes: json<Strokes>(row.signature_strokes),
    canvas: json<CanvasSize>(row.signature_canvas),
    esignAgreed: row.esign_agreed === 1,
    workstation: text(row.workstation),
    textShown: text(row.text_shown),
    textSha256: text(row.text_sha256),
    witnessId: text(row.witness_id),
    witnessedAt: text(row.witnessed_at),
    contentSha256: text(row.content_sha256),
    pdfSha256: text(row.pdf_sha256),
    revokedAt: text(row.revoked_at),
    revocationReceivedOn: text(row.revocation_received_on),
    revocationMethod: text(row.revocation_method) as RevocationMethod | null,
    revocationNote: text(row.revocation_note),
    revokedBy: text(row.revoked_by),
    hasRevocationScan: row.has_revocation_scan === 1,
    revocationPdfSha256: text(row.revocation_pdf_sha256),
    expirationEventAt: text(row.expiration_event_at),
    expirationEventOn: text(row.expiration_event_on),
    signingMethod: row.signing_method === 'paper' ? 'paper' : 'electronic',
    documentShown: json<AuthorizationDocument>(row.document_shown),
    paperFormTextSha256: text(row.paper_form_text_sha256),
    paperFormPrintedAt: text(row.paper_form_printed_at),
    paperSignedOn: text(row.paper_signed_on),
    paperScanType: text(row.paper_scan_type),
    paperScanSha256: text(row.paper_scan_sha256),
    paperScanPages: typeof row.paper_scan_pages === 'number' ? row.paper_scan_pages : null,
  };
}

export function getAuthorization(db: Db, id: string): AuthorizationRecord | undefined {
  const row = db.prepare(`SELECT ${columns} FROM authorizations WHERE id = ?`).get(id) as Row | undefined;
  return row && toRecord(row);
}

/**
 * Up to `limit` authorizations as summaries, oldest first (created_at, then
 * id: index authorizations_created), after `after`, with each one's status on
 * `today`. Reads only what a summary shows (not the text shown, strokes or
 * PDFs), with its wording's version joined in.
 */
export function authorizationSummariesAfter(db: Db, after: { createdAt: string; id: string } | null, limit: number, today: Day): AuthorizationSummary[] {
  const select = `SELECT ${summaryColumnsSql}
    FROM authorizations a INDEXED BY authorizations_created JOIN templates t ON t.id = a.template_id`;
  const rows = (
    after
      ? db.prepare(`${select} WHERE (a.created_at, a.id) > (?, ?) ORDER BY a.created_at, a.id LIMIT ?`).raw(true).all(after.createdAt, after.id, limit)
      : db.prepare(`${select} ORDER BY a.created_at, a.id LIMIT ?`).raw(true).all(limit)
  ) as SummaryColumns[];
  return rows.map((row) => summaryFromColumns(row, today));
}

/** The columns a summary reads, in order: `summaryColumnsSql` of `authorizations a JOIN templates t`. */
export type SummaryColumns = [string, string, string, Stage, string, string | null, string | null, string | null, string | null, string | null, number];
export const summaryColumnsSql = 'a.id, a.patient_id, a.terms, a.stage, a.created_at, a.signed_at, a.witnessed_at, a.revoked_at, a.expiration_event_at, a.pdf_sha256, t.version';

/** An authorization's summary from the columns a list reads, with its status on `today`. */
export function summaryFromColumns(
  [id, patientId, termsJson, stage, createdAt, signedAt, witnessedAt, revokedAt, expirationEventAt, pdfSha256, templateVersion]: SummaryColumns,
  today: Day,
): AuthorizationSummary {
  const terms = JSON.parse(termsJson) as AuthorizationTerms;
  return {
    id,
    patientId,
    language: terms.language,
    templateVersion,
    terms,
    stage,
    status: authorizationStatus({ stage, revokedAt, expiration: terms.expiration, expirationEventAt }, today),
    createdAt,
    signedAt,
    witnessedAt,
    revokedAt,
    expirationEventAt,
    pdfSha256,
  };
}

export function listAuthorizationsOfPatient(db: Db, patientId: string): AuthorizationRecord[] {
  return (db.prepare(`SELECT ${columns} FROM authorizations WHERE patient_id = ? ORDER BY created_at DESC, rowid DESC`).all(patientId) as Row[]).map(
    toRecord,
  );
}

export function listAuthorizations(db: Db): AuthorizationRecord[] {
  return (db.prepare(`SELECT ${columns} FROM authorizations ORDER BY created_at, id`).all() as Row[]).map(toRecord);
}

export function insertDraft(
  db: Db,
  draft: { id: string; patientId: string; templateId: string; terms: AuthorizationTerms; createdAt: string; createdBy: string },
): void {
  db.prepare(
    `INSERT INTO authorizations (id, patient_id, template_id, terms, stage, created_at, created_by, updated_at)
     VALUES (@id, @patientId, @templateId, @terms, 'draft', @createdAt, @createdBy, @createdAt)`,
  ).run({ ...draft, terms: JSON.stringify(draft.terms) });
}

/** Change a draft's terms; false when it is no longer a draft. */
export function updateDraft(db: Db, id: string, templateId: string, terms: AuthorizationTerms, updatedAt: string): boolean {
  return (
    db
      .prepare("UPDATE authorizations SET terms = ?, template_id = ?, updated_at = ? WHERE id = ? AND stage = 'draft'")
      .run(JSON.stringify(terms), templateId, updatedAt, id).changes === 1
  );
}

export function deleteDraft(db: Db, id: string): boolean {
  return db.prepare("DELETE FROM authorizations WHERE id = ? AND stage = 'draft'").run(id).changes === 1;
}

export interface PatientSignature {
  signedAt: string;
  signerName: string;
  signatureKind: SignatureKind;
  signaturePng: Buffer;
  strokes: Strokes;
  canvas: CanvasSize;
  workstation: string;
  textShown: string;
  textSha256: string;
  documentShown: AuthorizationDocument;
}

export function recordPatientSignature(db: Db, id: string, s: PatientSignature): boolean {
  return (
    db
      .prepare(
        `UPDATE authorizations SET stage = 'signed', signed_at = @signedAt, signer_name = @signerName, signature_kind = @signatureKind,
           signature_png = @signaturePng, signature_strokes = @strokes, signature_canvas = @canvas, esign_agreed = 1,
           workstation = @workstation, text_shown = @textShown, text_sha256 = @textSha256, document_shown = @documentShown,
           updated_at = @signedAt
         WHERE id = @id AND stage = 'draft'`,
      )
      .run({ ...s, id, strokes: JSON.stringify(s.strokes), canvas: JSON.stringify(s.canvas), documentShown: JSON.stringify(s.documentShown) })
      .changes === 1
  );
}

export function signatureImage(db: Db, id: string): Buffer | null {
  const row = db.prepare('SELECT signature_png FROM authorizations WHERE id = ?').get(id) as { signature_png: Buffer | null } | undefined;
  return row?.signature_png ?? null;
}

export function finalizeAuthorization(
  db: Db,
  id: string,
  f: { witnessId: string; witnessedAt: string; contentSha256: string; pdf: Buffer; pdfSha256: string },
): boolean {
  return (
    db
      .prepare(
        `UPDATE authorizations SET stage = 'final', witness_id = @witnessId, witnessed_at = @witnessedAt,
           content_sha256 = @contentSha256, pdf = @pdf, pdf_sha256 = @pdfSha256, updated_at = @witnessedAt
         WHERE id = @id AND stage = 'signed'`,
      )
      .run({ ...f, id }).changes === 1
  );
}

export function authorizationPdf(db: Db, id: string): Buffer | null {
  const row = db.prepare('SELECT pdf FROM authorizations WHERE id = ?').get(id) as { pdf: Buffer | null } | undefined;
  return row?.pdf ?? null;
}

export function recordRevocation(
  db: Db,
  id: string,
  r: {
    revokedAt: string;
    receivedOn: string;
    method: RevocationMethod;
    note: string;
    scan: Buffer | null;
    scanType: string | null;
    scanSha256: string | null;
    revokedBy: string;
    pdf: Buffer;
    pdfSha256: string;
  },
): boolean {
  return (
    db
      .prepare(
        `UPDATE authorizations SET revoked_at = @revokedAt, revocation_received_on = @receivedOn, revocation_method = @method,
           revocation_note = @note, revocation_scan = @scan, revocation_scan_type = @scanType, revocation_scan_sha256 = @scanSha256, revoked_by = @revokedBy,
           revocation_pdf = @pdf, revocation_pdf_sha256 = @pdfSha256, updated_at = @revokedAt
         WHERE id = @id AND stage = 'final' AND revoked_at IS NULL`,
      )
      .run({ ...r, id }).changes === 1
  );
}

export function revocationPdf(db: Db, id: string): Buffer | null {
  const row = db.prepare('SELECT revocation_pdf FROM authorizations WHERE id = ?').get(id) as { revocation_pdf: Buffer | null } | undefined;
  return row?.revocation_pdf ?? null;
}

/** A written revocation's scan as received, with the SHA-256 recorded beside it. */
export function revocationScan(db: Db, id: string): { bytes: Buffer; type: string; sha256: string } | null {
  const row = db.prepare('SELECT revocation_scan, revocation_scan_type, revocation_scan_sha256 FROM authorizations WHERE id = ?').get(id) as
    | { revocation_scan: Buffer | null; revocation_scan_type: string | null; revocation_scan_sha256: string | null }
    | undefined;
  return row?.revocation_scan && row.revocation_scan_type && row.revocation_scan_sha256
    ? { bytes: row.revocation_scan, type: row.revocation_scan_type, sha256: row.revocation_scan_sha256 }
    : null;
}

export function recordExpirationEvent(db: Db, id: string, e: { at: string; on: string; by: string }): boolean {
  return (
    db
      .prepare(
        `UPDATE authorizations SET expiration_event_at = @at, expiration_event_on = @on, expiration_event_by = @by, updated_at = @at
         WHERE id = @id AND stage = 'final' AND expiration_event_at IS NULL AND json_extract(terms, '$.expiration.kind') = 'event'`,
      )
      .run({ ...e, id }).changes === 1
  );
}

/** A paper form was printed for a draft: remember the text it carries, so only that text can come back signed. */
export function recordPaperFormPrinted(db: Db, id: string, p: { textSha256: string; printedAt: string }): boolean {
  return (
    db
      .prepare(
        `UPDATE authorizations SET paper_form_text_sha256 = @textSha256, paper_form_printed_at = @printedAt
         WHERE id = @id AND stage = 'draft'`,
      )
      .run({ ...p, id }).changes === 1
  );
}

export interface PaperSignature {
  signerName: string;
  /** The day written on the paper. */
  signedOn: string;
  /** An instant for the day, for everything that orders by signing time (see `paperSignedAt`). */
  signedAt: string;
  workstation: string;
  textShown: string;
  textSha256: string;
  documentShown: AuthorizationDocument;
  scan: Buffer;
  scanType: string;
  scanSha256: string;
  scanPages: number;
  attestedBy: string;
  attestedAt: string;
  contentSha256: string;
  pdf: Buffer;
  pdfSha256: string;
}

/** A draft signed on its printed form becomes final at once: the staff attestation is its witnessing. */
export function recordPaperSignature(db: Db, id: string, p: PaperSignature): boolean {
  return (
    db
      .prepare(
        `UPDATE authorizations SET stage = 'final', signing_method = 'paper', signed_at = @signedAt, paper_signed_on = @signedOn,
           signer_name = @signerName, esign_agreed = 0, workstation = @workstation, text_shown = @textShown, text_sha256 = @textSha256,
           document_shown = @documentShown, paper_scan = @scan, paper_scan_type = @scanType, paper_scan_sha256 = @scanSha256,
           paper_scan_pages = @scanPages, witness_id = @attestedBy, witnessed_at = @attestedAt, content_sha256 = @contentSha256,
           pdf = @pdf, pdf_sha256 = @pdfSha256, updated_at = @attestedAt
         WHERE id = @id AND stage = 'draft' AND paper_form_text_sha256 = @textSha256`,
      )
      .run({ ...p, id, documentShown: JSON.stringify(p.documentShown) }).changes === 1
  );
}

export function paperScan(db: Db, id: string): { bytes: Buffer; type: string } | null {
  const row = db.prepare('SELECT paper_scan, paper_scan_type FROM authorizations WHERE id = ?').get(id) as
    | { paper_scan: Buffer | null; paper_scan_type: string | null }
    | undefined;
  return row?.paper_scan && row.paper_scan_type ? { bytes: row.paper_scan, type: row.paper_scan_type } : null;
}
