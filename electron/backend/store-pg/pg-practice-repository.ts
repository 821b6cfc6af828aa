import type { ClientBase } from 'pg';
import { AppError } from '../../../shared/errors';
import type { PatientCopyMethod } from '../../../shared/authorization/patient-copy';
import type { Language, Scope } from '../../../shared/authorization/scope';
import type { PresetDuration, ScopePreset } from '../../../shared/authorization/scope-preset';
import { templateTextSchema, type AuthorizationTemplate } from '../../../shared/authorization/template';
import type { PracticeCertificate } from '../../../shared/certificate';
import type { CertificateBundle } from '../crypto/practice-certificate';
import type { FieldCipher } from './field-crypto';
import { SealedColumns } from './sealed-columns';
import {
  noActiveTemplateMessage,
  presetVersionTakenMessage,
  templateVersionTakenMessage,
  type CertificateRepository,
  type PatientCopyRepository,
  type PracticeRecords,
  type ScopePresetRepository,
  type TemplateRepository,
} from './store-interface-practice';

/**
 * Templates, scope presets, patient copies and certificates on PostgreSQL
 * (schema: pg-practice-schema.ts). What the SQLite side joins from staff (a
 * preset's author, who recorded a copy) is opened here from the staff row's
 * sealed part; what SQLite sorts by a sealed value (preset names) the
 * workstation sorts, as NOCASE would.
 */

const isUniqueViolation = (error: unknown, constraint: string) => {
  const e = error as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === constraint;
};

/** SQLite's NOCASE: A-Z folded, then the UTF-8 bytes compared. */
const nocaseKey = (text: string) => Buffer.from(text.replace(/[A-Z]/g, (c) => c.toLowerCase()), 'utf8');

/** A staff member's display name from their sealed row (pg-staff-repository.ts seals it so). */
function staffNameOf(staff: SealedColumns, id: string | null, sealed: Buffer | null): string | null {
  if (id === null || sealed === null) return null;
  return staff.openJson<{ displayName: string }>(sealed, 'sealed', id)!.displayName;
}

type TemplateRow = { id: string; language: Language; version: number; text: Buffer; active: boolean; created_at: string };

export function createPgTemplateRepository(cipher: FieldCipher): TemplateRepository<ClientBase> & { importTemplate(client: ClientBase, t: AuthorizationTemplate): Promise<void> } {
  const sealed = new SealedColumns(cipher, 'templates');
  const open = (row: TemplateRow): AuthorizationTemplate => ({
    id: row.id,
    language: row.language,
    version: row.version,
    active: row.active,
    createdAt: row.created_at,
    text: templateTextSchema.parse(JSON.parse(sealed.openBytes(row.text, 'text', row.id)!.toString('utf8'))),
  });
  const columns = 'id, language, version, text, active, created_at';
  const insert = async (client: ClientBase, t: { id: string; language: Language; version: number; text: string; active: boolean; createdAt: string }) => {
    try {
      await client.query('INSERT INTO templates (id, language, version, text, active, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
        t.id,
        t.language,
        t.version,
        sealed.sealBytes(Buffer.from(t.text, 'utf8'), 'text', t.id),
        t.active,
        t.createdAt,
      ]);
    } catch (error) {
      if (isUniqueViolation(error, 'templates_language_version_key') || isUniqueViolation(error, 'templates_one_active')) throw new AppError('conflict', templateVersionTakenMessage);
      throw error;
    }
  };
  const getTemplate = async (client: ClientBase, id: string) => {
    const row = (await client.query<TemplateRow>(`SELECT ${columns} FROM templates WHERE id = $1`, [id])).rows[0];
    return row && open(row);
  };
  return {
    async listTemplates(client) {
      return (await client.query<TemplateRow>(`SELECT ${columns} FROM templates ORDER BY language COLLATE "C", version DESC`)).rows.map(open);
    },
    getTemplate,
    async activeTemplate(client, language) {
      const row = (await client.query<TemplateRow>(`SELECT ${columns} FROM templates WHERE language = $1 AND active`, [language])).rows[0];
      if (!row) throw new AppError('not_found', noActiveTemplateMessage(language));
      return open(row);
    },
    async publishTemplate(client, id, language, text, createdAt) {
      const next = (await client.query<{ next: number }>('SELECT coalesce(max(version), 0) + 1 AS next FROM templates WHERE language = $1', [language])).rows[0]!.next;
      await client.query('UPDATE templates SET active = false WHERE language = $1 AND active', [language]);
      await insert(client, { id, language, version: next, text: JSON.stringify(text), active: true, createdAt });
      return (await getTemplate(client, id))!;
    },
    /** migrate-store: a version as the file holds it (its text through JSON again: the schema's parse is what both engines read). */
    importTemplate: (client, t) => insert(client, { id: t.id, language: t.language, version: t.version, text: JSON.stringify(t.text), active: t.active, createdAt: t.createdAt }),
  };
}

type PresetRow = { id: string; version: number; sealed: Buffer; retired: boolean; created_at: string; created_by: string; staff_sealed: Buffer | null };
type PresetSealed = { name: string; scope: Scope; duration: PresetDuration };

export function createPgScopePresetRepository(cipher: FieldCipher): ScopePresetRepository<ClientBase> {
  const sealed = new SealedColumns(cipher, 'scope_presets');
  const staff = new SealedColumns(cipher, 'staff');
  const open = (row: PresetRow): ScopePreset => {
    const s = sealed.openJson<PresetSealed>(row.sealed, 'sealed', `${row.id}:${row.version}`)!;
    return {
      id: row.id,
      version: row.version,
      name: s.name,
      scope: s.scope,
      duration: s.duration,
      retired: row.retired,
      createdAt: row.created_at,
      createdByName: staffNameOf(staff, row.staff_sealed === null ? null : row.created_by, row.staff_sealed) ?? '',
    };
  };
  const select = 'SELECT p.id, p.version, p.sealed, p.retired, p.created_at, p.created_by, s.sealed AS staff_sealed FROM scope_presets p LEFT JOIN staff s ON s.id = p.created_by';
  const presetVersions = async (client: ClientBase, id: string) => (await client.query<PresetRow>(`${select} WHERE p.id = $1 ORDER BY p.version`, [id])).rows.map(open);
  return {
    async latestPresets(client) {
      const rows = (await client.query<PresetRow>(`${select} WHERE p.version = (SELECT max(version) FROM scope_presets q WHERE q.id = p.id)`)).rows.map(open);
      return rows
        .map((p) => [nocaseKey(p.name), Buffer.from(p.id, 'utf8'), p] as const)
        .sort(([a, aid], [b, bid]) => Buffer.compare(a, b) || Buffer.compare(aid, bid))
        .map(([, , p]) => p);
    },
    presetVersions,
    latestPreset: async (client, id) => (await presetVersions(client, id)).at(-1),
    async insertPresetVersion(client, p) {
      try {
        await client.query('INSERT INTO scope_presets (id, version, sealed, retired, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6)', [
          p.id,
          p.version,
          sealed.sealJson<PresetSealed>({ name: p.name, scope: p.scope, duration: p.duration }, 'sealed', `${p.id}:${p.version}`),
          p.retired,
          p.createdAt,
          p.createdBy,
        ]);
      } catch (error) {
        if (isUniqueViolation(error, 'scope_presets_pkey')) throw new AppError('conflict', presetVersionTakenMessage);
        throw error;
      }
    },
  };
}

export function createPgPatientCopyRepository(cipher: FieldCipher): PatientCopyRepository<ClientBase> {
  const staff = new SealedColumns(cipher, 'staff');
  return {
    async insertPatientCopy(client, e) {
      await client.query('INSERT INTO patient_copies (id, authorization_id, method, recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5)', [
        e.id,
        e.authorizationId,
        e.method,
        e.recordedAt,
        e.recordedBy,
      ]);
    },
    async latestPatientCopy(client, authorizationId) {
      const row = (
        await client.query<{ method: PatientCopyMethod; recorded_at: string; recorded_by: string; staff_sealed: Buffer }>(
          `SELECT c.method, c.recorded_at, c.recorded_by, s.sealed AS staff_sealed FROM patient_copies c JOIN staff s ON s.id = c.recorded_by
            WHERE c.authorization_id = $1 ORDER BY c.recorded_at DESC, c.insert_seq DESC LIMIT 1`,
          [authorizationId],
        )
      ).rows[0];
      return row ? { method: row.method, recordedAt: row.recorded_at, recordedBy: { staffId: row.recorded_by, displayName: staffNameOf(staff, row.recorded_by, row.staff_sealed)! } } : null;
    },
  };
}

type CertificateRow = { id: string; certificate_der: Buffer; private_key_pkcs8: Buffer; sealed: Buffer; not_after: string; source: PracticeCertificate['source'] };
type CertificateSealed = Omit<PracticeCertificate, 'notAfter' | 'source'>;

export function createPgCertificateRepository(cipher: FieldCipher): CertificateRepository<ClientBase> {
  const sealed = new SealedColumns(cipher, 'practice_certificates');
  const open = (row: CertificateRow): CertificateBundle => {
    const s = sealed.openJson<CertificateSealed>(row.sealed, 'sealed', row.id)!;
    return {
      certificateDer: sealed.openBytes(row.certificate_der, 'certificate_der', row.id)!,
      privateKeyPkcs8: sealed.openBytes(row.private_key_pkcs8, 'private_key_pkcs8', row.id)!,
      info: { subject: s.subject, issuer: s.issuer, fingerprintSha256: s.fingerprintSha256, notBefore: s.notBefore, notAfter: row.not_after, source: row.source },
    };
  };
  const columns = 'id, certificate_der, private_key_pkcs8, sealed, not_after, source';
  return {
    async activeCertificate(client) {
      const row = (await client.query<CertificateRow>(`SELECT ${columns} FROM practice_certificates WHERE active`)).rows[0];
      return row && open(row);
    },
    async activateCertificate(client, id, bundle, createdAt) {
      const { subject, issuer, fingerprintSha256, notBefore, notAfter, source } = bundle.info;
      await client.query('UPDATE practice_certificates SET active = false WHERE active');
      await client.query(
        `INSERT INTO practice_certificates (id, certificate_der, private_key_pkcs8, sealed, not_after, source, active, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, true, $7)`,
        [
          id,
          sealed.sealBytes(bundle.certificateDer, 'certificate_der', id),
          sealed.sealBytes(bundle.privateKeyPkcs8, 'private_key_pkcs8', id),
          sealed.sealJson<CertificateSealed>({ subject, issuer, fingerprintSha256, notBefore }, 'sealed', id),
          notAfter,
          source,
          createdAt,
        ],
      );
    },
    async allCertificates(client) {
      return (await client.query<CertificateRow>(`SELECT ${columns} FROM practice_certificates ORDER BY created_at COLLATE "C", insert_seq`)).rows.map(open);
    },
  };
}

/** migrate-store: a certificate as the file holds it, its active flag as it was. */
export async function importCertificatePg(client: ClientBase, cipher: FieldCipher, row: { id: string; bundle: CertificateBundle; active: boolean; createdAt: string }): Promise<void> {
  const sealed = new SealedColumns(cipher, 'practice_certificates');
  const { subject, issuer, fingerprintSha256, notBefore, notAfter, source } = row.bundle.info;
  await client.query(
    `INSERT INTO practice_certificates (id, certificate_der, private_key_pkcs8, sealed, not_after, source, active, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      row.id,
      sealed.sealBytes(row.bundle.certificateDer, 'certificate_der', row.id),
      sealed.sealBytes(row.bundle.privateKeyPkcs8, 'private_key_pkcs8', row.id),
      sealed.sealJson<CertificateSealed>({ subject, issuer, fingerprintSha256, notBefore }, 'sealed', row.id),
      notAfter,
      source,
      row.active,
      row.createdAt,
    ],
  );
}

export function createPgPracticeRecords(cipher: FieldCipher): PracticeRecords<ClientBase> {
  return {
    templates: createPgTemplateRepository(cipher),
    presets: createPgScopePresetRepository(cipher),
    patientCopies: createPgPatientCopyRepository(cipher),
    certificates: createPgCertificateRepository(cipher),
  };
}
