import type { ClientBase } from 'pg';
import type { RevocationFacts, RevokedPostFacts } from '../../../shared/compliance/revocation-report';
import type { PostFacts } from '../../../shared/compliance/uncovered-posts';
import type { Patient } from '../../../shared/patients';
import type { FieldCipher } from './field-crypto';
import { createPgConsentRepository } from './pg-consent-repository';
import { createPgPatientRepository } from './pg-patient-repository';
import { createPgPostRepository } from './pg-post-repository';
import type { ReportRecords } from './store-interface-reports';

/**
 * The compliance reports' reads on PostgreSQL (store-interface-reports.ts).
 * When a post was published, its caption's facts, the patients' names and a
 * revocation's details are sealed: the server narrows by what it sees (ids,
 * the consent relied on, when a consent was revoked), the workstation opens
 * the rest and keeps what SQLite's statements select, in their order.
 */

/** Posts opened at a time while the published ones are looked for. */
const batchSize = 500;

export function createPgReportRepository(cipher: FieldCipher): ReportRecords<ClientBase> {
  const posts = createPgPostRepository(cipher);
  const patients = createPgPatientRepository(cipher);
  const consents = createPgConsentRepository(cipher);

  async function patientsOf(tx: ClientBase, ids: Iterable<string>): Promise<Map<string, Patient>> {
    const found = new Map<string, Patient>();
    for (const id of new Set(ids)) {
      const patient = await patients.getPatient(tx, id);
      if (patient) found.set(id, patient);
    }
    return found;
  }

  return {
    async reportedPostsAfter(tx, afterId, limit) {
      const found: PostFacts[] = [];
      let after = afterId ?? '';
      // Every post is a candidate (when it was published is sealed): a batch of ids at a time, by id as SQLite's primary key orders them.
      while (found.length < limit) {
        type Row = { id: string; purged_consent_id: string | null };
        const rows = (await tx.query<Row>('SELECT id, purged_consent_id FROM posts WHERE id > $1 COLLATE "C" ORDER BY id COLLATE "C" LIMIT $2', [after, batchSize])).rows;
        if (rows.length === 0) break;
        const opened = new Map((await posts.listPosts(tx, { ids: rows.map((r) => r.id) })).map((p) => [p.id, p]));
        const reported = rows.filter((r) => {
          const post = opened.get(r.id);
          return post && (post.publishedAt !== null || post.state === 'published' || post.state === 'takedown_required');
        });
        const people = await patientsOf(tx, reported.map((r) => opened.get(r.id)!.patientId));
        for (const r of reported) {
          if (found.length === limit) break;
          const p = opened.get(r.id)!;
          const patient = people.get(p.patientId)!;
          found.push({
            id: p.id,
            patientId: p.patientId,
            patientName: `${patient.firstName} ${patient.lastName}`,
            consentId: p.consentId,
            purgedConsentId: r.purged_consent_id,
            channel: p.channel,
            purpose: p.purpose,
            thirdPartyPays: p.thirdPartyPays,
            sponsor: p.sponsor,
            contentKinds: p.contentKinds,
            blockingIdentifiers: p.blockingIdentifiers,
            healthMentions: p.healthMentions,
            identifiersApproved: p.identifiersApproval !== null,
            patientDateOfBirth: patient.dateOfBirth,
            state: p.state,
            publishedAt: p.publishedAt,
            publishedUrl: p.publishedUrl,
            takedownRequiredAt: p.takedownRequiredAt,
          });
        }
        if (rows.length < batchSize) break;
        after = rows[rows.length - 1]!.id;
      }
      return found;
    },

    async postsOfConsents(tx, consentIds) {
      // In the order the posts were written (SQLite's rowid).
      const ids = (await tx.query<{ id: string }>('SELECT id FROM posts WHERE consent_id = ANY($1::text[]) ORDER BY insert_seq', [consentIds])).rows.map((r) => r.id);
      if (ids.length === 0) return [];
      const opened = new Map((await posts.listPosts(tx, { ids })).map((p) => [p.id, p]));
      return ids.map((id): RevokedPostFacts => {
        const p = opened.get(id)!;
        return { id: p.id, consentId: p.consentId, channel: p.channel, state: p.state, publishedAt: p.publishedAt, takedownRequiredAt: p.takedownRequiredAt, takenDownAt: p.takenDownAt };
      });
    },

    async revocationsBetween(tx, fromInstant, toInstant) {
      type Row = { id: string; revoked_at: string };
      const rows = (
        await tx.query<Row>('SELECT id, revoked_at FROM authorizations WHERE revoked_at >= $1 COLLATE "C" AND revoked_at < $2 COLLATE "C" ORDER BY revoked_at COLLATE "C", insert_seq', [
          fromInstant,
          toInstant,
        ])
      ).rows;
      const facts: RevocationFacts[] = [];
      const records = [];
      for (const r of rows) {
        const record = await consents.getAuthorization(tx, r.id);
        if (record) records.push(record);
      }
      const people = await patientsOf(tx, records.map((a) => a.patientId));
      for (const a of records) {
        const patient = people.get(a.patientId)!;
        // The keys in the order SQLite's row gives them (the report's rows are these objects spread).
        facts.push({
          consentId: a.id,
          patientId: a.patientId,
          receivedOn: a.revocationReceivedOn!,
          recordedAt: a.revokedAt!,
          method: a.revocationMethod!,
          patientName: `${patient.firstName} ${patient.lastName}`,
        });
      }
      return facts;
    },
  };
}
