import type { ClientBase } from 'pg';
import { postStatesBlockingPurge, retentionFactsOfRecord, retentionVerdict, type RetentionRow } from '../../../shared/compliance/retention';
import { AppError } from '../../../shared/errors';
import type { ChannelReview, PostConfirmationOutcome } from '../../../shared/program/review-schedule';
import type { QuizResultSummary, TrainingMaterialSummary, TrainingSession } from '../../../shared/program/training';
import type { StoreCheck } from '../../../shared/store-status';
import type { FieldCipher } from './field-crypto';
import { createPgConsentRepository } from './pg-consent-repository';
import { createPgPatientRepository } from './pg-patient-repository';
import { SealedColumns } from './sealed-columns';
import {
  periodReviewedMessage,
  sessionVoidAlreadyMessage,
  type ChannelReviewRepository,
  type ProgramReviewRecords,
  type PurgeRepository,
  type StoreMeta,
  type StoreMetaRepository,
  type StoredPurge,
  type StoredQuizResult,
  type TrainingRepository,
} from './store-interface-program-reviews';

/**
 * Schema 6 on PostgreSQL (pg-program-reviews-schema.ts): training records,
 * channel reviews, retention purges and the store's meta row, every free
 * text, name and material sealed. The server cannot sort what it cannot
 * read: attendees (by name) and reviews (by channel) are put in SQLite's
 * order on the workstation; everything else is ordered by the server on
 * clear columns, byte order (COLLATE "C") as SQLite's BINARY.
 */

const uniqueViolation = (error: unknown, constraint: string) => (error as { code?: string }).code === '23505' && (error as { constraint?: string }).constraint === constraint;
const triggerRefusal = (error: unknown, words: string) => (error as { code?: string }).code === '23000' && String((error as Error).message).includes(words);
/** SQLite's NOCASE: A-Z folded, then the UTF-8 bytes compared. */
const nocaseKey = (text: string) => Buffer.from(text.replace(/[A-Z]/g, (c) => c.toLowerCase()), 'utf8');

function staffNames(cipher: FieldCipher) {
  const staff = new SealedColumns(cipher, 'staff');
  return (id: string, sealed: Buffer) => staff.openJson<{ displayName: string }>(sealed, 'sealed', id)!.displayName;
}

type SessionSealed = { topic: string; trainer: string; notes: string };
type MaterialSealed = { fileName: string; mimeType: string; bytes: number; sha256: string };

export function createPgTrainingRepository(cipher: FieldCipher): TrainingRepository<ClientBase> & {
  /** What a quiz's answers were (the check of a move compares them; no call of the app reads them). */
  quizAnswers(client: ClientBase, id: string): Promise<Record<string, number> | null>;
} {
  const sessions = new SealedColumns(cipher, 'training_sessions');
  const materials = new SealedColumns(cipher, 'training_materials');
  const quizzes = new SealedColumns(cipher, 'quiz_results');
  const nameOf = staffNames(cipher);

  const materialOf = (row: { id: string; sealed: Buffer }): TrainingMaterialSummary => {
    const m = materials.openJson<MaterialSealed>(row.sealed, 'sealed', row.id)!;
    return { id: row.id, fileName: m.fileName, mimeType: m.mimeType, bytes: m.bytes, sha256: m.sha256 };
  };
  const materialRows = (client: ClientBase, sessionIds: readonly string[]) =>
    client.query<{ id: string; session_id: string; sealed: Buffer }>(
      'SELECT id, session_id, sealed FROM training_materials WHERE session_id = ANY($1::text[]) ORDER BY added_at COLLATE "C", insert_seq',
      [sessionIds],
    );

  const listQuizResults = async (client: ClientBase, range?: { fromIso: string; toIso: string }): Promise<StoredQuizResult[]> => {
    type Row = { id: string; staff_id: string; staff_sealed: Buffer; taken_at: string; language: string; correct: number; total: number; passed: boolean };
    const rows = (
      await client.query<Row>(
        `SELECT q.id, q.staff_id, s.sealed AS staff_sealed, q.taken_at, q.language, q.correct, q.total, q.passed
           FROM quiz_results q JOIN staff s ON s.id = q.staff_id
           ${range ? 'WHERE q.taken_at >= $1 COLLATE "C" AND q.taken_at < $2 COLLATE "C"' : ''} ORDER BY q.taken_at COLLATE "C", q.insert_seq`,
        range ? [range.fromIso, range.toIso] : [],
      )
    ).rows;
    return rows.map((r) => ({
      id: r.id,
      staffId: r.staff_id,
      displayName: nameOf(r.staff_id, r.staff_sealed),
      takenAt: r.taken_at,
      language: r.language,
      correct: r.correct,
      total: r.total,
      passed: r.passed,
    }));
  };

  return {
    async listTrainingSessions(client, range) {
      type Row = { id: string; held_on: string; sealed: Buffer; recorded_at: string; recorded_by: string; staff_sealed: Buffer; voided_at: string | null; void_reason: Buffer | null };
      const rows = (
        await client.query<Row>(
          `SELECT t.id, t.held_on, t.sealed, t.recorded_at, t.recorded_by, s.sealed AS staff_sealed, t.voided_at, t.void_reason
             FROM training_sessions t JOIN staff s ON s.id = t.recorded_by
             ${range ? 'WHERE t.held_on >= $1 COLLATE "C" AND t.held_on <= $2 COLLATE "C"' : ''}
             ORDER BY t.held_on COLLATE "C" DESC, t.recorded_at COLLATE "C" DESC, t.insert_seq DESC`,
          range ? [range.from, range.to] : [],
        )
      ).rows;
      const ids = rows.map((r) => r.id);
      const attendees = new Map<string, TrainingSession['attendees']>(ids.map((id) => [id, []]));
      const attendeeRows = (
        await client.query<{ session_id: string; staff_id: string; sealed: Buffer }>(
          'SELECT a.session_id, a.staff_id, s.sealed FROM training_attendees a JOIN staff s ON s.id = a.staff_id WHERE a.session_id = ANY($1::text[])',
          [ids],
        )
      ).rows;
      for (const a of attendeeRows) attendees.get(a.session_id)!.push({ staffId: a.staff_id, displayName: nameOf(a.staff_id, a.sealed) });
      for (const list of attendees.values()) {
        list.sort((a, b) => Buffer.compare(nocaseKey(a.displayName), nocaseKey(b.displayName)) || Buffer.compare(Buffer.from(a.staffId), Buffer.from(b.staffId)));
      }
      const materialsOf = new Map<string, TrainingMaterialSummary[]>(ids.map((id) => [id, []]));
      for (const m of (await materialRows(client, ids)).rows) materialsOf.get(m.session_id)!.push(materialOf(m));
      return rows.map((r) => {
        const s = sessions.openJson<SessionSealed>(r.sealed, 'sealed', r.id)!;
        return {
          id: r.id,
          heldOn: r.held_on,
          topic: s.topic,
          trainer: s.trainer,
          notes: s.notes,
          attendees: attendees.get(r.id)!,
          materials: materialsOf.get(r.id)!,
          recordedAt: r.recorded_at,
          recordedByName: nameOf(r.recorded_by, r.staff_sealed),
          voidedAt: r.voided_at,
          voidReason: sessions.openJson<string>(r.void_reason, 'void_reason', r.id),
        };
      });
    },

    async getTrainingSession(client, id) {
      const row = (await client.query<{ id: string; voided_at: string | null }>('SELECT id, voided_at FROM training_sessions WHERE id = $1', [id])).rows[0];
      return row ? { id: row.id, voidedAt: row.voided_at } : null;
    },

    async insertTrainingSession(client, s) {
      const sealed: SessionSealed = { topic: s.topic, trainer: s.trainer, notes: s.notes };
      await client.query('INSERT INTO training_sessions (id, held_on, sealed, recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5)', [
        s.id,
        s.heldOn,
        sessions.sealJson(sealed, 'sealed', s.id),
        s.at,
        s.by,
      ]);
      for (const staffId of new Set(s.attendeeIds)) await client.query('INSERT INTO training_attendees (session_id, staff_id) VALUES ($1, $2)', [s.id, staffId]);
    },

    async voidTrainingSession(client, id, v) {
      try {
        await client.query('UPDATE training_sessions SET voided_at = $2, voided_by = $3, void_reason = $4 WHERE id = $1', [id, v.at, v.by, sessions.sealJson(v.reason, 'void_reason', id)]);
      } catch (error) {
        if (triggerRefusal(error, 'a session can only be voided, once')) throw new AppError('conflict', sessionVoidAlreadyMessage);
        throw error;
      }
    },

    async insertTrainingMaterial(client, m) {
      const sealed: MaterialSealed = { fileName: m.fileName, mimeType: m.mimeType, bytes: m.data.length, sha256: m.sha256 };
      await client.query('INSERT INTO training_materials (id, session_id, sealed, data, added_at, added_by) VALUES ($1, $2, $3, $4, $5, $6)', [
        m.id,
        m.sessionId,
        materials.sealJson(sealed, 'sealed', m.id),
        materials.sealBytes(m.data, 'data', m.id),
        m.at,
        m.by,
      ]);
    },

    async getTrainingMaterial(client, id) {
      const row = (await client.query<{ id: string; session_id: string; sealed: Buffer; data: Buffer }>('SELECT id, session_id, sealed, data FROM training_materials WHERE id = $1', [id])).rows[0];
      if (!row) return null;
      const m = materials.openJson<MaterialSealed>(row.sealed, 'sealed', row.id)!;
      return { id: row.id, sessionId: row.session_id, fileName: m.fileName, mimeType: m.mimeType, bytes: m.bytes, sha256: m.sha256, data: materials.openBytes(row.data, 'data', row.id)! };
    },

    async listTrainingMaterialIds(client, sessionIds) {
      const rows = (await materialRows(client, sessionIds)).rows;
      // In the order of the sessions asked for, as SQLite reads them one session at a time.
      return sessionIds.flatMap((sessionId) =>
        rows
          .filter((r) => r.session_id === sessionId)
          .map((r) => {
            const m = materials.openJson<MaterialSealed>(r.sealed, 'sealed', r.id)!;
            return { id: r.id, sessionId: r.session_id, fileName: m.fileName, sha256: m.sha256 };
          }),
      );
    },

    async lastTrainedOn(client, onOrBefore) {
      const rows = (
        await client.query<{ staff_id: string; last: string }>(
          `SELECT a.staff_id, max(t.held_on COLLATE "C") AS last FROM training_attendees a JOIN training_sessions t ON t.id = a.session_id
            WHERE t.voided_at IS NULL AND t.held_on <= $1 COLLATE "C" GROUP BY a.staff_id ORDER BY a.staff_id COLLATE "C"`,
          [onOrBefore],
        )
      ).rows;
      return new Map(rows.map((r) => [r.staff_id, r.last]));
    },

    async insertQuizResult(client, r) {
      await client.query('INSERT INTO quiz_results (id, staff_id, taken_at, language, correct, total, passed, answers) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
        r.id,
        r.staffId,
        r.at,
        r.language,
        r.correct,
        r.total,
        r.passed,
        quizzes.sealJson(r.answers, 'answers', r.id),
      ]);
    },

    listQuizResults,

    async latestQuizResults(client, beforeIso) {
      const latest = new Map<string, QuizResultSummary>();
      for (const r of await listQuizResults(client, { fromIso: '0000', toIso: beforeIso })) latest.set(r.staffId, r);
      return latest;
    },

    async quizAnswers(client, id) {
      const row = (await client.query<{ answers: Buffer }>('SELECT answers FROM quiz_results WHERE id = $1', [id])).rows[0];
      return row ? quizzes.openJson<Record<string, number>>(row.answers, 'answers', id) : null;
    },
  };
}

export function createPgChannelReviewRepository(cipher: FieldCipher): ChannelReviewRepository<ClientBase> {
  const reviews = new SealedColumns(cipher, 'channel_reviews');
  const confirmations = new SealedColumns(cipher, 'channel_review_posts');
  const removed = new SealedColumns(cipher, 'removed_comments');
  const nameOf = staffNames(cipher);
  return {
    async listChannelReviews(client, filter = {}) {
      const where: string[] = [];
      const params: string[] = [];
      if (filter.scheduleId) {
        params.push(filter.scheduleId);
        where.push(`c.schedule_id = $${params.length}`);
      }
      if (filter.range) {
        params.push(filter.range.from, filter.range.to);
        where.push(`c.period_end >= $${params.length - 1} COLLATE "C" AND c.period_start <= $${params.length} COLLATE "C"`);
      }
      type Row = { id: string; schedule_id: string; channel: Buffer; period_start: string; period_end: string; completed_at: string; completed_on: string; completed_by: string; staff_sealed: Buffer; notes: Buffer };
      const rows = (
        await client.query<Row>(
          `SELECT c.id, c.schedule_id, c.channel, c.period_start, c.period_end, c.completed_at, c.completed_on, c.completed_by, s.sealed AS staff_sealed, c.notes
             FROM channel_reviews c JOIN staff s ON s.id = c.completed_by ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
          params,
        )
      ).rows;
      const ids = rows.map((r) => r.id);
      const confirmationsOf = new Map<string, ChannelReview['confirmations']>(ids.map((id) => [id, []]));
      const confirmationRows = (
        await client.query<{ review_id: string; post_id: string; outcome: PostConfirmationOutcome; note: Buffer; covered: boolean; consent_status: string }>(
          'SELECT review_id, post_id, outcome, note, covered, consent_status FROM channel_review_posts WHERE review_id = ANY($1::text[]) ORDER BY post_id COLLATE "C"',
          [ids],
        )
      ).rows;
      for (const c of confirmationRows) {
        confirmationsOf.get(c.review_id)!.push({
          postId: c.post_id,
          outcome: c.outcome,
          note: confirmations.openJson<string>(c.note, 'note', `${c.review_id}:${c.post_id}`)!,
          coveredWhenReviewed: c.covered,
          consentStatus: c.consent_status,
        });
      }
      const removedOf = new Map<string, ChannelReview['removedComments']>(ids.map((id) => [id, []]));
      const removedRows = (
        await client.query<{ id: string; review_id: string; post_id: string | null; removed_on: string; note: Buffer }>(
          'SELECT id, review_id, post_id, removed_on, note FROM removed_comments WHERE review_id = ANY($1::text[]) ORDER BY removed_on COLLATE "C", id COLLATE "C"',
          [ids],
        )
      ).rows;
      for (const c of removedRows) removedOf.get(c.review_id)!.push({ postId: c.post_id, removedOn: c.removed_on, note: removed.openJson<string>(c.note, 'note', c.id)! });
      const opened = rows.map(
        (r): ChannelReview => ({
          id: r.id,
          scheduleId: r.schedule_id,
          channel: reviews.openJson<string>(r.channel, 'channel', r.id)!,
          periodStart: r.period_start,
          periodEnd: r.period_end,
          completedAt: r.completed_at,
          completedOn: r.completed_on,
          completedByName: nameOf(r.completed_by, r.staff_sealed),
          notes: reviews.openJson<string>(r.notes, 'notes', r.id)!,
          confirmations: confirmationsOf.get(r.id)!,
          removedComments: removedOf.get(r.id)!,
        }),
      );
      // SQLite's ORDER BY period_start DESC, channel: the channel is sealed, so the workstation sorts.
      return opened.sort((a, b) => Buffer.compare(Buffer.from(b.periodStart), Buffer.from(a.periodStart)) || Buffer.compare(Buffer.from(a.channel), Buffer.from(b.channel)));
    },

    async reviewedPeriods(client, scheduleId) {
      return (
        await client.query<{ id: string; period_start: string; completed_on: string }>(
          'SELECT id, period_start, completed_on FROM channel_reviews WHERE schedule_id = $1 ORDER BY period_start COLLATE "C"',
          [scheduleId],
        )
      ).rows.map((r) => ({ id: r.id, periodStart: r.period_start, completedOn: r.completed_on }));
    },

    async insertChannelReview(client, r) {
      try {
        await client.query(
          `INSERT INTO channel_reviews (id, schedule_id, channel, period_start, period_end, completed_at, completed_on, completed_by, notes)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [r.id, r.scheduleId, reviews.sealJson(r.channel, 'channel', r.id), r.periodStart, r.periodEnd, r.at, r.on, r.by, reviews.sealJson(r.notes, 'notes', r.id)],
        );
      } catch (error) {
        if (uniqueViolation(error, 'channel_reviews_schedule_id_period_start_key')) throw new AppError('conflict', periodReviewedMessage);
        throw error;
      }
      for (const c of r.confirmations) {
        await client.query('INSERT INTO channel_review_posts (review_id, post_id, outcome, note, covered, consent_status) VALUES ($1, $2, $3, $4, $5, $6)', [
          r.id,
          c.postId,
          c.outcome,
          confirmations.sealJson(c.note, 'note', `${r.id}:${c.postId}`),
          c.covered,
          c.consentStatus,
        ]);
      }
      for (const c of r.removedComments) {
        await client.query('INSERT INTO removed_comments (id, review_id, post_id, removed_on, note) VALUES ($1, $2, $3, $4, $5)', [c.id, r.id, c.postId, c.removedOn, removed.sealJson(c.note, 'note', c.id)]);
      }
    },
  };
}

type PurgeSealed = Pick<StoredPurge, 'lastDayInEffect' | 'keptThrough' | 'pdfSha256' | 'revocationPdfSha256'>;

export function createPgPurgeRepository(cipher: FieldCipher): PurgeRepository<ClientBase> & {
  /** A purge record as the file keeps it (migrate-store). */
  importPurge(client: ClientBase, p: StoredPurge): Promise<void>;
} {
  const purges = new SealedColumns(cipher, 'authorization_purges');
  const consents = createPgConsentRepository(cipher);
  const patients = createPgPatientRepository(cipher);
  const insert = async (client: ClientBase, p: StoredPurge) => {
    const sealed: PurgeSealed = { lastDayInEffect: p.lastDayInEffect, keptThrough: p.keptThrough, pdfSha256: p.pdfSha256, revocationPdfSha256: p.revocationPdfSha256 };
    await client.query(
      `INSERT INTO authorization_purges (authorization_id, patient_id, created_at, signed_at, revoked_at, sealed, purged_at, purged_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [p.authorizationId, p.patientId, p.createdAt, p.signedAt, p.revokedAt, purges.sealJson(sealed, 'sealed', p.authorizationId), p.purgedAt, p.purgedBy],
    );
  };
  return {
    async purgeAuthorization(client, id, by) {
      // The row and its posts locked first: a second workstation's purge, or a post approved meanwhile, waits and then sees this one's result.
      await client.query('SELECT 1 FROM authorizations WHERE id = $1 FOR UPDATE', [id]);
      const record = await consents.getAuthorization(client, id);
      if (!record) throw new AppError('not_found', 'That authorization does not exist.');
      const posts = (await client.query<{ state: string }>('SELECT state FROM posts WHERE consent_id = $1 FOR UPDATE', [id])).rows;
      const verdict = retentionVerdict(
        retentionFactsOfRecord(record, posts.filter((p) => postStatesBlockingPurge.includes(p.state)).length),
        by.today,
        by.timeZone,
      );
      if (!verdict.purgeable) throw new AppError('conflict', verdict.message);
      await insert(client, {
        authorizationId: id,
        patientId: record.patientId,
        createdAt: record.createdAt,
        signedAt: record.signedAt,
        revokedAt: record.revokedAt,
        lastDayInEffect: verdict.lastDayInEffect,
        keptThrough: verdict.keptThrough!,
        pdfSha256: record.pdfSha256,
        revocationPdfSha256: record.revocationPdfSha256,
        purgedAt: by.at,
        purgedBy: by.staffId,
      });
      const postsKept = (await client.query('UPDATE posts SET purged_consent_id = consent_id, consent_id = NULL WHERE consent_id = $1', [id])).rowCount ?? 0;
      await client.query('DELETE FROM authorizations WHERE id = $1', [id]);
      return { authorizationId: id, purgedAt: by.at, keptThrough: verdict.keptThrough!, postsKept };
    },

    async retentionRows(client, today, timeZone) {
      // The rule reads the terms and the revocation, sealed: each signed authorization is opened here, in SQLite's order (created, then id, bytes).
      const ids = (await client.query<{ id: string }>(`SELECT id FROM authorizations WHERE stage <> 'draft' ORDER BY created_at COLLATE "C", id COLLATE "C"`)).rows.map((r) => r.id);
      const toTakeDown = new Map(
        (
          await client.query<{ consent_id: string; n: string }>(
            "SELECT consent_id, count(*) AS n FROM posts WHERE consent_id IS NOT NULL AND state IN ('approved', 'published', 'takedown_required') GROUP BY consent_id",
          )
        ).rows.map((r) => [r.consent_id, Number(r.n)]),
      );
      const names = new Map<string, string>();
      const rows: RetentionRow[] = [];
      for (const id of ids) {
        const record = (await consents.getAuthorization(client, id))!;
        let name = names.get(record.patientId);
        if (name === undefined) {
          const patient = await patients.getPatient(client, record.patientId);
          name = `${patient?.firstName} ${patient?.lastName}`;
          names.set(record.patientId, name);
        }
        const verdict = retentionVerdict(
          retentionFactsOfRecord(record, toTakeDown.get(id) ?? 0),
          today,
          timeZone,
        );
        rows.push({ authorizationId: id, patientId: record.patientId, patientName: name, signedAt: record.signedAt, revokedAt: record.revokedAt, verdict });
      }
      return rows;
    },

    async listPurges(client) {
      type Row = { authorization_id: string; patient_id: string; created_at: string; signed_at: string | null; revoked_at: string | null; sealed: Buffer; purged_at: string; purged_by: string };
      const rows = (await client.query<Row>('SELECT authorization_id, patient_id, created_at, signed_at, revoked_at, sealed, purged_at, purged_by FROM authorization_purges ORDER BY insert_seq')).rows;
      return rows.map((r) => {
        const s = purges.openJson<PurgeSealed>(r.sealed, 'sealed', r.authorization_id)!;
        return {
          authorizationId: r.authorization_id,
          patientId: r.patient_id,
          createdAt: r.created_at,
          signedAt: r.signed_at,
          revokedAt: r.revoked_at,
          lastDayInEffect: s.lastDayInEffect,
          keptThrough: s.keptThrough,
          pdfSha256: s.pdfSha256,
          revocationPdfSha256: s.revocationPdfSha256,
          purgedAt: r.purged_at,
          purgedBy: r.purged_by,
        };
      });
    },

    async postsOfPurged(client, authorizationId) {
      return (await client.query<{ id: string }>('SELECT id FROM posts WHERE purged_consent_id = $1 ORDER BY id COLLATE "C"', [authorizationId])).rows.map((r) => r.id);
    },

    importPurge: insert,
  };
}

export function createPgStoreMetaRepository(cipher: FieldCipher): StoreMetaRepository<ClientBase> & {
  /** The meta row of a new store on the server (its anchor key made on the workstation, or the file's, moved). */
  createStoreMeta(client: ClientBase, meta: StoreMeta & { lastCheck: StoreCheck | null }): Promise<void>;
} {
  const meta = new SealedColumns(cipher, 'store_meta');
  return {
    async storeMeta(client) {
      const row = (await client.query<{ write_counter: string; anchor_key: Buffer }>('SELECT write_counter, anchor_key FROM store_meta WHERE id = 1')).rows[0];
      if (!row) throw new AppError('store_damaged', 'The practice server holds no store meta row.');
      return { writeCounter: Number(row.write_counter), anchorKey: meta.openBytes(row.anchor_key, 'anchor_key', 'store')! };
    },
    async countWrite(client) {
      await client.query('UPDATE store_meta SET write_counter = write_counter + 1 WHERE id = 1');
    },
    async advanceWriteCounter(client, past) {
      await client.query('UPDATE store_meta SET write_counter = greatest(write_counter, $1) WHERE id = 1', [past]);
    },
    async lastCheck(client) {
      const row = (await client.query<{ last_check: Buffer | null }>('SELECT last_check FROM store_meta WHERE id = 1')).rows[0];
      return row ? meta.openJson<StoreCheck>(row.last_check, 'last_check', 'store') : null;
    },
    async recordCheck(client, check) {
      await client.query('UPDATE store_meta SET last_check = $1 WHERE id = 1', [meta.sealJson(check, 'last_check', 'store')]);
    },
    async createStoreMeta(client, m) {
      await client.query('INSERT INTO store_meta (id, write_counter, anchor_key, last_check) VALUES (1, $1, $2, $3)', [
        m.writeCounter,
        meta.sealBytes(m.anchorKey, 'anchor_key', 'store'),
        m.lastCheck === null ? null : meta.sealJson(m.lastCheck, 'last_check', 'store'),
      ]);
    },
  };
}

export function createPgProgramReviewRecords(cipher: FieldCipher): ProgramReviewRecords<ClientBase> {
  return {
    training: createPgTrainingRepository(cipher),
    channelReviews: createPgChannelReviewRepository(cipher),
    purges: createPgPurgeRepository(cipher),
    storeMeta: createPgStoreMetaRepository(cipher),
  };
}
