import type { ClientBase } from 'pg';
import type { Language } from '../../../shared/authorization/scope';
import { dayOf } from '../../../shared/calendar';
import { AppError } from '../../../shared/errors';
import { policyVersionTextSchema, type PolicyVersion } from '../../../shared/program/policy';
import { policyHashes, type StoredAcknowledgment } from '../repositories/policy-repository';
import type { FieldCipher } from './field-crypto';
import { SealedColumns } from './sealed-columns';
import { policyVersionTakenMessage, type PolicyRepository, type ProgramRecords } from './store-interface-program';

/**
 * The compliance program's policy on PostgreSQL (schema: pg-program-schema.ts):
 * the text of every version and of the draft sealed, the publisher's and
 * editor's names opened from their staff rows.
 */

type VersionRow = { id: string; version: number; text: Buffer; text_sha256: string; published_at: string; published_by: string; staff_sealed: Buffer };
type AckRow = { id: string; staff_id: string; version_id: string; version: number; acknowledged_at: string; acknowledged_on: string; language: string; text_sha256: string };

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

export function createPgPolicyRepository(cipher: FieldCipher): PolicyRepository<ClientBase> & {
  importPolicyVersion(client: ClientBase, v: { id: string; version: number; text: string; textSha256: string; publishedAt: string; publishedBy: string }): Promise<void>;
} {
  const versions = new SealedColumns(cipher, 'policy_versions');
  const draft = new SealedColumns(cipher, 'policy_draft');
  const acks = new SealedColumns(cipher, 'policy_acknowledgments');
  const staff = new SealedColumns(cipher, 'staff');
  const nameOf = (id: string, sealed: Buffer) => staff.openJson<{ displayName: string }>(sealed, 'sealed', id)!.displayName;
  const toVersion = (row: VersionRow, timeZone: string): PolicyVersion => ({
    id: row.id,
    version: row.version,
    publishedAt: row.published_at,
    publishedOn: dayOf(new Date(row.published_at), timeZone),
    publishedByName: nameOf(row.published_by, row.staff_sealed),
    text: policyVersionTextSchema.parse(JSON.parse(versions.openBytes(row.text, 'text', row.id)!.toString('utf8'))),
    textSha256: JSON.parse(row.text_sha256) as Record<Language, string>,
  });
  const select = 'SELECT v.id, v.version, v.text, v.text_sha256, v.published_at, v.published_by, s.sealed AS staff_sealed FROM policy_versions v JOIN staff s ON s.id = v.published_by';
  const insertVersion = async (client: ClientBase, v: { id: string; version: number; text: string; textSha256: string; publishedAt: string; publishedBy: string }) => {
    try {
      await client.query('INSERT INTO policy_versions (id, version, text, text_sha256, published_at, published_by) VALUES ($1, $2, $3, $4, $5, $6)', [
        v.id,
        v.version,
        versions.sealBytes(Buffer.from(v.text, 'utf8'), 'text', v.id),
        v.textSha256,
        v.publishedAt,
        v.publishedBy,
      ]);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('conflict', policyVersionTakenMessage);
      throw error;
    }
  };
  return {
    async listPolicyVersions(client, timeZone) {
      return (await client.query<VersionRow>(`${select} ORDER BY v.version DESC`)).rows.map((r) => toVersion(r, timeZone));
    },
    async policyInForce(client, timeZone) {
      const row = (await client.query<VersionRow>(`${select} ORDER BY v.version DESC LIMIT 1`)).rows[0];
      return row ? toVersion(row, timeZone) : null;
    },
    async getPolicyVersion(client, id, timeZone) {
      const row = (await client.query<VersionRow>(`${select} WHERE v.id = $1`, [id])).rows[0];
      return row ? toVersion(row, timeZone) : null;
    },
    async insertPolicyVersion(client, v) {
      const next = (await client.query<{ next: number }>('SELECT coalesce(max(version), 0) + 1 AS next FROM policy_versions')).rows[0]!.next;
      await insertVersion(client, { id: v.id, version: next, text: JSON.stringify(v.text), textSha256: JSON.stringify(policyHashes(v.text, v.practiceName)), publishedAt: v.at, publishedBy: v.by });
      await client.query('DELETE FROM policy_draft');
      return next;
    },
    importPolicyVersion: insertVersion,
    async getPolicyDraft(client) {
      const row = (
        await client.query<{ text: Buffer; updated_at: string; updated_by: string; staff_sealed: Buffer }>(
          'SELECT d.text, d.updated_at, d.updated_by, s.sealed AS staff_sealed FROM policy_draft d JOIN staff s ON s.id = d.updated_by WHERE d.id = 1',
        )
      ).rows[0];
      return row
        ? { text: policyVersionTextSchema.parse(JSON.parse(draft.openBytes(row.text, 'text', 'draft')!.toString('utf8'))), updatedAt: row.updated_at, updatedByName: nameOf(row.updated_by, row.staff_sealed) }
        : null;
    },
    async savePolicyDraft(client, text, at, by) {
      await client.query(
        `INSERT INTO policy_draft (id, text, updated_at, updated_by) VALUES (1, $1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        [draft.sealBytes(Buffer.from(JSON.stringify(text), 'utf8'), 'text', 'draft'), at, by],
      );
    },
    async insertAcknowledgment(client, a) {
      await client.query(
        `INSERT INTO policy_acknowledgments (id, staff_id, version_id, acknowledged_at, acknowledged_on, language, text_sha256, workstation)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [a.id, a.staffId, a.versionId, a.acknowledgedAt, a.acknowledgedOn, a.language, a.textSha256, acks.sealJson(a.workstation, 'workstation', a.id)],
      );
    },
    async listAcknowledgments(client, filter = {}) {
      const where: string[] = [];
      const params: string[] = [];
      if (filter.staffId) {
        params.push(filter.staffId);
        where.push(`a.staff_id = $${params.length}`);
      }
      if (filter.onOrBefore) {
        params.push(filter.onOrBefore);
        where.push(`a.acknowledged_on <= $${params.length} COLLATE "C"`);
      }
      const rows = (
        await client.query<AckRow>(
          `SELECT a.id, a.staff_id, a.version_id, v.version, a.acknowledged_at, a.acknowledged_on, a.language, a.text_sha256
             FROM policy_acknowledgments a JOIN policy_versions v ON v.id = a.version_id
             ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.acknowledged_at COLLATE "C", a.insert_seq`,
          params,
        )
      ).rows;
      return rows.map(
        (r): StoredAcknowledgment => ({
          id: r.id,
          staffId: r.staff_id,
          versionId: r.version_id,
          version: r.version,
          acknowledgedAt: r.acknowledged_at,
          acknowledgedOn: r.acknowledged_on,
          language: r.language,
          textSha256: r.text_sha256,
        }),
      );
    },
  };
}

export function createPgProgramRecords(cipher: FieldCipher): ProgramRecords<ClientBase> {
  return { policy: createPgPolicyRepository(cipher) };
}
