import type { PostReviewMessage, PostReviewMessageKind } from '../../../shared/program/post-review';
import type { Db } from '../store/database';

type MessageRow = { id: string; post_id: string; at: string; by_staff: string; display_name: string; role: string; kind: PostReviewMessageKind; body: string; content_sha256: string };

const toMessage = (r: MessageRow): PostReviewMessage => ({
  id: r.id,
  postId: r.post_id,
  at: r.at,
  byStaffId: r.by_staff,
  byName: r.display_name,
  kind: r.kind,
  body: r.body,
  contentSha256: r.content_sha256,
});

const select = `SELECT m.*, s.display_name, s.role FROM post_review_messages m JOIN staff s ON s.id = m.by_staff`;

/** A post's thread, oldest first. */
export function threadOf(db: Db, postId: string): PostReviewMessage[] {
  return (db.prepare(`${select} WHERE m.post_id = ? ORDER BY m.at, m.rowid`).all(postId) as MessageRow[]).map(toMessage);
}

export function insertReviewMessage(db: Db, m: { id: string; postId: string; at: string; by: string; kind: PostReviewMessageKind; body: string; contentSha256: string }): void {
  db.prepare('INSERT INTO post_review_messages (id, post_id, at, by_staff, kind, body, content_sha256) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    m.id,
    m.postId,
    m.at,
    m.by,
    m.kind,
    m.body,
    m.contentSha256,
  );
}

/** Every post that has a thread, with its messages, for the officer's queue and the report. Optionally messages in [fromIso, toIso). */
export function allThreads(db: Db, range?: { fromIso: string; toIso: string }): Map<string, PostReviewMessage[]> {
  const rows = db.prepare(`${select} ${range ? 'WHERE m.at >= ? AND m.at < ?' : ''} ORDER BY m.at, m.rowid`).all(...(range ? [range.fromIso, range.toIso] : [])) as MessageRow[];
  const threads = new Map<string, PostReviewMessage[]>();
  for (const r of rows) {
    let thread = threads.get(r.post_id);
    if (!thread) threads.set(r.post_id, (thread = []));
    thread.push(toMessage(r));
  }
  return threads;
}
