import type { ClientBase } from 'pg';
import type { Day } from '../../../shared/calendar';
import { AppError } from '../../../shared/errors';
import type { CoverageReason } from '../../../shared/posts/coverage';
import type { PostState } from '../../../shared/posts/post';
import type { StoredPost } from '../repositories/post-repository';
import type { FieldCipher } from './field-crypto';
import { createPgTestimonialRepository } from './pg-testimonial-repository';
import { SealedColumns } from './sealed-columns';
import type { Expected, KeptCoverageRepository, PostFilter, PostRepository, PostStateFields, Versioned } from './store-interface';

/**
 * Posts on PostgreSQL. The caption and everything derived from it or from
 * the patient (content kinds, identifiers, health mentions, the sponsor, the
 * published address) are one sealed part; the server sees the ids it joins
 * on, the state, the times and the staff ids. Each change locks the row,
 * checks the version it was based on, and writes the whole sealed part again.
 */

type PostFacts = Omit<StoredPost, 'id' | 'testimonialId' | 'patientId' | 'consentId' | 'state' | 'createdAt' | 'updatedAt'>;

type PostRow = {
  id: string;
  testimonial_id: string;
  patient_id: string;
  consent_id: string | null;
  state: PostState;
  sealed: Buffer;
  created_at: string;
  updated_at: string;
  row_version: number;
};

const columns = 'id, testimonial_id, patient_id, consent_id, state, sealed, created_at, updated_at, row_version';

export const postConflictMessage = 'Someone else changed this post while you were working on it. Reopen it to see their changes, then try again.';

function factsOf(post: StoredPost): PostFacts {
  const { id: _id, testimonialId: _t, patientId: _p, consentId: _c, state: _s, createdAt: _ca, updatedAt: _ua, ...facts } = post;
  return facts;
}

/** The first day of the month of `day`: all the server sees of when a verdict may next change. */
export const recheckFrom = (day: Day): string => `${day.slice(0, 8)}01`;

type KeptColumns = { coverage_covered: boolean | null; coverage_reasons: Buffer | null };

type PageRow = { post: Versioned<StoredPost>; row: KeptColumns };

/** SQLite's BINARY order for the ASCII the lists sort by (instants, states, channel ids, record ids). */
const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function createPgPostRepository(cipher: FieldCipher): PostRepository<ClientBase> & KeptCoverageRepository<ClientBase> {
  const sealed = new SealedColumns(cipher, 'posts');
  // The Posts list shows each row's testimonial title and patient's name, read for the page in one query.
  const testimonialsOf = createPgTestimonialRepository(cipher);

  // The fields in the SQLite repository's order, so a post reads back identical, byte for byte as JSON, on both engines.
  function toPost(row: PostRow): Versioned<StoredPost> {
    const f = sealed.openJson<PostFacts>(row.sealed, 'sealed', row.id)!;
    return {
      id: row.id,
      testimonialId: row.testimonial_id,
      patientId: row.patient_id,
      consentId: row.consent_id,
      channel: f.channel,
      caption: f.caption,
      mediaIds: f.mediaIds,
      purpose: f.purpose,
      thirdPartyPays: f.thirdPartyPays,
      extraContentKinds: f.extraContentKinds,
      contentKinds: f.contentKinds,
      state: row.state,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      approvedAt: f.approvedAt,
      publishedAt: f.publishedAt,
      publishedUrl: f.publishedUrl,
      reliedConsentPdfSha256: f.reliedConsentPdfSha256,
      takedownRequiredAt: f.takedownRequiredAt,
      takedownReason: f.takedownReason,
      takenDownAt: f.takenDownAt,
      sponsor: f.sponsor,
      blockingIdentifiers: f.blockingIdentifiers,
      healthMentions: f.healthMentions,
      identifiersApproval: f.identifiersApproval,
      identifiersApprovedSha256: f.identifiersApprovedSha256,
      reviewRequiredAt: f.reviewRequiredAt,
      reviewReason: f.reviewReason,
      rowVersion: row.row_version,
    };
  }

  async function lock(tx: ClientBase, id: string, expected: Expected | undefined): Promise<Versioned<StoredPost> | undefined> {
    const row = (await tx.query<PostRow>(`SELECT ${columns} FROM posts WHERE id = $1 FOR UPDATE`, [id])).rows[0];
    if (!row) {
      if (expected) throw new AppError('not_found', 'This post was deleted.');
      return undefined;
    }
    const post = toPost(row);
    if (expected && expected.rowVersion !== post.rowVersion) throw new AppError('conflict', postConflictMessage);
    return post;
  }

  async function write(tx: ClientBase, post: StoredPost, extra: { approvedBy?: string | null; takenDownBy?: string; identifiersApprovedBy?: string | null } = {}) {
    const sets = ['consent_id = $2', 'state = $3', 'sealed = $4', 'updated_at = $5'];
    const params: unknown[] = [post.id, post.consentId, post.state, sealed.sealJson(factsOf(post), 'sealed', post.id), post.updatedAt];
    const column = { approvedBy: 'approved_by', takenDownBy: 'taken_down_by', identifiersApprovedBy: 'identifiers_approved_by' } as const;
    for (const [key, value] of Object.entries(extra) as [keyof typeof column, string | null][]) {
      params.push(value);
      sets.push(`${column[key]} = $${params.length}`);
    }
    await tx.query(`UPDATE posts SET ${sets.join(', ')} WHERE id = $1`, params);
  }

  async function listPosts(tx: ClientBase, filter: PostFilter = {}): Promise<Versioned<StoredPost>[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      where.push(sql(params.length));
    };
    if (filter.ids) add((n) => `id = ANY($${n}::text[])`, filter.ids);
    if (filter.states) add((n) => `state = ANY($${n}::text[])`, filter.states);
    if (filter.consentId) add((n) => `consent_id = $${n}`, filter.consentId);
    if (filter.patientId) add((n) => `patient_id = $${n}`, filter.patientId);
    if (filter.testimonialId) add((n) => `testimonial_id = $${n}`, filter.testimonialId);
    if (filter.consentIds) add((n) => `consent_id = ANY($${n}::text[])`, filter.consentIds);
    const sql = `SELECT ${columns} FROM posts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at COLLATE "C" DESC, id COLLATE "C" DESC`;
    return (await tx.query<PostRow>(sql, params)).rows.map(toPost);
  }

  return {
    listPosts,

    async getPost(tx, id) {
      const row = (await tx.query<PostRow>(`SELECT ${columns} FROM posts WHERE id = $1`, [id])).rows[0];
      return row && toPost(row);
    },

    async insertPost(tx, post, createdBy) {
      await tx.query(
        `INSERT INTO posts (id, testimonial_id, patient_id, consent_id, state, sealed, created_at, created_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [post.id, post.testimonialId, post.patientId, post.consentId, post.state, sealed.sealJson(factsOf(post), 'sealed', post.id), post.createdAt, createdBy, post.updatedAt],
      );
    },

    async updatePostContent(tx, post, expected) {
      const current = await lock(tx, post.id, expected);
      if (!current) return;
      await write(tx, {
        ...current,
        consentId: post.consentId,
        channel: post.channel,
        caption: post.caption,
        mediaIds: post.mediaIds,
        purpose: post.purpose,
        thirdPartyPays: post.thirdPartyPays,
        sponsor: post.sponsor,
        extraContentKinds: post.extraContentKinds,
        contentKinds: post.contentKinds,
        blockingIdentifiers: post.blockingIdentifiers,
        healthMentions: post.healthMentions,
        state: post.state,
        approvedAt: post.approvedAt,
        reliedConsentPdfSha256: post.reliedConsentPdfSha256,
        updatedAt: post.updatedAt,
      });
    },

    async updateDisclosures(tx, id, d) {
      const current = await lock(tx, id, undefined);
      if (current) await write(tx, { ...current, ...d });
    },

    async approveIdentifiers(tx, id, a, expected) {
      const current = await lock(tx, id, expected);
      if (!current) return;
      await write(
        tx,
        { ...current, identifiersApproval: { byName: a.byName ?? '', at: a.at, reason: a.reason }, identifiersApprovedSha256: a.sha256 },
        { identifiersApprovedBy: a.by },
      );
    },

    async setReview(tx, id, review) {
      const current = await lock(tx, id, undefined);
      if (current) await write(tx, { ...current, reviewRequiredAt: review?.at ?? null, reviewReason: review?.reason ?? null });
    },

    async setPostState(tx, id, state, at, fields: PostStateFields = {}, expected) {
      const current = await lock(tx, id, expected);
      if (!current) return;
      const { approvedBy, takenDownBy, ...facts } = fields;
      const extra: { approvedBy?: string | null; takenDownBy?: string } = {};
      if (approvedBy !== undefined) extra.approvedBy = approvedBy;
      if (takenDownBy !== undefined) extra.takenDownBy = takenDownBy;
      await write(tx, { ...current, ...facts, state, updatedAt: at }, extra);
    },

    async countPostsByState(tx) {
      const counts: Record<PostState, number> = { draft: 0, approved: 0, published: 0, takedown_required: 0, taken_down: 0 };
      for (const row of (await tx.query<{ state: PostState; n: string }>('SELECT state, count(*) AS n FROM posts GROUP BY state')).rows) {
        counts[row.state] = Number(row.n);
      }
      return counts;
    },

    async voidIdentifiersApproval(tx, id) {
      const current = await lock(tx, id, undefined);
      if (current) await write(tx, { ...current, identifiersApproval: null, identifiersApprovedSha256: null }, { identifiersApprovedBy: null });
    },

    async postPage(tx, input) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (input.state) where.push(`state = $${params.push(input.state)}`);
      if (input.uncoveredOnly) where.push('coverage_covered = false');
      const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const select = `SELECT ${columns}, coverage_covered, coverage_reasons FROM posts ${whereSql}`;
      const direction = input.direction === 'desc' ? 'DESC' : 'ASC';
      let total: number;
      let page: PageRow[];
      if (input.channel === null && input.sort !== 'channel') {
        // Every column the page filters and sorts on is in the clear: the server counts and pages (byte order, as SQLite's).
        const order = { updatedAt: 'updated_at', createdAt: 'created_at', state: 'state' }[input.sort];
        total = Number((await tx.query<{ n: string }>(`SELECT count(*) AS n FROM posts ${whereSql}`, params)).rows[0]?.n ?? 0);
        const n = params.length;
        page = (
          await tx.query<PostRow & KeptColumns>(
            `${select} ORDER BY ${order} COLLATE "C" ${direction}, id COLLATE "C" ${direction} LIMIT $${n + 1} OFFSET $${n + 2}`,
            [...params, input.limit, input.offset],
          )
        ).rows.map((row) => ({ post: toPost(row), row }));
      } else {
        // The channel is sealed with the caption: the candidates are opened here, then filtered, sorted and paged as SQLite does.
        const key = (p: StoredPost) => ({ updatedAt: p.updatedAt, createdAt: p.createdAt, state: p.state, channel: p.channel })[input.sort];
        const sign = direction === 'DESC' ? -1 : 1;
        const all = (await tx.query<PostRow & KeptColumns>(select, params)).rows
          .map((row) => ({ post: toPost(row), row }))
          .filter(({ post }) => input.channel === null || post.channel === input.channel)
          .sort((a, b) => sign * (byteOrder(key(a.post), key(b.post)) || byteOrder(a.post.id, b.post.id)));
        total = all.length;
        page = all.slice(input.offset, input.offset + input.limit);
      }
      const shown = new Map((await testimonialsOf.listTestimonials(tx, { ids: [...new Set(page.map(({ post }) => post.testimonialId))] })).map((t) => [t.id, t]));
      return {
        total,
        offset: input.offset,
        rows: page.map(({ post, row }) => {
          const t = shown.get(post.testimonialId)!;
          return {
            id: post.id,
            state: post.state,
            channel: post.channel,
            captionStart: Array.from(post.caption).slice(0, 120).join(''),
            testimonialTitle: t.title,
            patientFirstName: t.patientFirstName,
            patientLastName: t.patientLastName,
            createdAt: post.createdAt,
            updatedAt: post.updatedAt,
            publishedAt: post.publishedAt,
            reviewRequiredAt: post.reviewRequiredAt,
            covered: row.coverage_covered === true,
            reasons: sealed.openJson<CoverageReason[]>(row.coverage_reasons, 'coverage_reasons', post.id) ?? [],
          };
        }),
      };
    },

    async dashboardPosts(tx, list, limit) {
      // The flag's time is sealed: the server narrows by state, the flagged posts are opened and ordered here.
      const flagged =
        list === 'takedownRequired'
          ? (await listPosts(tx, { states: ['takedown_required'] })).map((post) => ({ post, at: post.takedownRequiredAt }))
          : (await listPosts(tx, { states: ['published'] })).filter((post) => post.reviewRequiredAt !== null).map((post) => ({ post, at: post.reviewRequiredAt }));
      flagged.sort((a, b) => byteOrder(a.at ?? '', b.at ?? '') || byteOrder(a.post.id, b.post.id));
      return { posts: flagged.slice(0, limit).map(({ post }) => post), total: flagged.length };
    },

    async listPostChecksAfter(tx, after, limit) {
      const select = `SELECT ${columns}, coverage_covered, coverage_reasons, stale.post_id IS NOT NULL AS stale
        FROM posts LEFT JOIN post_coverage_stale stale ON stale.post_id = posts.id`;
      const order = 'ORDER BY created_at COLLATE "C" DESC, id COLLATE "C" DESC';
      const rows = after
        ? (await tx.query<PostRow & KeptColumns & { stale: boolean }>(`${select} WHERE (created_at COLLATE "C", id COLLATE "C") < ($1, $2) ${order} LIMIT $3`, [after.createdAt, after.id, limit])).rows
        : (await tx.query<PostRow & KeptColumns & { stale: boolean }>(`${select} ${order} LIMIT $1`, [limit])).rows;
      return rows.map((row) => {
        const post = toPost(row);
        return {
          id: post.id,
          state: post.state,
          channel: post.channel,
          purpose: post.purpose,
          testimonialId: post.testimonialId,
          consentId: post.consentId,
          publishedAt: post.publishedAt,
          publishedUrl: post.publishedUrl,
          takedownRequiredAt: post.takedownRequiredAt,
          takenDownAt: post.takenDownAt,
          createdAt: post.createdAt,
          kept:
            row.coverage_covered === null || row.stale
              ? null
              : { covered: row.coverage_covered, reasonsJson: JSON.stringify(sealed.openJson<CoverageReason[]>(row.coverage_reasons, 'coverage_reasons', post.id) ?? []) },
        };
      });
    },

    async countUncoveredIn(tx, states) {
      const row = (await tx.query<{ n: string }>('SELECT count(*) AS n FROM posts WHERE coverage_covered = false AND state = ANY($1::text[])', [states])).rows[0];
      return Number(row?.n ?? 0);
    },

    async channelsWithPostsIn(tx, states) {
      // The channel is sealed: the posts in those states are opened here, made distinct and put in SQLite's order.
      const rows = (await tx.query<{ id: string; sealed: Buffer }>('SELECT id, sealed FROM posts WHERE state = ANY($1::text[])', [states])).rows;
      const channels = new Set(rows.map((row) => sealed.openJson<PostFacts>(row.sealed, 'sealed', row.id)!.channel));
      return [...channels].sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
    },

    async stalePostIds(tx) {
      return (await tx.query<{ post_id: string }>('SELECT post_id FROM post_coverage_stale ORDER BY post_id')).rows.map((r) => r.post_id);
    },

    async keepVerdict(tx, postId, verdict) {
      await tx.query('UPDATE posts SET coverage_covered = $2, coverage_reasons = $3, coverage_changes_on = $4, coverage_recheck_from = $5 WHERE id = $1', [
        postId,
        verdict.covered,
        sealed.sealJson(verdict.reasons, 'coverage_reasons', postId),
        verdict.changesOn === null ? null : sealed.sealJson(verdict.changesOn, 'coverage_changes_on', postId),
        verdict.changesOn === null ? null : recheckFrom(verdict.changesOn),
      ]);
    },

    async clearStale(tx, postIds) {
      await tx.query('DELETE FROM post_coverage_stale WHERE post_id = ANY($1::text[])', [postIds]);
    },

    async keptVerdict(tx, postId) {
      const row = (
        await tx.query<{ coverage_covered: boolean | null; coverage_reasons: Buffer | null; coverage_changes_on: Buffer | null }>(
          'SELECT coverage_covered, coverage_reasons, coverage_changes_on FROM posts WHERE id = $1',
          [postId],
        )
      ).rows[0];
      if (!row || row.coverage_covered === null) return null;
      return {
        covered: row.coverage_covered,
        reasons: sealed.openJson<CoverageReason[]>(row.coverage_reasons, 'coverage_reasons', postId) ?? [],
        changesOn: sealed.openJson<Day>(row.coverage_changes_on, 'coverage_changes_on', postId),
      };
    },

    async markCoverageDue(tx, today) {
      // The index narrows to the month; the exact day is sealed and compared here.
      const candidates = (
        await tx.query<{ id: string; coverage_changes_on: Buffer }>(
          'SELECT id, coverage_changes_on FROM posts WHERE coverage_recheck_from IS NOT NULL AND coverage_recheck_from <= $1',
          [today],
        )
      ).rows;
      const due = candidates.filter((row) => sealed.openJson<Day>(row.coverage_changes_on, 'coverage_changes_on', row.id)! <= today).map((row) => row.id);
      if (due.length === 0) return 0;
      return (await tx.query('INSERT INTO post_coverage_stale SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [due])).rowCount ?? 0;
    },

    async liveUncoveredPostIds(tx) {
      return (await tx.query<{ id: string }>("SELECT id FROM posts WHERE coverage_covered = false AND state IN ('approved', 'published')")).rows.map((r) => r.id);
    },

    async countLiveUncovered(tx) {
      const row = (await tx.query<{ n: string }>("SELECT count(*) AS n FROM posts WHERE coverage_covered = false AND state IN ('approved', 'published')")).rows[0];
      return Number(row?.n ?? 0);
    },
  };
}

/** Write a post as another store holds it (a store being moved here), with the staff ids the record keeps. */
export async function importPostPg(
  tx: ClientBase,
  cipher: FieldCipher,
  post: StoredPost,
  staff: { createdBy: string; approvedBy: string | null; takenDownBy: string | null; identifiersApprovedBy: string | null },
): Promise<void> {
  const sealed = new SealedColumns(cipher, 'posts');
  await tx.query(
    `INSERT INTO posts (id, testimonial_id, patient_id, consent_id, state, sealed, created_at, created_by, updated_at, approved_by, taken_down_by, identifiers_approved_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [post.id, post.testimonialId, post.patientId, post.consentId, post.state, sealed.sealJson(factsOf(post), 'sealed', post.id), post.createdAt, staff.createdBy, post.updatedAt, staff.approvedBy, staff.takenDownBy, staff.identifiersApprovedBy],
  );
}
