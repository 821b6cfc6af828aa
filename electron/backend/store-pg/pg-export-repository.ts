import type { ClientBase } from 'pg';
import type { RevocationMethod, Stage } from '../../../shared/authorization/record';
import type { AuthorizationTerms } from '../../../shared/authorization/scope';
import type { FieldCipher } from './field-crypto';
import { openEvent, readHead } from './pg-audit-log';
import { createPgPatientRepository } from './pg-patient-repository';
import { createPgPostRepository } from './pg-post-repository';
import { SealedColumns } from './sealed-columns';
import type { ExportCursor, ExportFilter, ExportRecords, ExportedAuthorization } from './store-interface-export';

/**
 * The audit export's reads on PostgreSQL (store-interface-export.ts). What
 * chooses an authorization (its stage, when it was signed, revoked or ended
 * by its event, its patient) is in the clear, so the server chooses and
 * orders them as SQLite does (signed_at NULL first, then id, both by bytes:
 * COLLATE "C") a page at a time; the terms, the signer, the finalization and
 * revocation facts, the patients' names and every PDF and scan are sealed
 * and opened here. The audit events' actor, detail and hashes are sealed
 * too (pg-audit-log.ts).
 */

type Row = {
  id: string;
  patient_id: string;
  template_id: string;
  stage: Stage;
  created_at: string;
  signed_at: string | null;
  revoked_at: string | null;
  expiration_event_at: string | null;
  terms: Buffer;
  signature: Buffer | null;
  finalization: Buffer | null;
  revocation: Buffer | null;
  expiration_event: Buffer | null;
};

/** The sealed facts the export reads (pg-consent-repository.ts seals them). */
interface Facts {
  signature: { signerName: string } | null;
  finalization: { witnessedAt: string; pdfSha256: string } | null;
  revocation: { receivedOn: string; method: RevocationMethod; scanType: string | null; scanSha256: string | null; pdfSha256: string } | null;
  expirationEvent: { on: string } | null;
}

const rowColumns = 'a.id, a.patient_id, a.template_id, a.stage, a.created_at, a.signed_at, a.revoked_at, a.expiration_event_at, a.terms, a.signature, a.finalization, a.revocation, a.expiration_event';

/** The condition on `authorizations a` (parameters from $1) that chooses an export's authorizations, as SQLite's `exportCondition`. */
function condition(filter: ExportFilter): { where: string; params: unknown[] } {
  const inRange = (column: string) => `(a.${column} >= $1 COLLATE "C" AND a.${column} < $2 COLLATE "C")`;
  return {
    where: `a.stage <> 'draft' AND (${inRange('signed_at')} OR ${inRange('revoked_at')} OR ${inRange('expiration_event_at')})${filter.patientIds ? ' AND a.patient_id::text = ANY($3::text[])' : ''}`,
    params: [filter.fromInstant, filter.toInstant, ...(filter.patientIds ? [[...filter.patientIds]] : [])],
  };
}

/** After the cursor in (signed_at NULLS FIRST, id) order, by bytes; parameters from `$n`. */
function after(cursor: ExportCursor | null, n: number): { sql: string; params: unknown[] } {
  if (!cursor) return { sql: '', params: [] };
  if (cursor.signedAt === null) return { sql: `AND (a.signed_at IS NOT NULL OR a.id > $${n} COLLATE "C")`, params: [cursor.id] };
  return {
    sql: `AND a.signed_at IS NOT NULL AND (a.signed_at > $${n} COLLATE "C" OR (a.signed_at = $${n} AND a.id > $${n + 1} COLLATE "C"))`,
    params: [cursor.signedAt, cursor.id],
  };
}

export function createPgExportRepository(cipher: FieldCipher): ExportRecords<ClientBase> {
  const sealed = new SealedColumns(cipher, 'authorizations');
  const patients = createPgPatientRepository(cipher);
  const posts = createPgPostRepository(cipher);

  const factsOf = (r: Row): Facts => ({
    signature: sealed.openJson(r.signature, 'signature', r.id),
    finalization: sealed.openJson(r.finalization, 'finalization', r.id),
    revocation: sealed.openJson(r.revocation, 'revocation', r.id),
    expirationEvent: sealed.openJson(r.expiration_event, 'expiration_event', r.id),
  });
  // As SQLite: a scan counts when its SHA-256 was recorded with it (its type comes with it).
  const scanOf = (f: Facts) => (f.revocation?.scanSha256 ? { sha256: f.revocation.scanSha256, mimeType: f.revocation.scanType ?? '' } : null);

  /** The chosen rows of one page, ordered on the server; their patients' names opened once per patient. */
  async function page(tx: ClientBase, filter: ExportFilter, cursor: ExportCursor | null, limit: number, revokedOnly: boolean): Promise<(ExportedAuthorization & { dateOfBirth: string | null })[]> {
    const { where, params } = condition(filter);
    const next = after(cursor, params.length + 1);
    const rows = (
      await tx.query<Row>(
        `SELECT ${rowColumns} FROM authorizations a JOIN patients p ON p.id = a.patient_id
         WHERE ${where} ${revokedOnly ? 'AND a.revoked_at IS NOT NULL' : ''} ${next.sql}
         ORDER BY a.signed_at COLLATE "C" NULLS FIRST, a.id COLLATE "C" LIMIT $${params.length + next.params.length + 1}`,
        [...params, ...next.params, limit],
      )
    ).rows;
    return opened(tx, rows);
  }

  /** Rows (with their patient) opened: their patients' names once per patient, their facts each. */
  async function opened(tx: ClientBase, rows: Row[]): Promise<(ExportedAuthorization & { dateOfBirth: string | null })[]> {
    const people = new Map<string, { firstName: string; lastName: string; dateOfBirth: string | null }>();
    for (const id of new Set(rows.map((r) => r.patient_id))) {
      const patient = await patients.getPatient(tx, id);
      if (patient) people.set(id, { firstName: patient.firstName, lastName: patient.lastName, dateOfBirth: patient.dateOfBirth });
    }
    return rows.map((r) => {
      const f = factsOf(r);
      const person = people.get(r.patient_id)!;
      return {
        id: r.id,
        patientId: r.patient_id,
        firstName: person.firstName,
        lastName: person.lastName,
        dateOfBirth: person.dateOfBirth,
        stage: r.stage,
        terms: sealed.openJson<AuthorizationTerms>(r.terms, 'terms', r.id)!,
        signedAt: r.signed_at,
        witnessedAt: f.finalization?.witnessedAt ?? null,
        revokedAt: r.revoked_at,
        revocationReceivedOn: f.revocation?.receivedOn ?? null,
        expirationEventAt: r.expiration_event_at,
        expirationEventOn: f.expirationEvent?.on ?? null,
        pdfSha256: f.finalization?.pdfSha256 ?? null,
        revocationScan: r.revoked_at !== null ? scanOf(f) : null,
      };
    });
  }

  return {
    async exportAuthorizationsAfter(tx, filter, cursor, limit, options = {}) {
      return (await page(tx, filter, cursor, limit, options.revokedOnly ?? false)).map(({ dateOfBirth: _dob, ...a }) => a);
    },

    async exportTotals(tx, filter) {
      const { where, params } = condition(filter);
      const totals = (
        await tx.query<{ chosen: string; revocations: string; pdfs: string }>(
          `SELECT count(*) AS chosen, count(a.revoked_at) AS revocations, count(a.pdf) AS pdfs FROM authorizations a JOIN patients p ON p.id = a.patient_id WHERE ${where}`,
          params,
        )
      ).rows[0]!;
      // Whether a revocation's scan was recorded is sealed with its facts: opened for the revoked ones, a page at a time.
      let scans = 0;
      for (let cursor: ExportCursor | null = null; ; ) {
        const revoked = await page(tx, filter, cursor, 500, true);
        scans += revoked.filter((a) => a.revocationScan !== null).length;
        if (revoked.length < 500) break;
        const last = revoked.at(-1)!;
        cursor = { signedAt: last.signedAt, id: last.id };
      }
      const chosen = Number(totals.chosen);
      const posts = chosen > 0 ? Number((await tx.query<{ n: string }>(`SELECT count(*) AS n FROM posts WHERE consent_id IN (SELECT a.id FROM authorizations a WHERE ${where})`, params)).rows[0]!.n) : 0;
      return { authorizations: chosen, revocations: Number(totals.revocations), pdfs: Number(totals.pdfs), scans, posts };
    },

    async postCountsOfConsents(tx, consentIds) {
      const counts = new Map<string, number>(consentIds.map((id) => [id, 0]));
      if (consentIds.length === 0) return counts;
      const rows = (await tx.query<{ id: string; n: string }>('SELECT consent_id AS id, count(*) AS n FROM posts WHERE consent_id = ANY($1::text[]) GROUP BY consent_id', [[...consentIds]])).rows;
      for (const r of rows) counts.set(r.id, Number(r.n));
      return counts;
    },

    async exportRecord(tx, id) {
      const row = (await tx.query<Row & { pdf: Buffer | null }>(`SELECT ${rowColumns}, a.pdf FROM authorizations a WHERE a.id = $1`, [id])).rows[0];
      if (!row) return undefined;
      const f = factsOf(row);
      // In SQLite's column order (the PDF first: read in the same row read as the rest).
      return {
        pdf: sealed.openBytes(row.pdf, 'pdf', row.id),
        id: row.id,
        patient_id: row.patient_id,
        template_id: row.template_id,
        // consents.csv reads the terms as SQLite stores them: their JSON.
        terms: JSON.stringify(sealed.openJson<AuthorizationTerms>(row.terms, 'terms', row.id)),
        stage: row.stage,
        created_at: row.created_at,
        signed_at: row.signed_at,
        signer_name: f.signature?.signerName ?? null,
        witnessed_at: f.finalization?.witnessedAt ?? null,
        revoked_at: row.revoked_at,
        revocation_received_on: f.revocation?.receivedOn ?? null,
        revocation_method: f.revocation?.method ?? null,
        expiration_event_at: row.expiration_event_at,
        expiration_event_on: f.expirationEvent?.on ?? null,
        pdf_sha256: f.finalization?.pdfSha256 ?? null,
        revocation_pdf_sha256: f.revocation?.pdfSha256 ?? null,
      };
    },

    async exportRevocation(tx, id) {
      const row = (await tx.query<{ revocation_pdf: Buffer | null; revocation: Buffer | null }>('SELECT revocation_pdf, revocation FROM authorizations WHERE id = $1', [id])).rows[0];
      if (!row) return null;
      const facts = sealed.openJson<NonNullable<Facts['revocation']>>(row.revocation, 'revocation', id);
      return { pdf: sealed.openBytes(row.revocation_pdf, 'revocation_pdf', id), sha256: facts?.pdfSha256 ?? null };
    },

    async exportRevocationScan(tx, id) {
      const row = (await tx.query<{ revocation_scan: Buffer | null }>('SELECT revocation_scan FROM authorizations WHERE id = $1', [id])).rows[0];
      return sealed.openBytes(row?.revocation_scan ?? null, 'revocation_scan', id);
    },

    async exportAuditSpan(tx, fromInstant, toInstant) {
      const trailHead = await readHead(tx, cipher);
      const span = (
        await tx.query<{ first: string | null; last: string | null }>(
          'SELECT min(seq) AS first, max(seq) AS last FROM audit_events WHERE at >= $1 COLLATE "C" AND at < $2 COLLATE "C" AND seq <= $3',
          [fromInstant, toInstant, trailHead.seq],
        )
      ).rows[0]!;
      return { trailHead, firstSeq: span.first === null ? null : Number(span.first), lastSeq: span.last === null ? null : Number(span.last) };
    },

    async exportAuditEvents(tx, fromSeq, lastSeq, limit) {
      const rows = (await tx.query<Parameters<typeof openEvent>[0]>('SELECT * FROM audit_events WHERE seq >= $1 AND seq <= $2 ORDER BY seq LIMIT $3', [fromSeq, lastSeq, limit])).rows;
      return rows.map((row) => openEvent(row, cipher));
    },

    async exportPostsAfter(tx, filter, cursor, limit) {
      const { where, params } = condition(filter);
      const n = params.length;
      // Chosen and ordered on the server (the consent relied on and when the post was made are in the clear), opened here.
      const ids = (
        await tx.query<{ id: string }>(
          `SELECT id FROM posts WHERE consent_id IN (SELECT a.id FROM authorizations a WHERE ${where})
           ${cursor ? `AND (created_at > $${n + 1} COLLATE "C" OR (created_at = $${n + 1} AND id > $${n + 2} COLLATE "C"))` : ''}
           ORDER BY created_at COLLATE "C", id COLLATE "C" LIMIT $${n + (cursor ? 3 : 1)}`,
          [...params, ...(cursor ? [cursor.createdAt, cursor.id] : []), limit],
        )
      ).rows.map((r) => r.id);
      if (ids.length === 0) return [];
      const byId = new Map((await posts.listPosts(tx, { ids })).map((p) => [p.id, p]));
      return ids.map((id) => {
        const p = byId.get(id)!;
        return {
          id: p.id,
          consentId: p.consentId!,
          patientId: p.patientId,
          testimonialId: p.testimonialId,
          channel: p.channel,
          purpose: p.purpose,
          thirdPartyPays: p.thirdPartyPays,
          sponsor: p.sponsor,
          contentKinds: p.contentKinds,
          blockingIdentifiers: p.blockingIdentifiers,
          healthMentions: p.healthMentions,
          identifiersApproval: p.identifiersApproval,
          caption: p.caption,
          state: p.state,
          createdAt: p.createdAt,
          approvedAt: p.approvedAt,
          publishedAt: p.publishedAt,
          publishedUrl: p.publishedUrl,
          reliedConsentPdfSha256: p.reliedConsentPdfSha256,
          takedownRequiredAt: p.takedownRequiredAt,
          takedownReason: p.takedownReason,
          takenDownAt: p.takenDownAt,
        };
      });
    },

    async exportConsent(tx, id) {
      const rows = (await tx.query<Row>(`SELECT ${rowColumns} FROM authorizations a JOIN patients p ON p.id = a.patient_id WHERE a.id = $1`, [id])).rows;
      const [consent] = await opened(tx, rows);
      if (!consent) return undefined;
      const { dateOfBirth, ...a } = consent;
      return { ...a, revocationScan: null, dateOfBirth };
    },

    async hasProgramRecords(tx) {
      const row = (
        await tx.query<{ started: boolean }>(
          'SELECT EXISTS (SELECT 1 FROM policy_versions) OR EXISTS (SELECT 1 FROM training_sessions) OR EXISTS (SELECT 1 FROM review_schedules) OR EXISTS (SELECT 1 FROM incidents) AS started',
        )
      ).rows[0]!;
      return row.started;
    },
  };
}
