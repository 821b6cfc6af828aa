import type { ContentKind, Purpose } from '../../../shared/authorization/scope';
import type { HealthMentionSummary } from '../../../shared/posts/disclosures';
import type { IdentifierKind } from '../../../shared/posts/phi-scanner';
import type { Post, PostState } from '../../../shared/posts/post';
import type { PostCheckRow } from '../../../shared/store-chunks';
import type { Db } from '../store/database';
import { cachedStatement } from '../store/statement-cache';

type PostRow = {
  id: string;
  testimonial_id: string;
  patient_id: string;
  consent_id: string | null;
  channel: string;
  caption: string;
  media_ids: string;
  purpose: Purpose;
  third_party_pays: number;
  extra_content_kinds: string;
  content_kinds: string;
  state: PostState;
  created_at: string;
  updated_at: string;
  approved_at: string | null;
  published_at: string | null;
  published_url: string | null;
  relied_consent_pdf_sha256: string | null;
  takedown_required_at: string | null;
  takedown_reason: string | null;
  taken_down_at: string | null;
  sponsor: string;
  blocking_identifiers: string;
  health_mentions: string;
  identifiers_approved_by: string | null;
  identifiers_approved_by_name: string | null;
  identifiers_approved_at: string | null;
  identifiers_approval_reason: string | null;
  identifiers_approved_sha256: string | null;
  review_required_at: string | null;
  review_reason: string | null;
};

export interface StoredPost extends Post {
  sponsor: string;
  /** Derived when the post was saved (and again when the rules or the patient's record change), from everything it discloses. */
  contentKinds: ContentKind[];
  blockingIdentifiers: IdentifierKind[];
  healthMentions: HealthMentionSummary[];
  /** The SHA-256 of the caption and quote the identifiers approval was given for. */
  identifiersApprovedSha256: string | null;
}

function toPost(row: PostRow): StoredPost {
  return {
    id: row.id,
    testimonialId: row.testimonial_id,
    patientId: row.patient_id,
    consentId: row.consent_id,
    channel: row.channel,
    caption: row.caption,
    mediaIds: JSON.parse(row.media_ids) as string[],
    purpose: row.purpose,
    thirdPartyPays: row.third_party_pays === 1,
    extraContentKinds: JSON.parse(row.extra_content_kinds) as ContentKind[],
    contentKinds: JSON.parse(row.content_kinds) as ContentKind[],
    state: row.state,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    approvedAt: row.approved_at,
    publishedAt: row.published_at,
    publishedUrl: row.published_url,
    reliedConsentPdfSha256: row.relied_consent_pdf_sha256,
    takedownRequiredAt: row.takedown_required_at,
    takedownReason: row.takedown_reason,
    takenDownAt: row.taken_down_at,
    sponsor: row.sponsor,
    blockingIdentifiers: JSON.parse(row.blocking_identifiers) as IdentifierKind[],
    healthMentions: JSON.parse(row.health_mentions) as HealthMentionSummary[],
    identifiersApproval:
      row.identifiers_approved_at && row.identifiers_approval_reason
        ? { byName: row.identifiers_approved_by_name ?? '', at: row.identifiers_approved_at, reason: row.identifiers_approval_reason }
        : null,
    identifiersApprovedSha256: row.identifiers_approved_sha256,
    reviewRequiredAt: row.review_required_at,
    reviewReason: row.review_reason,
  };
}

const selectPosts = `SELECT posts.*, approver.display_name AS identifiers_approved_by_name FROM posts
  LEFT JOIN staff approver ON approver.id = posts.identifiers_approved_by`;

export function listPosts(db: Db, where = '', ...params: unknown[]): StoredPost[] {
  return (cachedStatement(db, `${selectPosts} ${where} ORDER BY posts.created_at DESC, posts.id DESC`).all(...params) as PostRow[]).map(toPost);
}

/** Marketing's Home lists: which posts, in which order, through which index (a partial index in the order shown). */
const dashboardLists = {
  takedownRequired: { where: "state = 'takedown_required'", index: 'posts_takedown_required', order: 'takedown_required_at, id' },
  reviewRequired: { where: "state = 'published' AND review_required_at IS NOT NULL", index: 'posts_review_required', order: 'review_required_at, id' },
} as const;

export type DashboardPostList = keyof typeof dashboardLists;

/** The first `limit` posts of a Home list, oldest flag first, and how many the list holds: one page, never every row. */
export function dashboardPosts(db: Db, list: DashboardPostList, limit: number): { posts: StoredPost[]; total: number } {
  const { where, index, order } = dashboardLists[list];
  const total = db.prepare(`SELECT count(*) FROM posts INDEXED BY ${index} WHERE ${where}`).pluck().get() as number;
  if (total === 0) return { posts: [], total };
  const rows = db
    .prepare(
      `WITH page AS (SELECT id, ${order.split(', ')[0]} AS flagged FROM posts INDEXED BY ${index} WHERE ${where} ORDER BY ${order} LIMIT ?)
       ${selectPosts} JOIN page ON page.id = posts.id ORDER BY page.flagged, posts.id`,
    )
    .all(limit) as PostRow[];
  return { posts: rows.map(toPost), total };
}

/** One post as a whole-store check reads it: what a chunk shows of the post, and its kept verdict unless that is waiting to be judged again. */
export interface PostCheckRecord extends Omit<PostCheckRow, 'verdict'> {
  createdAt: string;
  /** Null when the kept verdict is missing or stale: judge the post with the rule. */
  kept: { covered: boolean; reasonsJson: string } | null;
}

/** Up to `limit` posts, newest first (created_at, then id: index posts_created), after `after`; no caption, no join per row. */
export function listPostChecksAfter(db: Db, after: { createdAt: string; id: string } | null, limit: number): PostCheckRecord[] {
  const select = `SELECT posts.id, state, channel, purpose, testimonial_id, consent_id, published_at, published_url, takedown_required_at, taken_down_at,
      created_at, coverage_covered, coverage_reasons, stale.post_id IS NOT NULL
    FROM posts LEFT JOIN post_coverage_stale stale ON stale.post_id = posts.id`;
  const rows = (
    after
      ? cachedStatement(db, `${select} WHERE (created_at, posts.id) < (?, ?) ORDER BY created_at DESC, posts.id DESC LIMIT ?`).raw(true).all(after.createdAt, after.id, limit)
      : cachedStatement(db, `${select} ORDER BY created_at DESC, posts.id DESC LIMIT ?`).raw(true).all(limit)
  ) as [string, PostState, string, Purpose, string, string | null, string | null, string | null, string | null, string | null, string, number | null, string | null, number][];
  return rows.map(([id, state, channel, purpose, testimonialId, consentId, publishedAt, publishedUrl, takedownRequiredAt, takenDownAt, createdAt, covered, reasons, stale]) => ({
    id,
    state,
    channel,
    purpose,
    testimonialId,
    consentId,
    publishedAt,
    publishedUrl,
    takedownRequiredAt,
    takenDownAt,
    createdAt,
    kept: covered === null || stale === 1 ? null : { covered: covered === 1, reasonsJson: reasons ?? '[]' },
  }));
}

/** How many posts in `states` have a kept verdict of not covered (the partial index posts_uncovered). */
export function countUncoveredIn(db: Db, states: readonly PostState[]): number {
  return cachedStatement(db, `SELECT count(*) FROM posts INDEXED BY posts_uncovered WHERE coverage_covered = 0 AND state IN (${states.map(() => '?').join(', ')})`)
    .pluck()
    .get(...states) as number;
}

/** The channels with at least one post in `states`, each once, in BINARY order (the program's channels with live posts). */
export function channelsWithPostsIn(db: Db, states: readonly PostState[]): string[] {
  return cachedStatement(db, `SELECT DISTINCT channel FROM posts WHERE state IN (${states.map(() => '?').join(', ')}) ORDER BY channel`)
    .pluck()
    .all(...states) as string[];
}

export function getPost(db: Db, id: string): StoredPost | undefined {
  const row = cachedStatement(db, `${selectPosts} WHERE posts.id = ?`).get(id) as PostRow | undefined;
  return row && toPost(row);
}

export function insertPost(db: Db, post: StoredPost, createdBy: string): void {
  db.prepare(
    `INSERT INTO posts (id, testimonial_id, patient_id, consent_id, channel, caption, media_ids, purpose, third_party_pays, sponsor,
       extra_content_kinds, content_kinds, blocking_identifiers, health_mentions, state, created_at, created_by, updated_at)
     VALUES (@id, @testimonialId, @patientId, @consentId, @channel, @caption, @mediaIds, @purpose, @thirdPartyPays, @sponsor,
       @extraContentKinds, @contentKinds, @blockingIdentifiers, @healthMentions, @state, @createdAt, @createdBy, @updatedAt)`,
  ).run(serialise(post, createdBy));
}

function serialise(post: StoredPost, createdBy?: string) {
  const { identifiersApproval: _approval, ...fields } = post;
  return {
    ...fields,
    createdBy,
    blockingIdentifiers: JSON.stringify(post.blockingIdentifiers),
    healthMentions: JSON.stringify(post.healthMentions),
    mediaIds: JSON.stringify(post.mediaIds),
    thirdPartyPays: post.thirdPartyPays ? 1 : 0,
    extraContentKinds: JSON.stringify(post.extraContentKinds),
    contentKinds: JSON.stringify(post.contentKinds),
  };
}

/** Save a draft's content (the caller has applied the workflow step). */
export function updatePostContent(db: Db, post: StoredPost): void {
  db.prepare(
    `UPDATE posts SET consent_id = @consentId, channel = @channel, caption = @caption, media_ids = @mediaIds, purpose = @purpose,
       third_party_pays = @thirdPartyPays, sponsor = @sponsor, extra_content_kinds = @extraContentKinds, content_kinds = @contentKinds,
       blocking_identifiers = @blockingIdentifiers, health_mentions = @healthMentions,
       state = @state, approved_at = @approvedAt, relied_consent_pdf_sha256 = @reliedConsentPdfSha256, updated_at = @updatedAt
     WHERE id = @id`,
  ).run(serialise(post));
}

/** What a post discloses, derived again (the rules or the patient's record changed). */
export function updateDisclosures(
  db: Db,
  id: string,
  d: { contentKinds: ContentKind[]; blockingIdentifiers: IdentifierKind[]; healthMentions: HealthMentionSummary[] },
): void {
  db.prepare('UPDATE posts SET content_kinds = ?, blocking_identifiers = ?, health_mentions = ? WHERE id = ?').run(
    JSON.stringify(d.contentKinds),
    JSON.stringify(d.blockingIdentifiers),
    JSON.stringify(d.healthMentions),
    id,
  );
}

/** An administrator's approval of the identifiers in a post's caption and quote as they are now. */
export function approveIdentifiers(db: Db, id: string, a: { by: string; at: string; reason: string; sha256: string }): void {
  db.prepare(
    `UPDATE posts SET identifiers_approved_by = @by, identifiers_approved_at = @at, identifiers_approval_reason = @reason,
       identifiers_approved_sha256 = @sha256 WHERE id = @id`,
  ).run({ ...a, id });
}

/** Flag a published post for review (a parent's authorization ended), or clear the flag. */
export function setReview(db: Db, id: string, review: { at: string; reason: string } | null): void {
  db.prepare('UPDATE posts SET review_required_at = ?, review_reason = ? WHERE id = ?').run(review?.at ?? null, review?.reason ?? null, id);
}

export function setPostState(
  db: Db,
  id: string,
  state: PostState,
  at: string,
  fields: Partial<{
    approvedBy: string | null;
    approvedAt: string | null;
    reliedConsentPdfSha256: string | null;
    publishedAt: string;
    publishedUrl: string;
    takedownRequiredAt: string;
    takedownReason: string;
    takenDownAt: string;
    takenDownBy: string;
  }> = {},
): void {
  const columns: Record<string, string> = {
    approvedBy: 'approved_by',
    approvedAt: 'approved_at',
    reliedConsentPdfSha256: 'relied_consent_pdf_sha256',
    publishedAt: 'published_at',
    publishedUrl: 'published_url',
    takedownRequiredAt: 'takedown_required_at',
    takedownReason: 'takedown_reason',
    takenDownAt: 'taken_down_at',
    takenDownBy: 'taken_down_by',
  };
  const sets = Object.keys(fields).map((k) => `${columns[k]} = @${k}`);
  cachedStatement(db, `UPDATE posts SET state = @state, updated_at = @at${sets.map((s) => `, ${s}`).join('')} WHERE id = @id`).run({
    ...fields,
    id,
    state,
    at,
  });
}

export function countPostsByState(db: Db): Record<PostState, number> {
  const counts: Record<PostState, number> = { draft: 0, approved: 0, published: 0, takedown_required: 0, taken_down: 0 };
  // Kept by triggers as posts are added, change state or go (migration 014): no count over every post.
  for (const row of db.prepare('SELECT state, n FROM post_state_counts').all() as { state: PostState; n: number }[]) {
    counts[row.state] = row.n;
  }
  return counts;
}
