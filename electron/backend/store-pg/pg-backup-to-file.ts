import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import type { ClientBase } from 'pg';
import type { BackupInfo } from '../../../shared/compliance/backups';
import { AppError } from '../../../shared/errors';
import { appVersion } from '../app-version';
import { eventHash, genesisHash } from '../audit/audit-log';
import { checkBackupDatabase } from '../backup/backup-database-check';
import { infoOf, packBackup, partialNameFor, type BackupMeta } from '../backup/backup-file';
import { configureConnection, openDatabase, type Db } from '../store/database';
import type { Keyring } from '../store/keyring';
import { migrate } from '../store/migrate';
import type { Migration } from '../store/migrations/migration';
import type { FieldCipher } from './field-crypto';
import { searchKeyOf } from '../../../shared/patient-search';
import { insertPatient } from '../repositories/patient-repository';
import type { StoredPost } from '../repositories/post-repository';
import { auditEventsFromPg } from './pg-audit-log';
import { getPatientPg } from './pg-patient-repository';
import { checkMovedStore, type MoveCheck } from './pg-migrate-store';
import { createPgStoreMetaRepository } from './pg-program-reviews-repository';
import { SealedColumns } from './sealed-columns';
import { createPgKeyringRepository, createPgStaffRepository, settingTextPg } from './pg-staff-repository';

/**
 * The app's encrypted backup of a PostgreSQL store (design section 6):
 * today's backup format (backup-file.ts: an encrypted SQLite copy, its key
 * file and backup.json, checked as today's backups are), written by copying
 * the server's records into a fresh encrypted SQLite file, from ONE
 * REPEATABLE READ READ ONLY snapshot, and checked against that same snapshot
 * with migrate-store's own check (`checkMovedStore`). Restoring it is
 * `migrate-store` from the backup into an empty database.
 *
 * Every table of the file is either copied here (`copiedTables`), kept by
 * the file's own triggers from the copied rows (`derivedTables`), or not
 * copied yet: while any table is not copied the backup is refused before
 * the server is read, and nothing is left under the target's name.
 */

/** The tables whose rows this code writes, each from the server's records. */
export const copiedTables = [
  'staff',
  'settings',
  'data_key_history',
  'store_meta',
  'templates',
  'scope_presets',
  'practice_certificates',
  'policy_versions',
  'policy_draft',
  'policy_acknowledgments',
  'patients',
  'testimonials',
  'media',
  'authorizations',
  'posts',
  'post_coverage_stale',
  'patient_copies',
  'training_sessions',
  'training_attendees',
  'training_materials',
  'quiz_results',
  'review_schedules',
  'channel_reviews',
  'channel_review_posts',
  'removed_comments',
  'authorization_purges',
  'reply_checks',
  'post_review_messages',
  'incidents',
  'incident_documents',
  'audit_events',
] as const;

/**
 * The tables the file keeps itself from the copied rows: its triggers (the
 * audit head, the record and post-state counts), today's insertPatient (the
 * patients' name tokens), and what the kept verdicts were judged under
 * (left empty: the file judges its stale posts again under its own settings,
 * as a store whose basis changed does).
 */
export const derivedTables = ['audit_head', 'record_counts', 'post_state_counts', 'patient_name_tokens', 'post_coverage_basis'] as const;

/** The tables of a file of this version's schema that nothing here copies (the backup is refused while there are any). */
export function tablesNotCopied(db: Db): string[] {
  const covered = new Set<string>([...copiedTables, ...derivedTables]);
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return tables.filter((t) => !covered.has(t));
}

export const notCopiedMessage = (tables: readonly string[]) =>
  `A backup of a server store cannot be made yet: this version does not copy ${tables.length === 1 ? 'the table' : 'the tables'} ${tables.join(', ')} from the server. Nothing was written.`;

export interface BackupCounts {
  staff: number;
  settings: number;
  retiredDataKeys: number;
  templates: number;
  scopePresets: number;
  certificates: number;
  policyVersions: number;
  policyAcknowledgments: number;
  patients: number;
  testimonials: number;
  media: number;
  authorizations: number;
  posts: number;
  patientCopies: number;
  trainingSessions: number;
  trainingMaterials: number;
  quizResults: number;
  reviewSchedules: number;
  channelReviews: number;
  purges: number;
  replyChecks: number;
  postReviewMessages: number;
  incidents: number;
  incidentDocuments: number;
  auditEvents: number;
}
export type BackupProgress = { step: keyof BackupCounts; done: number; total: number };

/**
 * One row into the file, every column of the table named (a column the
 * mapping forgot, or one the table does not have, is an error, not a NULL).
 */
function insertRow(db: Db, table: string, row: Record<string, unknown>): void {
  const columns = (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]).sort();
  const given = Object.keys(row).sort();
  if (JSON.stringify(columns) !== JSON.stringify(given)) {
    throw new Error(`The backup's copy of ${table} names the columns ${given.join(', ')}; the file's table has ${columns.join(', ')}.`);
  }
  db.prepare(`INSERT INTO ${table} (${given.join(', ')}) VALUES (${given.map(() => '?').join(', ')})`).run(...given.map((c) => row[c]));
}

/**
 * Remove the rows a fresh file's migration made in `table` (the built-in
 * wording), inside the copy's transaction: the table's guards against
 * deletion are lifted for that one statement and put back as they were.
 */
function clearMadeRows(db: Db, table: string): void {
  const guards = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND sql LIKE '%BEFORE DELETE%'").all(table) as { name: string; sql: string }[];
  for (const g of guards) db.exec(`DROP TRIGGER ${g.name}`);
  db.prepare(`DELETE FROM ${table}`).run();
  for (const g of guards) db.exec(g.sql);
}

const countOf = async (server: ClientBase, table: string) => Number((await server.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);

/**
 * Copy the server's records of `copiedTables` into `file` (a freshly
 * migrated, empty store file; `backupServerStore` refuses a file with any
 * other table) in one SQLite transaction, inside the REPEATABLE READ transaction the
 * caller holds on `server`. Rows go in the order the server keeps them (its
 * insert order, the file's rowid order when it was moved there).
 */
export async function copyServerToFile(
  server: ClientBase,
  cipher: FieldCipher,
  file: Db,
  onProgress?: (p: BackupProgress) => void | Promise<void>,
): Promise<BackupCounts> {
  const counts: BackupCounts = { staff: 0, settings: 0, retiredDataKeys: 0, templates: 0, scopePresets: 0, certificates: 0, policyVersions: 0, policyAcknowledgments: 0, patients: 0, testimonials: 0, media: 0, authorizations: 0, posts: 0, patientCopies: 0,
    trainingSessions: 0, trainingMaterials: 0, quizResults: 0, reviewSchedules: 0, channelReviews: 0, purges: 0, replyChecks: 0, postReviewMessages: 0, incidents: 0, incidentDocuments: 0, auditEvents: 0 };
  const rowsOf = async <T extends object>(sql: string) => (await server.query<T & pg.QueryResultRow>(sql)).rows;
  const each = async <T>(step: keyof BackupCounts, items: T[], copy: (item: T) => void | Promise<void>) => {
    for (const item of items) {
      await copy(item);
      await tick(step, items.length);
    }
  };
  const flag = (b: boolean) => (b ? 1 : 0);
  const tick = async (step: keyof BackupCounts, total: number) => {
    counts[step] += 1;
    if (counts[step] % 200 === 0 || counts[step] === total) await onProgress?.({ step, done: counts[step], total });
  };
  // Rows go in table by table, parents not always first: the references are checked once the whole copy is in (backupServerStore).
  file.pragma('foreign_keys = OFF');
  file.prepare('BEGIN IMMEDIATE').run();
  try {
    const staffPg = createPgStaffRepository(cipher);
    const staffIds = (await server.query<{ id: string }>('SELECT id FROM staff ORDER BY insert_seq')).rows.map((r) => r.id);
    for (const id of staffIds) {
      const s = (await staffPg.getStaffById(server, id))!;
      insertRow(file, 'staff', { id: s.id, username: s.username, display_name: s.displayName, role: s.role, status: s.status, created_at: s.createdAt, updated_at: s.updatedAt });
      await tick('staff', staffIds.length);
    }

    // Each value's JSON text as the server holds it (the file's text, when it was moved there).
    const keys = (await server.query<{ key: string }>('SELECT key FROM settings ORDER BY key COLLATE "C"')).rows.map((r) => r.key);
    for (const key of keys) {
      insertRow(file, 'settings', { key, value: (await settingTextPg(server, cipher, key))! });
      await tick('settings', keys.length);
    }

    const keyringPg = createPgKeyringRepository(cipher);
    const retired = (await server.query<{ key_epoch: number; retired_at: string }>('SELECT key_epoch, retired_at FROM data_key_history ORDER BY key_epoch')).rows;
    for (const k of retired) {
      insertRow(file, 'data_key_history', { key_epoch: k.key_epoch, data_key: await keyringPg.retiredDataKey(server, k.key_epoch), retired_at: k.retired_at });
      await tick('retiredDataKeys', retired.length);
    }

    // The file's migration made its own meta row: it takes the server's write counter, anchor key and last check.
    const metaPg = createPgStoreMetaRepository(cipher);
    const meta = await metaPg.storeMeta(server);
    const lastCheck = await metaPg.lastCheck(server);
    file.prepare('UPDATE store_meta SET write_counter = ?, anchor_key = ?, last_check = ? WHERE id = 1').run(meta.writeCounter, meta.anchorKey, lastCheck === null ? null : JSON.stringify(lastCheck));

    // The practice: wording versions (the server's, in place of the built-in ones the file's migration made), presets, certificates.
    clearMadeRows(file, 'templates');
    const templates = new SealedColumns(cipher, 'templates');
    type TemplateRow = { id: string; language: string; version: number; text: Buffer; active: boolean; created_at: string };
    await each('templates', await rowsOf<TemplateRow>('SELECT id, language, version, text, active, created_at FROM templates ORDER BY created_at COLLATE "C", language COLLATE "C", version'), (t) => {
      insertRow(file, 'templates', { id: t.id, language: t.language, version: t.version, text: templates.openBytes(t.text, 'text', t.id)!.toString('utf8'), active: flag(t.active), created_at: t.created_at });
    });
    const presets = new SealedColumns(cipher, 'scope_presets');
    type PresetRow = { id: string; version: number; sealed: Buffer; retired: boolean; created_at: string; created_by: string };
    await each('scopePresets', await rowsOf<PresetRow>('SELECT id, version, sealed, retired, created_at, created_by FROM scope_presets ORDER BY created_at COLLATE "C", id COLLATE "C", version'), (p) => {
      const s = presets.openJson<{ name: string; scope: unknown; duration: unknown }>(p.sealed, 'sealed', `${p.id}:${p.version}`)!;
      insertRow(file, 'scope_presets', { id: p.id, version: p.version, name: s.name, scope: JSON.stringify(s.scope), duration: JSON.stringify(s.duration), retired: flag(p.retired), created_at: p.created_at, created_by: p.created_by });
    });
    const certificates = new SealedColumns(cipher, 'practice_certificates');
    type CertificateRow = { id: string; certificate_der: Buffer; private_key_pkcs8: Buffer; sealed: Buffer; not_after: string; source: string; active: boolean; created_at: string };
    await each('certificates', await rowsOf<CertificateRow>('SELECT id, certificate_der, private_key_pkcs8, sealed, not_after, source, active, created_at FROM practice_certificates ORDER BY insert_seq'), (c) => {
      const s = certificates.openJson<{ subject: string; issuer: string; fingerprintSha256: string; notBefore: string }>(c.sealed, 'sealed', c.id)!;
      // The key and certificate as today's certificates keep them (the PKCS#12 columns are empty since schema 7).
      insertRow(file, 'practice_certificates', {
        id: c.id,
        p12: Buffer.alloc(0),
        passphrase: '',
        certificate_der: certificates.openBytes(c.certificate_der, 'certificate_der', c.id),
        private_key_pkcs8: certificates.openBytes(c.private_key_pkcs8, 'private_key_pkcs8', c.id),
        subject: s.subject,
        issuer: s.issuer,
        fingerprint_sha256: s.fingerprintSha256,
        not_before: s.notBefore,
        not_after: c.not_after,
        source: c.source,
        active: flag(c.active),
        created_at: c.created_at,
      });
    });

    // The compliance program's policy: versions (their text as published: its hashes were made of it), the draft, acknowledgments.
    const versions = new SealedColumns(cipher, 'policy_versions');
    type VersionRow = { id: string; version: number; text: Buffer; text_sha256: string; published_at: string; published_by: string };
    await each('policyVersions', await rowsOf<VersionRow>('SELECT id, version, text, text_sha256, published_at, published_by FROM policy_versions ORDER BY version'), (v) => {
      insertRow(file, 'policy_versions', { id: v.id, version: v.version, text: versions.openBytes(v.text, 'text', v.id)!.toString('utf8'), text_sha256: v.text_sha256, published_at: v.published_at, published_by: v.published_by });
    });
    const draft = new SealedColumns(cipher, 'policy_draft');
    for (const d of await rowsOf<{ id: number; text: Buffer; updated_at: string; updated_by: string }>('SELECT id, text, updated_at, updated_by FROM policy_draft')) {
      insertRow(file, 'policy_draft', { id: d.id, text: draft.openBytes(d.text, 'text', 'draft')!.toString('utf8'), updated_at: d.updated_at, updated_by: d.updated_by });
    }
    const acks = new SealedColumns(cipher, 'policy_acknowledgments');
    type AckRow = { id: string; staff_id: string; version_id: string; acknowledged_at: string; acknowledged_on: string; language: string; text_sha256: string; workstation: Buffer };
    await each(
      'policyAcknowledgments',
      await rowsOf<AckRow>('SELECT id, staff_id, version_id, acknowledged_at, acknowledged_on, language, text_sha256, workstation FROM policy_acknowledgments ORDER BY insert_seq'),
      (a) => insertRow(file, 'policy_acknowledgments', { ...a, workstation: acks.openJson<string>(a.workstation, 'workstation', a.id) }),
    );
    // The shared records: patients (their search keys made by today's insertPatient), testimonials with their media.
    // Each keeps the server's row version (an update that sets it is left as written by the file's triggers).
    const patientIds = (await rowsOf<{ id: string }>('SELECT id FROM patients ORDER BY created_at COLLATE "C", id')).map((r) => r.id);
    await each('patients', patientIds, async (id) => {
      const { rowVersion, ...patient } = (await getPatientPg(server, cipher, id))!;
      insertPatient(file, patient);
      file.prepare('UPDATE patients SET row_version = ? WHERE id = ?').run(rowVersion, id);
    });
    const testimonials = new SealedColumns(cipher, 'testimonials');
    type TestimonialRow = { id: string; patient_id: string; sealed: Buffer; created_at: string; created_by: string; updated_at: string; row_version: number };
    await each('testimonials', await rowsOf<TestimonialRow>('SELECT id, patient_id, sealed, created_at, created_by, updated_at, row_version FROM testimonials ORDER BY insert_seq'), ({ sealed, ...t }) => {
      const x = testimonials.openJson<{ title: string; quote: string }>(sealed, 'sealed', t.id)!;
      insertRow(file, 'testimonials', { ...t, title: x.title, title_key: searchKeyOf(x.title), quote: x.quote });
    });
    const media = new SealedColumns(cipher, 'media');
    type MediaRow = { id: string; testimonial_id: string; kind: string; sealed: Buffer; data: Buffer; thumbnail: Buffer | null; created_at: string; created_by: string };
    await each('media', await rowsOf<MediaRow>('SELECT id, testimonial_id, kind, sealed, data, thumbnail, created_at, created_by FROM media ORDER BY insert_seq'), ({ sealed, ...m }) => {
      const x = media.openJson<{ beforeAfter: boolean; fileName: string; mimeType: string; bytes: number; sha256: string; width: number | null; height: number | null; metadataRemoved: string[] }>(sealed, 'sealed', m.id)!;
      insertRow(file, 'media', {
        ...m,
        data: media.openBytes(m.data, 'data', m.id),
        thumbnail: media.openBytes(m.thumbnail, 'thumbnail', m.id),
        before_after: flag(x.beforeAfter),
        file_name: x.fileName,
        mime_type: x.mimeType,
        bytes: x.bytes,
        sha256: x.sha256,
        width: x.width,
        height: x.height,
        metadata_removed: JSON.stringify(x.metadataRemoved),
      });
    });
    // Authorizations: the terms and each step's facts are sealed parts on the server, each document and image sealed bytes.
    const consents = new SealedColumns(cipher, 'authorizations');
    type ConsentRow = {
      id: string; patient_id: string; template_id: string; stage: string; signing_method: string; created_at: string; created_by: string; updated_at: string;
      signed_at: string | null; revoked_at: string | null; expiration_event_at: string | null; terms: Buffer; paper_form: Buffer | null; signature: Buffer | null;
      signature_png: Buffer | null; finalization: Buffer | null; pdf: Buffer | null; paper_scan: Buffer | null; revocation: Buffer | null; revocation_scan: Buffer | null;
      revocation_pdf: Buffer | null; expiration_event: Buffer | null; row_version: number;
    };
    type Signature = {
      signerName: string; signatureKind: string; strokes: unknown; canvas: unknown; esignAgreed: boolean; workstation: string | null; textShown: string | null;
      textSha256: string | null; documentShown: unknown; paperSignedOn: string | null; paperScanType: string | null; paperScanSha256: string | null; paperScanPages: number | null;
    };
    const consentRows = await rowsOf<ConsentRow>(
      `SELECT id, patient_id, template_id, stage, signing_method, created_at, created_by, updated_at, signed_at, revoked_at, expiration_event_at, terms, paper_form,
         signature, signature_png, finalization, pdf, paper_scan, revocation, revocation_scan, revocation_pdf, expiration_event, row_version
       FROM authorizations ORDER BY insert_seq`,
    );
    await each('authorizations', consentRows, (r) => {
      const json = <T>(column: keyof ConsentRow) => consents.openJson<T>(r[column] as Buffer | null, column, r.id);
      const bytes = (column: keyof ConsentRow) => consents.openBytes(r[column] as Buffer | null, column, r.id);
      const text = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
      const paperForm = json<{ textSha256: string; printedAt: string }>('paper_form');
      const sig = json<Signature>('signature');
      const fin = json<{ witnessId: string; witnessedAt: string; contentSha256: string; pdfSha256: string }>('finalization');
      const rev = json<{ receivedOn: string; method: string; note: string; revokedBy: string; scanType: string | null; scanSha256: string | null; pdfSha256: string }>('revocation');
      const exp = json<{ on: string; by: string }>('expiration_event');
      insertRow(file, 'authorizations', {
        id: r.id,
        patient_id: r.patient_id,
        template_id: r.template_id,
        terms: JSON.stringify(json<unknown>('terms')),
        stage: r.stage,
        created_at: r.created_at,
        created_by: r.created_by,
        updated_at: r.updated_at,
        signed_at: r.signed_at,
        signer_name: sig?.signerName ?? null,
        signature_png: bytes('signature_png'),
        signature_strokes: text(sig?.strokes),
        signature_canvas: text(sig?.canvas),
        esign_agreed: sig ? flag(sig.esignAgreed) : null,
        workstation: sig?.workstation ?? null,
        text_shown: sig?.textShown ?? null,
        text_sha256: sig?.textSha256 ?? null,
        witness_id: fin?.witnessId ?? null,
        witnessed_at: fin?.witnessedAt ?? null,
        content_sha256: fin?.contentSha256 ?? null,
        pdf: bytes('pdf'),
        pdf_sha256: fin?.pdfSha256 ?? null,
        revoked_at: r.revoked_at,
        revocation_received_on: rev?.receivedOn ?? null,
        revocation_method: rev?.method ?? null,
        revocation_note: rev?.note ?? null,
        revocation_scan: bytes('revocation_scan'),
        revocation_scan_type: rev?.scanType ?? null,
        revoked_by: rev?.revokedBy ?? null,
        revocation_pdf: bytes('revocation_pdf'),
        revocation_pdf_sha256: rev?.pdfSha256 ?? null,
        expiration_event_at: r.expiration_event_at,
        expiration_event_on: exp?.on ?? null,
        // migrate-store seals a missing author as '' (events recorded before the column existed).
        expiration_event_by: exp ? exp.by || null : null,
        signing_method: r.signing_method,
        document_shown: text(sig?.documentShown),
        paper_form_text_sha256: paperForm?.textSha256 ?? null,
        paper_form_printed_at: paperForm?.printedAt ?? null,
        paper_signed_on: sig?.paperSignedOn ?? null,
        paper_scan: bytes('paper_scan'),
        paper_scan_type: sig?.paperScanType ?? null,
        paper_scan_sha256: sig?.paperScanSha256 ?? null,
        paper_scan_pages: sig?.paperScanPages ?? null,
        signature_kind: sig?.signatureKind ?? 'drawn',
        revocation_scan_sha256: rev?.scanSha256 ?? null,
        row_version: r.row_version,
      });
    });

    // Posts with their kept verdicts (a post's facts are one sealed part on the server; the verdict's reasons and day too).
    const posts = new SealedColumns(cipher, 'posts');
    type PostRow = {
      id: string; testimonial_id: string; patient_id: string; consent_id: string | null; purged_consent_id: string | null; state: string; sealed: Buffer;
      created_at: string; created_by: string; updated_at: string; approved_by: string | null; taken_down_by: string | null; identifiers_approved_by: string | null;
      coverage_covered: boolean | null; coverage_reasons: Buffer | null; coverage_changes_on: Buffer | null; row_version: number;
    };
    type PostFacts = Omit<StoredPost, 'id' | 'testimonialId' | 'patientId' | 'consentId' | 'state' | 'createdAt' | 'updatedAt'>;
    const postRows = await rowsOf<PostRow>(
      `SELECT id, testimonial_id, patient_id, consent_id, purged_consent_id, state, sealed, created_at, created_by, updated_at, approved_by, taken_down_by,
         identifiers_approved_by, coverage_covered, coverage_reasons, coverage_changes_on, row_version FROM posts ORDER BY insert_seq`,
    );
    await each('posts', postRows, ({ sealed, coverage_covered, coverage_reasons, coverage_changes_on, ...p }) => {
      const f = posts.openJson<PostFacts>(sealed, 'sealed', p.id)!;
      insertRow(file, 'posts', {
        ...p,
        channel: f.channel,
        caption: f.caption,
        media_ids: JSON.stringify(f.mediaIds),
        purpose: f.purpose,
        third_party_pays: flag(f.thirdPartyPays),
        extra_content_kinds: JSON.stringify(f.extraContentKinds),
        content_kinds: JSON.stringify(f.contentKinds),
        approved_at: f.approvedAt,
        published_at: f.publishedAt,
        published_url: f.publishedUrl,
        relied_consent_pdf_sha256: f.reliedConsentPdfSha256,
        takedown_required_at: f.takedownRequiredAt,
        takedown_reason: f.takedownReason,
        taken_down_at: f.takenDownAt,
        sponsor: f.sponsor,
        blocking_identifiers: JSON.stringify(f.blockingIdentifiers),
        health_mentions: JSON.stringify(f.healthMentions),
        identifiers_approved_at: f.identifiersApproval?.at ?? null,
        identifiers_approval_reason: f.identifiersApproval?.reason ?? null,
        identifiers_approved_sha256: f.identifiersApprovedSha256,
        review_required_at: f.reviewRequiredAt,
        review_reason: f.reviewReason,
        // As keepVerdict writes them.
        coverage_covered: coverage_covered === null ? null : flag(coverage_covered),
        coverage_reasons: coverage_covered === null ? null : JSON.stringify(posts.openJson<unknown[]>(coverage_reasons, 'coverage_reasons', p.id) ?? []),
        coverage_changes_on: posts.openJson<string>(coverage_changes_on, 'coverage_changes_on', p.id),
      });
    });
    type CopyRow = { id: string; authorization_id: string; method: string; recorded_at: string; recorded_by: string };
    await each('patientCopies', await rowsOf<CopyRow>('SELECT id, authorization_id, method, recorded_at, recorded_by FROM patient_copies ORDER BY insert_seq'), (c) => insertRow(file, 'patient_copies', { ...c }));

    // Schema 6: training (sessions, who attended, materials), the quiz, channel reviews with what they confirmed and removed, retention purges.
    const sessions = new SealedColumns(cipher, 'training_sessions');
    type SessionRow = { id: string; held_on: string; sealed: Buffer; recorded_at: string; recorded_by: string; voided_at: string | null; voided_by: string | null; void_reason: Buffer | null };
    await each('trainingSessions', await rowsOf<SessionRow>('SELECT id, held_on, sealed, recorded_at, recorded_by, voided_at, voided_by, void_reason FROM training_sessions ORDER BY insert_seq'), (t) => {
      const x = sessions.openJson<{ topic: string; trainer: string; notes: string }>(t.sealed, 'sealed', t.id)!;
      insertRow(file, 'training_sessions', {
        id: t.id, held_on: t.held_on, topic: x.topic, trainer: x.trainer, notes: x.notes, recorded_at: t.recorded_at, recorded_by: t.recorded_by,
        voided_at: t.voided_at, voided_by: t.voided_by, void_reason: sessions.openJson<string>(t.void_reason, 'void_reason', t.id),
      });
    });
    for (const a of await rowsOf<{ session_id: string; staff_id: string }>('SELECT session_id, staff_id FROM training_attendees')) insertRow(file, 'training_attendees', { ...a });
    const materials = new SealedColumns(cipher, 'training_materials');
    type MaterialRow = { id: string; session_id: string; sealed: Buffer; data: Buffer; added_at: string; added_by: string };
    await each('trainingMaterials', await rowsOf<MaterialRow>('SELECT id, session_id, sealed, data, added_at, added_by FROM training_materials ORDER BY insert_seq'), (m) => {
      const x = materials.openJson<{ fileName: string; mimeType: string; bytes: number; sha256: string }>(m.sealed, 'sealed', m.id)!;
      insertRow(file, 'training_materials', {
        id: m.id, session_id: m.session_id, file_name: x.fileName, mime_type: x.mimeType, bytes: x.bytes, sha256: x.sha256, data: materials.openBytes(m.data, 'data', m.id), added_at: m.added_at, added_by: m.added_by,
      });
    });
    const quizzes = new SealedColumns(cipher, 'quiz_results');
    type QuizRow = { id: string; staff_id: string; taken_at: string; language: string; correct: number; total: number; passed: boolean; answers: Buffer };
    await each('quizResults', await rowsOf<QuizRow>('SELECT id, staff_id, taken_at, language, correct, total, passed, answers FROM quiz_results ORDER BY insert_seq'), (q) => {
      insertRow(file, 'quiz_results', { ...q, passed: flag(q.passed), answers: JSON.stringify(quizzes.openJson<unknown>(q.answers, 'answers', q.id)) });
    });
    type ScheduleRow = { id: string; channel: string; frequency: string; assignee_id: string; starts_on: string; active: boolean; ended_on: string | null; created_at: string; updated_at: string };
    await each('reviewSchedules', await rowsOf<ScheduleRow>('SELECT id, channel, frequency, assignee_id, starts_on, active, ended_on, created_at, updated_at FROM review_schedules ORDER BY created_at COLLATE "C", id COLLATE "C"'), (r) => {
      insertRow(file, 'review_schedules', { ...r, active: flag(r.active) });
    });
    const reviews = new SealedColumns(cipher, 'channel_reviews');
    type ReviewRow = { id: string; schedule_id: string; channel: Buffer; period_start: string; period_end: string; completed_at: string; completed_on: string; completed_by: string; notes: Buffer };
    await each('channelReviews', await rowsOf<ReviewRow>('SELECT id, schedule_id, channel, period_start, period_end, completed_at, completed_on, completed_by, notes FROM channel_reviews ORDER BY completed_at COLLATE "C", id COLLATE "C"'), (r) => {
      insertRow(file, 'channel_reviews', { ...r, channel: reviews.openJson<string>(r.channel, 'channel', r.id), notes: reviews.openJson<string>(r.notes, 'notes', r.id) });
    });
    const confirmations = new SealedColumns(cipher, 'channel_review_posts');
    type ConfirmationRow = { review_id: string; post_id: string; outcome: string; note: Buffer; covered: boolean; consent_status: string };
    for (const c of await rowsOf<ConfirmationRow>('SELECT review_id, post_id, outcome, note, covered, consent_status FROM channel_review_posts')) {
      insertRow(file, 'channel_review_posts', { ...c, note: confirmations.openJson<string>(c.note, 'note', `${c.review_id}:${c.post_id}`), covered: flag(c.covered) });
    }
    const removed = new SealedColumns(cipher, 'removed_comments');
    for (const c of await rowsOf<{ id: string; review_id: string; post_id: string | null; removed_on: string; note: Buffer }>('SELECT id, review_id, post_id, removed_on, note FROM removed_comments ORDER BY review_id COLLATE "C", id COLLATE "C"')) {
      insertRow(file, 'removed_comments', { ...c, note: removed.openJson<string>(c.note, 'note', c.id) });
    }
    const purges = new SealedColumns(cipher, 'authorization_purges');
    type PurgeRow = { authorization_id: string; patient_id: string; created_at: string; signed_at: string | null; revoked_at: string | null; sealed: Buffer; purged_at: string; purged_by: string };
    await each('purges', await rowsOf<PurgeRow>('SELECT authorization_id, patient_id, created_at, signed_at, revoked_at, sealed, purged_at, purged_by FROM authorization_purges ORDER BY insert_seq'), ({ sealed, ...p }) => {
      const x = purges.openJson<{ lastDayInEffect: string | null; keptThrough: string; pdfSha256: string | null; revocationPdfSha256: string | null }>(sealed, 'sealed', p.authorization_id)!;
      insertRow(file, 'authorization_purges', { ...p, last_day_in_effect: x.lastDayInEffect, kept_through: x.keptThrough, pdf_sha256: x.pdfSha256, revocation_pdf_sha256: x.revocationPdfSha256 });
    });

    // Schema 7's checked replies and post review threads (its incidents come with the posts they name).
    const replies = new SealedColumns(cipher, 'reply_checks');
    type ReplyRow = { id: string; checked_at: string; checked_by: string; reply: Buffer; decision: string; findings: Buffer };
    await each('replyChecks', await rowsOf<ReplyRow>('SELECT id, checked_at, checked_by, reply, decision, findings FROM reply_checks ORDER BY insert_seq'), (r) => {
      insertRow(file, 'reply_checks', { ...r, reply: replies.openJson<string>(r.reply, 'reply', r.id), findings: JSON.stringify(replies.openJson<unknown>(r.findings, 'findings', r.id)) });
    });
    const messages = new SealedColumns(cipher, 'post_review_messages');
    type MessageRow = { id: string; post_id: string; at: string; by_staff: string; kind: string; body: Buffer; content_sha256: Buffer };
    await each('postReviewMessages', await rowsOf<MessageRow>('SELECT id, post_id, at, by_staff, kind, body, content_sha256 FROM post_review_messages ORDER BY insert_seq'), (m) => {
      insertRow(file, 'post_review_messages', { ...m, body: messages.openJson<string>(m.body, 'body', m.id), content_sha256: messages.openJson<string>(m.content_sha256, 'content_sha256', m.id) });
    });

    // Schema 7's incidents (every note and the assessment as the text the file kept) and the documents made for them.
    const incidents = new SealedColumns(cipher, 'incidents');
    type IncidentRow = {
      id: string; trigger: string; state: string; opened_at: string; opened_by: string | null; discovered_on: string; discovery_note: Buffer; summary: Buffer;
      post_id: string | null; reply_check_id: string | null; reply: Buffer | null; patient_id: string | null; assessment: Buffer | null; assessed_at: string | null;
      assessed_by: string | null; decision: string | null; decision_rationale: Buffer | null; decided_at: string | null; decided_by: string | null;
      affected_count: number; largest_state_count: number; individual_notified_on: string | null; individual_note: Buffer; media_notified_on: string | null;
      media_note: Buffer; hhs_notified_on: string | null; hhs_note: Buffer; outcome: Buffer | null; closed_at: string | null; closed_by: string | null;
    };
    const incidentRows = await rowsOf<IncidentRow>(
      `SELECT id, trigger, state, opened_at, opened_by, discovered_on, discovery_note, summary, post_id, reply_check_id, reply, patient_id, assessment, assessed_at,
         assessed_by, decision, decision_rationale, decided_at, decided_by, affected_count, largest_state_count, individual_notified_on, individual_note,
         media_notified_on, media_note, hhs_notified_on, hhs_note, outcome, closed_at, closed_by
       FROM incidents ORDER BY insert_seq`,
    );
    await each('incidents', incidentRows, ({ reply, ...i }) => {
      const t = (column: 'discovery_note' | 'summary' | 'assessment' | 'decision_rationale' | 'individual_note' | 'media_note' | 'hhs_note' | 'outcome') => incidents.openJson<string>(i[column], column, i.id);
      const r = incidents.openJson<{ channel: string | null; url: string | null; postedOn: string | null }>(reply, 'reply', i.id);
      insertRow(file, 'incidents', {
        ...i,
        discovery_note: t('discovery_note'),
        summary: t('summary'),
        reply_channel: r?.channel ?? null,
        reply_url: r?.url ?? null,
        reply_posted_on: r?.postedOn ?? null,
        assessment: t('assessment'),
        decision_rationale: t('decision_rationale'),
        individual_note: t('individual_note'),
        media_note: t('media_note'),
        hhs_note: t('hhs_note'),
        outcome: t('outcome'),
      });
    });
    const documents = new SealedColumns(cipher, 'incident_documents');
    type DocumentRow = { id: string; incident_id: string; kind: string; language: string; created_at: string; created_by: string; pdf: Buffer; sha256: Buffer };
    await each('incidentDocuments', await rowsOf<DocumentRow>('SELECT id, incident_id, kind, language, created_at, created_by, pdf, sha256 FROM incident_documents ORDER BY insert_seq'), (d) => {
      insertRow(file, 'incident_documents', { ...d, pdf: documents.openBytes(d.pdf, 'pdf', d.id), sha256: documents.openJson<string>(d.sha256, 'sha256', d.id) });
    });

    // The audit chain verbatim, hashes included: each event must follow the one before and hash to what it says.
    const total = await countOf(server, 'audit_events');
    let head = { seq: 0, hash: genesisHash };
    for (;;) {
      const page = await auditEventsFromPg(server, cipher, head.seq + 1);
      if (page.length === 0) break;
      for (const event of page) {
        const { hash, ...content } = event;
        if (event.seq !== head.seq + 1 || event.prevHash !== head.hash || eventHash(content) !== hash) {
          throw new AppError('store_damaged', `The server's audit chain is broken at event ${event.seq}; no backup was written. Run \`consent-desk audit verify\` against the server.`);
        }
        insertRow(file, 'audit_events', {
          seq: event.seq,
          at: event.at,
          actor_id: event.actorId,
          actor_name: event.actorName,
          action: event.action,
          subject_type: event.subjectType,
          subject_id: event.subjectId,
          detail: event.detail,
          prev_hash: event.prevHash,
          hash,
        });
        head = { seq: event.seq, hash };
        await tick('auditEvents', total);
      }
    }
    // Last: the posts the server has yet to judge, exactly (the file's triggers marked every post they saw written).
    file.prepare('DELETE FROM post_coverage_stale').run();
    for (const { post_id } of await rowsOf<{ post_id: string }>('SELECT post_id FROM post_coverage_stale ORDER BY post_id COLLATE "C"')) insertRow(file, 'post_coverage_stale', { post_id });
    file.prepare('COMMIT').run();
  } catch (error) {
    if (file.inTransaction) file.prepare('ROLLBACK').run();
    throw error;
  } finally {
    file.pragma('foreign_keys = ON');
  }
  return counts;
}

export interface ServerBackupInput {
  /** A connection to the server (the app role reads everything a backup needs). */
  server: ClientBase;
  cipher: FieldCipher;
  /** The store's data key: the backup's database is encrypted with it, as the server's sealed fields are. */
  dataKey: Buffer;
  /** The backup's file (must not exist; its folder must). */
  target: string;
  now: Date;
  onProgress?: (p: BackupProgress) => void | Promise<void>;
  /** The file's schema steps (default: this version's). Tests pass a later schema, with a table nothing here copies. */
  migrations?: readonly Migration[];
}

export interface ServerBackup {
  info: BackupInfo;
  counts: BackupCounts;
  check: MoveCheck;
}

/**
 * Back up a server store to `target`: a fresh encrypted file beside it
 * (hidden name, private), the refusal while a table is not copied, then ONE
 * REPEATABLE READ READ ONLY snapshot for the keyring, the copy and the check
 * (`checkMovedStore`, the file against the server); the copy then passes
 * today's backup checks (integrity, audit chain, schema) and is packed in
 * today's format, synced, and only then named `target`. Any failure leaves
 * nothing under `target` and removes the work files.
 */
/** A backup is written only into a folder that exists, under a name that does not (nothing is overwritten). */
export function refuseBackupTarget(target: string): void {
  const dir = path.dirname(target);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new AppError('validation', `The folder ${dir} does not exist.`);
  if (fs.existsSync(target)) throw new AppError('conflict', `${target} already exists; choose another name.`);
}

export async function backupServerStore(input: ServerBackupInput): Promise<ServerBackup> {
  refuseBackupTarget(input.target);
  const tmpDb = partialNameFor(input.target, 'db.partial');
  const tmpZip = partialNameFor(input.target, 'partial');
  const work = [tmpDb, `${tmpDb}-wal`, `${tmpDb}-shm`, `${tmpDb}-journal`, tmpZip];
  let file: Db | undefined;
  let inSnapshot = false;
  try {
    // The keyring comes first, from the snapshot, for the file's cipher; the file is made before anything else is read.
    await input.server.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    inSnapshot = true;
    const keyring: Keyring | null = await createPgKeyringRepository(input.cipher).readKeyring(input.server);
    if (!keyring) throw new AppError('not_found', 'The server holds no Consent Desk store (it has no key file). Nothing was written.');
    fs.closeSync(fs.openSync(tmpDb, 'wx', 0o600));
    file = openDatabase(tmpDb, input.dataKey, { cipher: keyring.cipher, create: true });
    file.pragma('auto_vacuum = FULL');
    configureConnection(file);
    migrate(file, tmpDb, input.migrations);
    const notCopied = tablesNotCopied(file);
    if (notCopied.length) throw new AppError('validation', notCopiedMessage(notCopied));

    const counts = await copyServerToFile(input.server, input.cipher, file, input.onProgress);
    const dangling = file.pragma('foreign_key_check') as { table: string }[];
    if (dangling.length) throw new AppError('store_damaged', `The copy of the server refers to records it does not hold (in ${[...new Set(dangling.map((d) => d.table))].join(', ')}); no backup was written.`);
    const check = await checkMovedStore(file, input.cipher, input.server, { keyring }, { inCallersSnapshot: true });
    await input.server.query('COMMIT');
    inSnapshot = false;
    if (!check.ok) throw new AppError('store_damaged', `The backup does not match the server: ${check.problems.join('; ')} Nothing was written.`);

    file.pragma('wal_checkpoint(TRUNCATE)');
    file.pragma('journal_mode = DELETE');
    const checked = checkBackupDatabase(file, tmpDb);
    const writeCounter = file.prepare('SELECT write_counter FROM store_meta WHERE id = 1').pluck().get() as number;
    file.close();
    file = undefined;
    const { sha256, bytes } = await sha256OfFile(tmpDb);
    const meta: BackupMeta = {
      format: 'consent-desk-backup',
      version: 1,
      createdAt: input.now.toISOString(),
      appVersion,
      storeId: keyring.storeId,
      keyEpoch: keyring.keyEpoch,
      cipher: keyring.cipher,
      schemaVersion: checked.schemaVersion,
      database: { sha256, bytes },
      auditHead: checked.auditHead,
      writeCounter,
      trigger: 'manual',
    };
    await packBackup({ database: tmpDb, keyring, meta, partial: tmpZip, target: input.target, mtime: input.now });
    return { info: infoOf(meta, input.target, fs.statSync(input.target).size), counts, check };
  } finally {
    if (inSnapshot) await input.server.query('ROLLBACK').catch(() => undefined);
    if (file?.open) file.close();
    for (const f of work) fs.rmSync(f, { force: true });
  }
}

async function sha256OfFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}
