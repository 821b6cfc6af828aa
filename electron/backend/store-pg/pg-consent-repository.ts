import type { ClientBase } from 'pg';
import type { AuthorizationDocument } from '../../../shared/authorization/document';
import type { RevocationMethod, Stage } from '../../../shared/authorization/record';
import type { AuthorizationTerms } from '../../../shared/authorization/scope';
import type { CanvasSize, SignatureKind, Strokes } from '../../../shared/authorization/signature';
import { AppError } from '../../../shared/errors';
import type { AuthorizationRecord } from '../repositories/authorization-repository';
import { nameSortKeyOf } from '../../../shared/patient-search';
import type { Patient } from '../../../shared/patients';
import { summaryOf } from '../consents/authorization-view';
import type { FieldCipher } from './field-crypto';
import { scopeViewOfRecord } from '../repositories/consent-scope-repository';
import { createPgPatientRepository } from './pg-patient-repository';
import { SealedColumns } from './sealed-columns';
import type { ConsentRepository, Expected, Versioned } from './store-interface';

/**
 * Authorizations on PostgreSQL. Each step of the workflow writes its own
 * sealed part (terms, signature, finalization, revocation, expiration event)
 * and the server's trigger refuses to change a part once written, so a signed
 * record is never overwritten, whatever a workstation sends. A step locks the
 * row (FOR UPDATE), checks its guard and the version it was based on on the
 * workstation (the guards read sealed facts), then writes.
 */

interface SignatureFacts {
  signerName: string;
  signatureKind: SignatureKind;
  strokes: Strokes | null;
  canvas: CanvasSize | null;
  esignAgreed: boolean;
  // Nullable as on SQLite: records signed before a column existed (document_shown: schema 6) keep their nulls when moved.
  workstation: string | null;
  textShown: string | null;
  textSha256: string | null;
  documentShown: AuthorizationDocument | null;
  paperSignedOn: string | null;
  paperScanType: string | null;
  paperScanSha256: string | null;
  paperScanPages: number | null;
}

interface FinalizationFacts {
  witnessId: string;
  witnessedAt: string;
  contentSha256: string;
  pdfSha256: string;
}

interface RevocationFacts {
  receivedOn: string;
  method: RevocationMethod;
  note: string;
  revokedBy: string;
  scanType: string | null;
  /** Recorded with the scan (schema 13), so opening it again checks it is the one received. */
  scanSha256: string | null;
  pdfSha256: string;
}

interface PaperFormFacts {
  textSha256: string;
  printedAt: string;
}

interface ExpirationEventFacts {
  on: string;
  by: string;
}

type Row = {
  id: string;
  patient_id: string;
  template_id: string;
  stage: Stage;
  signing_method: 'electronic' | 'paper';
  created_at: string;
  created_by: string;
  updated_at: string;
  signed_at: string | null;
  revoked_at: string | null;
  expiration_event_at: string | null;
  terms: Buffer;
  paper_form: Buffer | null;
  signature: Buffer | null;
  finalization: Buffer | null;
  revocation: Buffer | null;
  expiration_event: Buffer | null;
  has_revocation_scan: boolean;
  row_version: number;
};

const columns = `id, patient_id, template_id, stage, signing_method, created_at, created_by, updated_at, signed_at, revoked_at,
  expiration_event_at, terms, paper_form, signature, finalization, revocation, expiration_event,
  revocation_scan IS NOT NULL AS has_revocation_scan, row_version`;

/** SQLite compares text byte by byte (UTF-8); so does this, so both engines order alike. */
const compareText = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

export const authorizationConflictMessage =
  'Someone else changed this authorization while you were working on it. Reopen it to see their changes, then try again.';

export function createPgConsentRepository(cipher: FieldCipher): ConsentRepository<ClientBase> {
  const sealed = new SealedColumns(cipher, 'authorizations');

  function toRecord(row: Row): Versioned<AuthorizationRecord> {
    const terms = sealed.openJson<AuthorizationTerms>(row.terms, 'terms', row.id)!;
    const paperForm = sealed.openJson<PaperFormFacts>(row.paper_form, 'paper_form', row.id);
    const signature = sealed.openJson<SignatureFacts>(row.signature, 'signature', row.id);
    const finalization = sealed.openJson<FinalizationFacts>(row.finalization, 'finalization', row.id);
    const revocation = sealed.openJson<RevocationFacts>(row.revocation, 'revocation', row.id);
    const expirationEvent = sealed.openJson<ExpirationEventFacts>(row.expiration_event, 'expiration_event', row.id);
    return {
      id: row.id,
      patientId: row.patient_id,
      templateId: row.template_id,
      terms,
      stage: row.stage,
      createdAt: row.created_at,
      createdBy: row.created_by,
      updatedAt: row.updated_at,
      signedAt: row.signed_at,
      signerName: signature?.signerName ?? null,
      signatureKind: signature?.signatureKind ?? 'drawn',
      strokes: signature?.strokes ?? null,
      canvas: signature?.canvas ?? null,
      esignAgreed: signature?.esignAgreed ?? false,
      workstation: signature?.workstation ?? null,
      textShown: signature?.textShown ?? null,
      textSha256: signature?.textSha256 ?? null,
      witnessId: finalization?.witnessId ?? null,
      witnessedAt: finalization?.witnessedAt ?? null,
      contentSha256: finalization?.contentSha256 ?? null,
      pdfSha256: finalization?.pdfSha256 ?? null,
      revokedAt: row.revoked_at,
      revocationReceivedOn: revocation?.receivedOn ?? null,
      revocationMethod: revocation?.method ?? null,
      revocationNote: revocation?.note ?? null,
      revokedBy: revocation?.revokedBy ?? null,
      hasRevocationScan: row.has_revocation_scan,
      revocationPdfSha256: revocation?.pdfSha256 ?? null,
      expirationEventAt: row.expiration_event_at,
      expirationEventOn: expirationEvent?.on ?? null,
      signingMethod: row.signing_method,
      documentShown: signature?.documentShown ?? null,
      paperFormTextSha256: paperForm?.textSha256 ?? null,
      paperFormPrintedAt: paperForm?.printedAt ?? null,
      paperSignedOn: signature?.paperSignedOn ?? null,
      paperScanType: signature?.paperScanType ?? null,
      paperScanSha256: signature?.paperScanSha256 ?? null,
      paperScanPages: signature?.paperScanPages ?? null,
      rowVersion: row.row_version,
    };
  }

  /** The row, locked until the transaction ends; undefined when there is none. Throws `conflict` on a stale `expected`. */
  async function lock(tx: ClientBase, id: string, expected: Expected | undefined): Promise<Versioned<AuthorizationRecord> | undefined> {
    const row = (await tx.query<Row>(`SELECT ${columns} FROM authorizations WHERE id = $1 FOR UPDATE`, [id])).rows[0];
    if (!row) return undefined;
    const record = toRecord(row);
    if (expected && expected.rowVersion !== record.rowVersion) throw new AppError('conflict', authorizationConflictMessage);
    return record;
  }

  async function blob(tx: ClientBase, id: string, column: 'signature_png' | 'pdf' | 'revocation_pdf'): Promise<Buffer | null> {
    const row = (await tx.query<{ value: Buffer | null }>(`SELECT ${column} AS value FROM authorizations WHERE id = $1`, [id])).rows[0];
    return sealed.openBytes(row?.value ?? null, column, id);
  }

  const many = async (tx: ClientBase, sql: string, params: unknown[]) => (await tx.query<Row>(sql, params)).rows.map(toRecord);
  const patients = createPgPatientRepository(cipher);
  // A wording's version is in the clear: the summaries need no wording opened.
  const templateVersions = async (tx: ClientBase) =>
    new Map((await tx.query<{ id: string; version: number }>('SELECT id, version FROM templates')).rows.map((t) => [t.id, t.version]));
  const byCreated = (a: AuthorizationRecord, b: AuthorizationRecord) => compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id);

  return {
    async getAuthorization(tx, id) {
      const row = (await tx.query<Row>(`SELECT ${columns} FROM authorizations WHERE id = $1`, [id])).rows[0];
      return row && toRecord(row);
    },

    listAuthorizationsOfPatient: (tx, patientId) =>
      many(tx, `SELECT ${columns} FROM authorizations WHERE patient_id = $1 ORDER BY created_at DESC, insert_seq DESC`, [patientId]),

    // SQLite's order, ties on the same instant included: its index is (created_at, id).
    listAuthorizations: (tx) => many(tx, `SELECT ${columns} FROM authorizations ORDER BY created_at COLLATE "C", id COLLATE "C"`, []),

    async consentsExpiringBetween(tx, window, on, limit) {
      // The expiration date is sealed with the terms: the server narrows to final, unrevoked consents, the dates are compared here.
      const ending = (await many(tx, `SELECT ${columns} FROM authorizations WHERE stage = 'final' AND revoked_at IS NULL`, []))
        .flatMap((a) => (a.terms.expiration.kind === 'date' && a.terms.expiration.date > window.after && a.terms.expiration.date <= window.through ? [{ a, ends: a.terms.expiration.date }] : []))
        .sort((x, y) => (x.ends < y.ends ? -1 : x.ends > y.ends ? 1 : x.a.id < y.a.id ? -1 : x.a.id > y.a.id ? 1 : 0));
      const page = ending.slice(0, limit);
      // The page's patients' names, in one read.
      const names = new Map(
        page.length === 0
          ? []
          : (await tx.query<{ id: string; first_name: Buffer; last_name: Buffer }>('SELECT id, first_name, last_name FROM patients WHERE id = ANY($1::uuid[])', [[...new Set(page.map((x) => x.a.patientId))]])).rows.map(
              (row) =>
                [
                  row.id,
                  {
                    firstName: cipher.decryptOptionalText(row.first_name, { table: 'patients', column: 'first_name', recordId: row.id }) ?? '',
                    lastName: cipher.decryptOptionalText(row.last_name, { table: 'patients', column: 'last_name', recordId: row.id }) ?? '',
                  },
                ] as const,
            ),
      );
      return { consents: page.map(({ a }) => scopeViewOfRecord(a, names.get(a.patientId), on)), total: ending.length };
    },

    async insertDraft(tx, draft) {
      await tx.query(
        `INSERT INTO authorizations (id, patient_id, template_id, terms, stage, created_at, created_by, updated_at)
         VALUES ($1, $2, $3, $4, 'draft', $5, $6, $5)`,
        [draft.id, draft.patientId, draft.templateId, sealed.sealJson(draft.terms, 'terms', draft.id), draft.createdAt, draft.createdBy],
      );
    },

    async updateDraft(tx, id, templateId, terms, updatedAt, expected) {
      const record = await lock(tx, id, expected);
      if (record?.stage !== 'draft') return false;
      await tx.query('UPDATE authorizations SET terms = $2, template_id = $3, updated_at = $4 WHERE id = $1', [
        id,
        sealed.sealJson(terms, 'terms', id),
        templateId,
        updatedAt,
      ]);
      return true;
    },

    async deleteDraft(tx, id, expected) {
      const record = await lock(tx, id, expected);
      if (record?.stage !== 'draft') return false;
      await tx.query('DELETE FROM authorizations WHERE id = $1', [id]);
      return true;
    },

    async recordPatientSignature(tx, id, s, expected) {
      const record = await lock(tx, id, expected);
      if (record?.stage !== 'draft') return false;
      const facts: SignatureFacts = {
        signerName: s.signerName,
        signatureKind: s.signatureKind,
        strokes: s.strokes,
        canvas: s.canvas,
        esignAgreed: true,
        workstation: s.workstation,
        textShown: s.textShown,
        textSha256: s.textSha256,
        documentShown: s.documentShown,
        paperSignedOn: null,
        paperScanType: null,
        paperScanSha256: null,
        paperScanPages: null,
      };
      await tx.query(
        `UPDATE authorizations SET stage = 'signed', signed_at = $2, signature = $3, signature_png = $4, updated_at = $2 WHERE id = $1`,
        [id, s.signedAt, sealed.sealJson(facts, 'signature', id), sealed.sealBytes(s.signaturePng, 'signature_png', id)],
      );
      return true;
    },

    signatureImage: (tx, id) => blob(tx, id, 'signature_png'),

    async finalizeAuthorization(tx, id, f, expected) {
      const record = await lock(tx, id, expected);
      if (record?.stage !== 'signed') return false;
      const facts: FinalizationFacts = { witnessId: f.witnessId, witnessedAt: f.witnessedAt, contentSha256: f.contentSha256, pdfSha256: f.pdfSha256 };
      await tx.query(`UPDATE authorizations SET stage = 'final', finalization = $2, pdf = $3, updated_at = $4 WHERE id = $1`, [
        id,
        sealed.sealJson(facts, 'finalization', id),
        sealed.sealBytes(f.pdf, 'pdf', id),
        f.witnessedAt,
      ]);
      return true;
    },

    authorizationPdf: (tx, id) => blob(tx, id, 'pdf'),

    async recordRevocation(tx, id, r, expected) {
      const record = await lock(tx, id, expected);
      if (record?.stage !== 'final' || record.revokedAt !== null) return false;
      const facts: RevocationFacts = { receivedOn: r.receivedOn, method: r.method, note: r.note, revokedBy: r.revokedBy, scanType: r.scanType, scanSha256: r.scanSha256, pdfSha256: r.pdfSha256 };
      await tx.query(
        `UPDATE authorizations SET revoked_at = $2, revocation = $3, revocation_scan = $4, revocation_pdf = $5, updated_at = $2 WHERE id = $1`,
        [
          id,
          r.revokedAt,
          sealed.sealJson(facts, 'revocation', id),
          r.scan === null ? null : sealed.sealBytes(r.scan, 'revocation_scan', id),
          sealed.sealBytes(r.pdf, 'revocation_pdf', id),
        ],
      );
      return true;
    },

    revocationPdf: (tx, id) => blob(tx, id, 'revocation_pdf'),

    async recordExpirationEvent(tx, id, e, expected) {
      const record = await lock(tx, id, expected);
      if (record?.stage !== 'final' || record.expirationEventAt !== null || record.terms.expiration.kind !== 'event') return false;
      await tx.query('UPDATE authorizations SET expiration_event_at = $2, expiration_event = $3, updated_at = $2 WHERE id = $1', [
        id,
        e.at,
        sealed.sealJson<ExpirationEventFacts>({ on: e.on, by: e.by }, 'expiration_event', id),
      ]);
      return true;
    },

    async recordPaperFormPrinted(tx, id, p, expected) {
      const record = await lock(tx, id, expected);
      if (record?.stage !== 'draft') return false;
      // As on SQLite, printing does not count as an edit of the record (updated_at stays).
      await tx.query('UPDATE authorizations SET paper_form = $2 WHERE id = $1', [
        id,
        sealed.sealJson<PaperFormFacts>({ textSha256: p.textSha256, printedAt: p.printedAt }, 'paper_form', id),
      ]);
      return true;
    },

    async recordPaperSignature(tx, id, p, expected) {
      const record = await lock(tx, id, expected);
      if (record?.stage !== 'draft' || record.paperFormTextSha256 !== p.textSha256) return false;
      const signature: SignatureFacts = {
        signerName: p.signerName,
        signatureKind: record.signatureKind,
        strokes: null,
        canvas: null,
        esignAgreed: false,
        workstation: p.workstation,
        textShown: p.textShown,
        textSha256: p.textSha256,
        documentShown: p.documentShown,
        paperSignedOn: p.signedOn,
        paperScanType: p.scanType,
        paperScanSha256: p.scanSha256,
        paperScanPages: p.scanPages,
      };
      const finalization: FinalizationFacts = { witnessId: p.attestedBy, witnessedAt: p.attestedAt, contentSha256: p.contentSha256, pdfSha256: p.pdfSha256 };
      await tx.query(
        `UPDATE authorizations SET stage = 'final', signing_method = 'paper', signed_at = $2, signature = $3, paper_scan = $4,
           finalization = $5, pdf = $6, updated_at = $7 WHERE id = $1`,
        [
          id,
          p.signedAt,
          sealed.sealJson(signature, 'signature', id),
          sealed.sealBytes(p.scan, 'paper_scan', id),
          sealed.sealJson(finalization, 'finalization', id),
          sealed.sealBytes(p.pdf, 'pdf', id),
          p.attestedAt,
        ],
      );
      return true;
    },

    async paperScan(tx, id) {
      const row = (await tx.query<{ paper_scan: Buffer | null; signature: Buffer | null }>('SELECT paper_scan, signature FROM authorizations WHERE id = $1', [id])).rows[0];
      if (!row?.paper_scan) return null;
      const type = sealed.openJson<SignatureFacts>(row.signature, 'signature', id)?.paperScanType;
      return type ? { bytes: sealed.openBytes(row.paper_scan, 'paper_scan', id)!, type } : null;
    },

    async revocationScan(tx, id) {
      const row = (await tx.query<{ revocation_scan: Buffer | null; revocation: Buffer | null }>('SELECT revocation_scan, revocation FROM authorizations WHERE id = $1', [id])).rows[0];
      if (!row?.revocation_scan) return null;
      const facts = sealed.openJson<RevocationFacts>(row.revocation, 'revocation', id);
      // As SQLite answers: a scan without its recorded type or hash is not one that can be shown as received.
      return facts?.scanType && facts.scanSha256 ? { bytes: sealed.openBytes(row.revocation_scan, 'revocation_scan', id)!, type: facts.scanType, sha256: facts.scanSha256 } : null;
    },

    async authorizationSummariesAfter(tx, after, limit, today) {
      const versions = await templateVersions(tx);
      // The order is SQLite's (created_at, then id, byte by byte); the terms are sealed, so the workstation opens them.
      const all = (await many(tx, `SELECT ${columns} FROM authorizations ${after ? 'WHERE created_at COLLATE "C" >= $1' : ''}`, after ? [after.createdAt] : [])).sort(byCreated);
      return all
        .filter((r) => !after || compareText(r.createdAt, after.createdAt) > 0 || (r.createdAt === after.createdAt && compareText(r.id, after.id) > 0))
        .slice(0, limit)
        .map((r) => summaryOf(r, { version: versions.get(r.templateId)! }, today));
    },

    async consentPage(tx, input, today) {
      const records = await many(tx, `SELECT ${columns} FROM authorizations ${input.stage ? 'WHERE stage = $1' : ''}`, input.stage ? [input.stage] : []);
      const versions = await templateVersions(tx);
      const people = new Map<string, Patient>();
      for (const id of new Set(records.map((r) => r.patientId))) {
        const patient = await patients.getPatient(tx, id);
        if (patient) people.set(id, patient);
      }
      // The names and terms are sealed: the workstation sorts as SQLite does (NULL first ascending, text byte by byte, then id).
      const key = (r: AuthorizationRecord): string | null =>
        input.sort === 'createdAt' ? r.createdAt : input.sort === 'signedAt' ? r.signedAt : nameSortKeyOf(people.get(r.patientId)!);
      const sign = input.direction === 'desc' ? -1 : 1;
      const rows = records
        .filter((r) => people.has(r.patientId))
        .sort((a, b) => {
          const ka = key(a);
          const kb = key(b);
          const byKey = ka === kb ? 0 : ka === null ? -1 : kb === null ? 1 : compareText(ka, kb);
          return sign * (byKey || compareText(a.id, b.id));
        });
      return {
        total: records.length,
        offset: input.offset,
        rows: rows.slice(input.offset, input.offset + input.limit).map((r) => {
          const { firstName, lastName } = people.get(r.patientId)!;
          return { ...summaryOf(r, { version: versions.get(r.templateId)! }, today), patientFirstName: firstName, patientLastName: lastName };
        }),
      };
    },
  };
}

/** The large parts of an authorization, read from the store it is copied from. */
export interface AuthorizationBlobs {
  signaturePng: Buffer | null;
  pdf: Buffer | null;
  paperScan: Buffer | null;
  revocationScan: Buffer | null;
  revocationPdf: Buffer | null;
  expirationEventBy: string | null;
  revocationScanType: string | null;
  revocationScanSha256: string | null;
}

/**
 * Write an authorization as another store holds it, in whatever stage (a
 * store being moved here): one INSERT, each part sealed as the workflow would
 * have sealed it. The server's guard applies from then on.
 */
export async function importAuthorizationPg(tx: ClientBase, cipher: FieldCipher, r: AuthorizationRecord, blobs: AuthorizationBlobs): Promise<void> {
  const sealed = new SealedColumns(cipher, 'authorizations');
  const signed = r.signerName !== null;
  const signature: SignatureFacts | null = signed
    ? {
        signerName: r.signerName!,
        signatureKind: r.signatureKind,
        strokes: r.strokes,
        canvas: r.canvas,
        esignAgreed: r.esignAgreed,
        workstation: r.workstation,
        textShown: r.textShown,
        textSha256: r.textSha256,
        documentShown: r.documentShown,
        paperSignedOn: r.paperSignedOn,
        paperScanType: r.paperScanType,
        paperScanSha256: r.paperScanSha256,
        paperScanPages: r.paperScanPages,
      }
    : null;
  const finalization: FinalizationFacts | null =
    r.witnessId !== null ? { witnessId: r.witnessId, witnessedAt: r.witnessedAt!, contentSha256: r.contentSha256!, pdfSha256: r.pdfSha256! } : null;
  const revocation: RevocationFacts | null =
    r.revokedAt !== null
      ? { receivedOn: r.revocationReceivedOn!, method: r.revocationMethod!, note: r.revocationNote!, revokedBy: r.revokedBy!, scanType: blobs.revocationScanType, scanSha256: blobs.revocationScanSha256, pdfSha256: r.revocationPdfSha256! }
      : null;
  const bytes = (value: Buffer | null, column: string) => (value === null ? null : sealed.sealBytes(value, column, r.id));
  const json = <T>(value: T | null, column: string) => (value === null ? null : sealed.sealJson(value, column, r.id));
  await tx.query(
    `INSERT INTO authorizations (id, patient_id, template_id, stage, signing_method, created_at, created_by, updated_at, signed_at, revoked_at,
       expiration_event_at, terms, paper_form, signature, signature_png, finalization, pdf, paper_scan, revocation, revocation_scan,
       revocation_pdf, expiration_event)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
    [
      r.id,
      r.patientId,
      r.templateId,
      r.stage,
      r.signingMethod,
      r.createdAt,
      r.createdBy,
      r.updatedAt,
      r.signedAt,
      r.revokedAt,
      r.expirationEventAt,
      sealed.sealJson(r.terms, 'terms', r.id),
      json<PaperFormFacts>(r.paperFormTextSha256 !== null ? { textSha256: r.paperFormTextSha256, printedAt: r.paperFormPrintedAt! } : null, 'paper_form'),
      json(signature, 'signature'),
      bytes(blobs.signaturePng, 'signature_png'),
      json(finalization, 'finalization'),
      bytes(blobs.pdf, 'pdf'),
      bytes(blobs.paperScan, 'paper_scan'),
      json(revocation, 'revocation'),
      bytes(blobs.revocationScan, 'revocation_scan'),
      bytes(blobs.revocationPdf, 'revocation_pdf'),
      json<ExpirationEventFacts>(r.expirationEventAt !== null ? { on: r.expirationEventOn!, by: blobs.expirationEventBy ?? '' } : null, 'expiration_event'),
    ],
  );
}
