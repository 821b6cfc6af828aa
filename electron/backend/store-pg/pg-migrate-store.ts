import crypto from 'node:crypto';
import type { ClientBase } from 'pg';
import type { ChainVerification } from '../../../shared/audit';
import type { Patient } from '../../../shared/patients';
import { toEvent, verifyAuditChain, type AuditRow } from '../audit/audit-log';
import { keptVerdict } from '../posts/kept-coverage';
import { getAuthorization, listAuthorizations, type AuthorizationRecord } from '../repositories/authorization-repository';
import { getPatient } from '../repositories/patient-repository';
import { getPost, listPosts } from '../repositories/post-repository';
import { allCertificates } from '../repositories/certificate-history';
import { activeCertificate } from '../repositories/certificate-repository';
import { getPolicyDraft, listAcknowledgments, listPolicyVersions } from '../repositories/policy-repository';
import { latestPresets, presetVersions } from '../repositories/scope-preset-repository';
import { getStaffById, listStaff } from '../repositories/staff-repository';
import { getTemplate, listTemplates } from '../repositories/template-repository';
import { getMedia, getTestimonial, listTestimonials } from '../repositories/testimonial-repository';
import type { Db } from '../store/database';
import type { Keyring } from '../store/keyring';
import type { FieldCipher } from './field-crypto';
import { importAuditEventPg, walkAuditChainPg } from './pg-audit-log';
import { createPgConsentRepository, importAuthorizationPg } from './pg-consent-repository';
import { getPatientPg, insertPatientPg } from './pg-patient-repository';
import { createPgPostRepository, importPostPg } from './pg-post-repository';
import { createPgCertificateRepository, createPgPatientCopyRepository, createPgScopePresetRepository, createPgTemplateRepository, importCertificatePg } from './pg-practice-repository';
import { checkIncidentRecords, copyIncidentRecords, noIncidentRecordsMoved, type IncidentMovedCounts } from './pg-migrate-program-incidents';
import { createPgPolicyRepository } from './pg-program-repository';
import { checkProgramReviews, copyProgramReviews, noProgramReviewsMoved, type ProgramReviewSteps } from './pg-migrate-program-reviews';
import { createFoundationSchema, foundationSchemaSql } from './pg-schema';
import { createPgKeyringRepository, createPgStaffRepository, putSettingTextPg, settingTextPg } from './pg-staff-repository';
import { createPgTestimonialRepository } from './pg-testimonial-repository';

/**
 * The core of `consent-desk migrate-store`: copy an encrypted SQLite store's
 * staff, settings, key slots and retired data keys, its templates, scope
 * presets, signing certificates and patient copies, the compliance
 * program's policy (versions, draft, acknowledgments), its shared records
 * (patients, authorizations, testimonials with media, posts with their kept
 * verdicts), schema 6's records (training, channel reviews, retention purges,
 * the store's meta row: pg-migrate-program-reviews.ts) and its audit chain into an empty PostgreSQL
 * store, sealing every PHI part on the way, in ONE transaction (a failure or
 * a kill leaves the server's tables empty), then check the copy against the
 * source. The source is only read.
 *
 * The compliance program's checked replies, review schedules, post review
 * threads, incidents and their documents (schema 7) are moved and checked
 * by pg-migrate-program-incidents.ts.
 *
 * Not moved yet (they stay on the workstation until their tables have a
 * PostgreSQL dialect): disclosure bases.
 */

/** Schema 6's steps (trainingSessions … purges) come from pg-migrate-program-reviews.ts, schema 7's from pg-migrate-program-incidents.ts. */
export interface MovedCounts extends IncidentMovedCounts, Record<ProgramReviewSteps, number> {
  staff: number;
  settings: number;
  keySlots: number;
  retiredDataKeys: number;
  templates: number;
  scopePresets: number;
  certificates: number;
  patientCopies: number;
  policyVersions: number;
  policyAcknowledgments: number;
  patients: number;
  authorizations: number;
  testimonials: number;
  media: number;
  posts: number;
  auditEvents: number;
}

export type MoveProgress = { step: keyof MovedCounts; done: number; total: number };

export interface MoveCheck {
  ok: boolean;
  /** What differs, in words (empty when ok). */
  problems: string[];
  source: ChainVerification;
  target: ChainVerification;
}

const idsOf = (db: Db, table: string): string[] => db.prepare(`SELECT id FROM ${table} ORDER BY rowid`).pluck().all() as string[];

/** What is moved beside the database: the key file (its slots open the same data key on the server). */
export interface MoveSource {
  keyring?: Keyring | null;
}

type PresetRow = { id: string; version: number; name: string; scope: string; duration: string; retired: number; createdAt: string; createdBy: string };
const presetRows = (db: Db) =>
  db.prepare('SELECT id, version, name, scope, duration, retired, created_at AS createdAt, created_by AS createdBy FROM scope_presets ORDER BY rowid').all() as PresetRow[];
const certificateRows = (db: Db) => db.prepare('SELECT id, active, created_at AS createdAt FROM practice_certificates ORDER BY rowid').all() as { id: string; active: number; createdAt: string }[];
type CopyRow = { id: string; authorizationId: string; method: 'printed' | 'saved' | 'declined'; recordedAt: string; recordedBy: string };
const copyRows = (db: Db) =>
  db.prepare('SELECT id, authorization_id AS authorizationId, method, recorded_at AS recordedAt, recorded_by AS recordedBy FROM patient_copies ORDER BY rowid').all() as CopyRow[];
/** A certificate of the file by id (certificate-history lists them all, in the order the file keeps them). */
const certificateOf = (db: Db, id: string) => {
  const row = db.prepare('SELECT certificate_der, private_key_pkcs8, subject, issuer, fingerprint_sha256, not_before, not_after, source FROM practice_certificates WHERE id = ?').get(id) as
    | { certificate_der: Buffer; private_key_pkcs8: Buffer; subject: string; issuer: string; fingerprint_sha256: string; not_before: string; not_after: string; source: 'generated' | 'imported' }
    | undefined;
  return {
    certificateDer: row!.certificate_der,
    privateKeyPkcs8: row!.private_key_pkcs8,
    info: { subject: row!.subject, issuer: row!.issuer, fingerprintSha256: row!.fingerprint_sha256, notBefore: row!.not_before, notAfter: row!.not_after, source: row!.source },
  };
};

type PolicyRow = { id: string; version: number; text: string; textSha256: string; publishedAt: string; publishedBy: string };
const policyRows = (db: Db) =>
  db.prepare('SELECT id, version, text, text_sha256 AS textSha256, published_at AS publishedAt, published_by AS publishedBy FROM policy_versions ORDER BY rowid').all() as PolicyRow[];
const acknowledgmentRows = (db: Db) =>
  db
    .prepare('SELECT id, staff_id AS staffId, version_id AS versionId, acknowledged_at AS acknowledgedAt, acknowledged_on AS acknowledgedOn, language, text_sha256 AS textSha256, workstation FROM policy_acknowledgments ORDER BY rowid')
    .all() as { id: string; staffId: string; versionId: string; acknowledgedAt: string; acknowledgedOn: string; language: string; textSha256: string; workstation: string }[];

const settingRows = (db: Db) => db.prepare('SELECT key, value FROM settings ORDER BY key').all() as { key: string; value: string }[];
const retiredKeyRows = (db: Db) =>
  db.prepare('SELECT key_epoch AS keyEpoch, data_key AS dataKey, retired_at AS retiredAt FROM data_key_history ORDER BY key_epoch').all() as { keyEpoch: number; dataKey: Buffer; retiredAt: string }[];

/** Copy everything in one transaction on `target` (the app role's connection, schema already created). */
export async function copyStoreToPg(
  db: Db,
  cipher: FieldCipher,
  target: ClientBase,
  onProgress?: (p: MoveProgress) => void | Promise<void>,
  source: MoveSource = {},
): Promise<MovedCounts> {
  await target.query('BEGIN');
  try {
    const counts = await copyRecords(db, cipher, target, onProgress, source);
    await target.query('COMMIT');
    return counts;
  } catch (error) {
    await target.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The copy itself, inside a transaction the caller holds open on `target`. */
async function copyRecords(
  db: Db,
  cipher: FieldCipher,
  target: ClientBase,
  onProgress: ((p: MoveProgress) => void | Promise<void>) | undefined,
  source: MoveSource,
): Promise<MovedCounts> {
  const testimonialsPg = createPgTestimonialRepository(cipher);
  const postsPg = createPgPostRepository(cipher);
  const staffPg = createPgStaffRepository(cipher);
  const keyringPg = createPgKeyringRepository(cipher);
  const templatesPg = createPgTemplateRepository(cipher);
  const presetsPg = createPgScopePresetRepository(cipher);
  const copiesPg = createPgPatientCopyRepository(cipher);
  const counts: MovedCounts = { staff: 0, settings: 0, keySlots: 0, retiredDataKeys: 0, templates: 0, scopePresets: 0, certificates: 0, patientCopies: 0, policyVersions: 0, policyAcknowledgments: 0, patients: 0, authorizations: 0, testimonials: 0, media: 0, posts: 0, auditEvents: 0, ...noIncidentRecordsMoved(), ...noProgramReviewsMoved };
  // Rows go in the source's insertion order, so lists whose timestamps tie keep their order.
  const each = async <T>(step: keyof MovedCounts, items: T[], copy: (item: T) => Promise<void>) => {
    for (const item of items) {
      await copy(item);
      counts[step] += 1;
      if (counts[step] % 200 === 0 || counts[step] === items.length) await onProgress?.({ step, done: counts[step], total: items.length });
    }
  };
  // One snapshot of the source: a backend writing to it meanwhile cannot tear the copy.
  db.prepare('BEGIN').run();
  try {
    {
      await each('staff', idsOf(db, 'staff'), (id) => staffPg.insertStaff(target, getStaffById(db, id)!));
      // Each value's JSON text as the file holds it, sealed under its key.
      await each('settings', settingRows(db), ({ key, value }) => putSettingTextPg(target, cipher, key, value));
      if (source.keyring) {
        await keyringPg.createKeyring(target, { ...source.keyring, slots: [] });
        await each('keySlots', source.keyring.slots, (slot) => keyringPg.putSlot(target, slot));
      }
      await each('retiredDataKeys', retiredKeyRows(db), (k) => keyringPg.retireDataKey(target, k.keyEpoch, k.dataKey, k.retiredAt));
      await each('templates', idsOf(db, 'templates'), (id) => templatesPg.importTemplate(target, getTemplate(db, id)!));
      await each('scopePresets', presetRows(db), (p) =>
        presetsPg.insertPresetVersion(target, { id: p.id, version: p.version, name: p.name, scope: JSON.parse(p.scope), duration: JSON.parse(p.duration), retired: p.retired === 1, createdAt: p.createdAt, createdBy: p.createdBy }),
      );
      await each('certificates', certificateRows(db), (c) => importCertificatePg(target, cipher, { id: c.id, bundle: certificateOf(db, c.id), active: c.active === 1, createdAt: c.createdAt }));
      const policyPg = createPgPolicyRepository(cipher);
      // Each version's text as the file holds it (its hashes were made of it when it was published).
      await each('policyVersions', policyRows(db), (v) => policyPg.importPolicyVersion(target, v));
      const draft = db.prepare('SELECT text, updated_at AS at, updated_by AS by FROM policy_draft WHERE id = 1').get() as { text: string; at: string; by: string } | undefined;
      if (draft) await policyPg.savePolicyDraft(target, JSON.parse(draft.text), draft.at, draft.by);
      await each('policyAcknowledgments', acknowledgmentRows(db), (a) => policyPg.insertAcknowledgment(target, a));
      await each('patients', idsOf(db, 'patients'), (id) => insertPatientPg(target, cipher, getPatient(db, id)!));
      await each('authorizations', idsOf(db, 'authorizations'), async (id) => {
        const blobs = db
          .prepare(
            `SELECT signature_png AS signaturePng, pdf, paper_scan AS paperScan, revocation_scan AS revocationScan, revocation_pdf AS revocationPdf,
               expiration_event_by AS expirationEventBy, revocation_scan_type AS revocationScanType,
               revocation_scan_sha256 AS revocationScanSha256 FROM authorizations WHERE id = ?`,
          )
          .get(id) as Parameters<typeof importAuthorizationPg>[3];
        await importAuthorizationPg(target, cipher, getAuthorization(db, id)!, blobs);
      });
      await each('patientCopies', copyRows(db), (c) => copiesPg.insertPatientCopy(target, c));
      const testimonialRows = db.prepare('SELECT id, created_by AS createdBy FROM testimonials ORDER BY rowid').all() as { id: string; createdBy: string }[];
      await each('testimonials', testimonialRows, async ({ id, createdBy }) => {
        const t = getTestimonial(db, id)!;
        await testimonialsPg.insertTestimonial(target, { id, patientId: t.patientId, title: t.title, quote: t.quote, createdAt: t.createdAt, createdBy });
      });
      const mediaRows = db.prepare('SELECT id, thumbnail, created_by AS createdBy FROM media ORDER BY rowid').all() as { id: string; thumbnail: Buffer | null; createdBy: string }[];
      await each('media', mediaRows, async ({ id, thumbnail, createdBy }) => {
        const { thumbnail: _dataUrl, ...media } = getMedia(db, id)!;
        await testimonialsPg.insertMedia(target, { ...media, thumbnail, createdBy });
      });
      const postRows = db
        .prepare(
          'SELECT id, created_by AS createdBy, approved_by AS approvedBy, taken_down_by AS takenDownBy, identifiers_approved_by AS identifiersApprovedBy FROM posts ORDER BY rowid',
        )
        .all() as ({ id: string } & Parameters<typeof importPostPg>[3])[];
      await each('posts', postRows, async ({ id, ...staff }) => {
        await importPostPg(target, cipher, getPost(db, id)!, staff);
        const verdict = keptVerdict(db, id);
        if (verdict) await postsPg.keepVerdict(target, id, verdict);
      });
      // The posts the source had yet to judge stay to be judged; the others keep the verdict copied with them.
      const stale = db.prepare('SELECT post_id FROM post_coverage_stale').pluck().all() as string[];
      await target.query('DELETE FROM post_coverage_stale WHERE NOT (post_id = ANY($1::text[]))', [stale]);
      // Schema 6 (after the posts its reviews and purges name).
      await copyProgramReviews(db, cipher, target, each);
      // Schema 7: checked replies, review schedules, post review threads, incidents and their documents.
      await copyIncidentRecords(db, cipher, target, each);
      const events = db.prepare('SELECT * FROM audit_events ORDER BY seq').all() as AuditRow[];
      await each('auditEvents', events, (row) => importAuditEventPg(target, cipher, toEvent(row)));
    }
  } finally {
    db.prepare('ROLLBACK').run();
  }
  return counts;
}

const withoutVersion = <T extends { rowVersion: number }>({ rowVersion: _v, ...rest }: T) => rest;
const sha256 = (b: Buffer | null) => (b === null ? null : crypto.createHash('sha256').update(b).digest('hex'));

/**
 * Check a moved store against its source, from one snapshot of each: the
 * audit chain verifies on both and ends at the same head; the staff list,
 * every setting's text, the keyring (when given) and every retired data key
 * are the same; every patient,
 * authorization, testimonial and post reads back identical, byte for byte as
 * JSON; every PDF, signature image and scan has the same SHA-256.
 */
export async function checkMovedStore(
  db: Db,
  cipher: FieldCipher,
  target: ClientBase,
  beside: MoveSource = {},
  /** The caller already holds a REPEATABLE READ transaction on `target` (a backup checks its copy from the snapshot it copied) and ends it. */
  options: { inCallersSnapshot?: boolean } = {},
): Promise<MoveCheck> {
  const own = !options.inCallersSnapshot;
  const consentsPg = createPgConsentRepository(cipher);
  const staffPg = createPgStaffRepository(cipher);
  const keyringPg = createPgKeyringRepository(cipher);
  const testimonialsPg = createPgTestimonialRepository(cipher);
  const postsPg = createPgPostRepository(cipher);
  const problems: string[] = [];
  const same = (what: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`${what} differ${what.endsWith('s') ? '' : 's'} between the file and the server.`);
  };
  db.prepare('BEGIN').run();
  if (own) await target.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const source = verifyAuditChain(db);
    const moved = await walkAuditChainPg(target, cipher);
    if (!source.intact) problems.push(`The file's audit chain does not verify: ${source.problem}`);
    if (!moved.intact) problems.push(`The server's audit chain does not verify: ${moved.problem}`);
    if (source.intact && moved.intact && (source.headSeq !== moved.headSeq || source.headHash !== moved.headHash)) {
      problems.push(`The audit chains end at different events (file ${source.headSeq}, server ${moved.headSeq}).`);
    }

    same('Staff members', listStaff(db), await staffPg.listStaff(target));
    const fileSettings = settingRows(db);
    const serverSettings: { key: string; value: string | undefined }[] = [];
    for (const key of (await target.query<{ key: string }>('SELECT key FROM settings ORDER BY key COLLATE "C"')).rows.map((r) => r.key)) {
      serverSettings.push({ key, value: await settingTextPg(target, cipher, key) });
    }
    same('Settings', fileSettings, serverSettings);
    if (beside.keyring) same('Key slots', beside.keyring, await keyringPg.readKeyring(target));
    const retired = retiredKeyRows(db);
    const serverRetired = Number((await target.query<{ n: string }>('SELECT count(*) AS n FROM data_key_history')).rows[0]!.n);
    if (serverRetired !== retired.length) problems.push(`The server holds ${serverRetired} retired data keys; the file ${retired.length}.`);
    for (const k of retired) {
      if (sha256(k.dataKey) !== sha256(await keyringPg.retiredDataKey(target, k.keyEpoch))) problems.push(`The retired data key of epoch ${k.keyEpoch} differs between the file and the server.`);
    }

    same('Templates', listTemplates(db), await createPgTemplateRepository(cipher).listTemplates(target));
    const presetsPg = createPgScopePresetRepository(cipher);
    same('Scope presets', latestPresets(db), await presetsPg.latestPresets(target));
    const presetIds = [...new Set(presetRows(db).map((p) => p.id))];
    const movedVersions: unknown[] = [];
    for (const id of presetIds) movedVersions.push(await presetsPg.presetVersions(target, id));
    same('Scope preset versions', presetIds.map((id) => presetVersions(db, id)), movedVersions);
    const certificatesPg = createPgCertificateRepository(cipher);
    same('Signing certificates', [allCertificates(db), activeCertificate(db) ?? null], [await certificatesPg.allCertificates(target), (await certificatesPg.activeCertificate(target)) ?? null]);
    const serverCopies = (
      await target.query<CopyRow>('SELECT id, authorization_id AS "authorizationId", method, recorded_at AS "recordedAt", recorded_by AS "recordedBy" FROM patient_copies ORDER BY insert_seq')
    ).rows;
    same('Patient copy entries', copyRows(db), serverCopies);
    const policyPg = createPgPolicyRepository(cipher);
    same('Policy versions', listPolicyVersions(db, 'UTC'), await policyPg.listPolicyVersions(target, 'UTC'));
    same('Policy drafts', getPolicyDraft(db), await policyPg.getPolicyDraft(target));
    same('Policy acknowledgments', listAcknowledgments(db), await policyPg.listAcknowledgments(target));

    const patients = idsOf(db, 'patients');
    const movedPatients: Patient[] = [];
    for (const id of patients) {
      const p = await getPatientPg(target, cipher, id);
      if (p) movedPatients.push(withoutVersion(p));
    }
    same('Patients', patients.map((id) => getPatient(db, id)), movedPatients);
    const serverPatients = Number((await target.query<{ n: string }>('SELECT count(*) AS n FROM patients')).rows[0]!.n);
    if (serverPatients !== patients.length) problems.push(`The server holds ${serverPatients} patients; the file ${patients.length}.`);

    const fileConsents = listAuthorizations(db);
    const serverConsents = (await consentsPg.listAuthorizations(target)).map(withoutVersion);
    same('Authorizations', fileConsents, serverConsents);
    const blobsOf = (r: AuthorizationRecord) =>
      db.prepare('SELECT signature_png, pdf, paper_scan, revocation_pdf FROM authorizations WHERE id = ?').raw(true).get(r.id) as (Buffer | null)[];
    for (const r of fileConsents) {
      const [signaturePng, pdf, paperScan, revocationPdf] = blobsOf(r).map((b) => sha256(b));
      same(`The signed documents of authorization ${r.id}`, [signaturePng, pdf, paperScan, revocationPdf], [
        sha256(await consentsPg.signatureImage(target, r.id)),
        sha256(await consentsPg.authorizationPdf(target, r.id)),
        sha256((await consentsPg.paperScan(target, r.id))?.bytes ?? null),
        sha256(await consentsPg.revocationPdf(target, r.id)),
      ]);
    }

    same('Testimonials', listTestimonials(db), (await testimonialsPg.listTestimonials(target)).map(withoutVersion));
    for (const id of idsOf(db, 'media')) {
      if (sha256(getMedia(db, id)!.data) !== sha256((await testimonialsPg.getMedia(target, id))?.data ?? null)) problems.push(`Photo or video ${id} differs between the file and the server.`);
    }
    const filePosts = listPosts(db);
    same('Posts', filePosts, (await postsPg.listPosts(target)).map(withoutVersion));
    const verdicts: unknown[] = [];
    for (const p of filePosts) verdicts.push(await postsPg.keptVerdict(target, p.id));
    same('Kept coverage verdicts', filePosts.map((p) => keptVerdict(db, p.id)), verdicts);
    await checkProgramReviews(db, cipher, target, same);
    // Schema 7: incidents are compared as read on one day (their clocks are computed from it).
    await checkIncidentRecords(db, cipher, target, same, new Date().toISOString().slice(0, 10));
    if (own) await target.query('COMMIT');
    return { ok: problems.length === 0, problems, source, target: moved };
  } catch (error) {
    if (own) await target.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    db.prepare('ROLLBACK').run();
  }
}

/**
 * Move a store: create the schema as its owner (refused if the database
 * already holds one), copy as the app role, then check. Returns the counts
 * and the check; a failed check leaves the copy in place for inspection and
 * the source untouched.
 */
export async function moveStoreToPg(
  db: Db,
  cipher: FieldCipher,
  server: { owner: ClientBase; app: ClientBase; appRole: string },
  onProgress?: (p: MoveProgress) => void | Promise<void>,
  source: MoveSource = {},
): Promise<{ counts: MovedCounts; check: MoveCheck }> {
  await createFoundationSchema(server.owner, server.appRole);
  const counts = await copyStoreToPg(db, cipher, server.app, onProgress, source);
  return { counts, check: await checkMovedStore(db, cipher, server.app, source) };
}

/**
 * Move a store as the schema's owner alone (the `migrate-store` command):
 * the schema and every record in ONE transaction, so a failure or a kill at
 * any point leaves the database as it was, empty, and the command can simply
 * be run again. The app role is granted its rights by the schema. Refuses a
 * database that holds any table (nothing is dropped or overwritten).
 */
export async function moveStoreToPgAsOwner(
  db: Db,
  cipher: FieldCipher,
  owner: ClientBase,
  appRole: string,
  onProgress?: (p: MoveProgress) => void | Promise<void>,
  source: MoveSource = {},
): Promise<{ counts: MovedCounts; check: MoveCheck }> {
  await owner.query('BEGIN');
  let counts: MovedCounts;
  try {
    await owner.query(foundationSchemaSql(appRole));
    counts = await copyRecords(db, cipher, owner, onProgress, source);
    await owner.query('COMMIT');
  } catch (error) {
    await owner.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return { counts, check: await checkMovedStore(db, cipher, owner, source) };
}
