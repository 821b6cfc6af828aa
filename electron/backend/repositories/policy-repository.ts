import crypto from 'node:crypto';
import { languages, type Language } from '../../../shared/authorization/scope';
import { dayOf } from '../../../shared/calendar';
import { policyTextIn, policyVersionTextSchema, type PolicyDraft, type PolicyVersion, type PolicyVersionText } from '../../../shared/program/policy';
import type { Db } from '../store/database';

type VersionRow = { id: string; version: number; text: string; text_sha256: string; published_at: string; display_name: string };

const sha256 = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

/** The SHA-256 of each language's text as the acknowledgment screen shows it. */
export function policyHashes(text: PolicyVersionText, practiceName: string): Record<Language, string> {
  return Object.fromEntries(languages.map((l) => [l, sha256(policyTextIn(text, l, practiceName))])) as Record<Language, string>;
}

function toVersion(row: VersionRow, timeZone: string): PolicyVersion {
  return {
    id: row.id,
    version: row.version,
    publishedAt: row.published_at,
    publishedOn: dayOf(new Date(row.published_at), timeZone),
    publishedByName: row.display_name,
    // Through the schema: a language added after a version was published reads as blank.
    text: policyVersionTextSchema.parse(JSON.parse(row.text)),
    textSha256: JSON.parse(row.text_sha256) as Record<Language, string>,
  };
}

const versionSelect = `SELECT v.id, v.version, v.text, v.text_sha256, v.published_at, s.display_name
  FROM policy_versions v JOIN staff s ON s.id = v.published_by`;

/** Every published version, newest first. */
export function listPolicyVersions(db: Db, timeZone: string): PolicyVersion[] {
  return (db.prepare(`${versionSelect} ORDER BY v.version DESC`).all() as VersionRow[]).map((r) => toVersion(r, timeZone));
}

/** The version in force: the newest one. */
export function policyInForce(db: Db, timeZone: string): PolicyVersion | null {
  const row = db.prepare(`${versionSelect} ORDER BY v.version DESC LIMIT 1`).get() as VersionRow | undefined;
  return row ? toVersion(row, timeZone) : null;
}

export function getPolicyVersion(db: Db, id: string, timeZone: string): PolicyVersion | null {
  const row = db.prepare(`${versionSelect} WHERE v.id = ?`).get(id) as VersionRow | undefined;
  return row ? toVersion(row, timeZone) : null;
}

/** Publish the next version; call inside `store.write`. The hashes are of the text with the practice's name as it is now. */
export function insertPolicyVersion(db: Db, v: { id: string; text: PolicyVersionText; at: string; by: string; practiceName: string }): number {
  const next = db.prepare('SELECT coalesce(max(version), 0) + 1 FROM policy_versions').pluck().get() as number;
  db.prepare('INSERT INTO policy_versions (id, version, text, text_sha256, published_at, published_by) VALUES (?, ?, ?, ?, ?, ?)').run(
    v.id,
    next,
    JSON.stringify(v.text),
    JSON.stringify(policyHashes(v.text, v.practiceName)),
    v.at,
    v.by,
  );
  db.prepare('DELETE FROM policy_draft').run();
  return next;
}

export function getPolicyDraft(db: Db): PolicyDraft | null {
  const row = db
    .prepare('SELECT d.text, d.updated_at, s.display_name FROM policy_draft d JOIN staff s ON s.id = d.updated_by WHERE d.id = 1')
    .get() as { text: string; updated_at: string; display_name: string } | undefined;
  return row ? { text: policyVersionTextSchema.parse(JSON.parse(row.text)), updatedAt: row.updated_at, updatedByName: row.display_name } : null;
}

export function savePolicyDraft(db: Db, text: PolicyVersionText, at: string, by: string): void {
  db.prepare(
    `INSERT INTO policy_draft (id, text, updated_at, updated_by) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(JSON.stringify(text), at, by);
}

export interface StoredAcknowledgment {
  id: string;
  staffId: string;
  versionId: string;
  version: number;
  acknowledgedAt: string;
  acknowledgedOn: string;
  language: string;
  textSha256: string;
}

type AckRow = {
  id: string;
  staff_id: string;
  version_id: string;
  version: number;
  acknowledged_at: string;
  acknowledged_on: string;
  language: string;
  text_sha256: string;
};
const toAck = (r: AckRow): StoredAcknowledgment => ({
  id: r.id,
  staffId: r.staff_id,
  versionId: r.version_id,
  version: r.version,
  acknowledgedAt: r.acknowledged_at,
  acknowledgedOn: r.acknowledged_on,
  language: r.language,
  textSha256: r.text_sha256,
});

export function insertAcknowledgment(db: Db, a: Omit<StoredAcknowledgment, 'version'> & { workstation: string }): void {
  db.prepare(
    `INSERT INTO policy_acknowledgments (id, staff_id, version_id, acknowledged_at, acknowledged_on, language, text_sha256, workstation)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(a.id, a.staffId, a.versionId, a.acknowledgedAt, a.acknowledgedOn, a.language, a.textSha256, a.workstation);
}

/** Every acknowledgment, oldest first (optionally of one person, or up to a day). */
export function listAcknowledgments(db: Db, filter: { staffId?: string; onOrBefore?: string } = {}): StoredAcknowledgment[] {
  const where: string[] = [];
  const params: string[] = [];
  if (filter.staffId) {
    where.push('a.staff_id = ?');
    params.push(filter.staffId);
  }
  if (filter.onOrBefore) {
    where.push('a.acknowledged_on <= ?');
    params.push(filter.onOrBefore);
  }
  return (
    db
      .prepare(
        `SELECT a.*, v.version FROM policy_acknowledgments a JOIN policy_versions v ON v.id = a.version_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.acknowledged_at, a.rowid`,
      )
      .all(...params) as AckRow[]
  ).map(toAck);
}
