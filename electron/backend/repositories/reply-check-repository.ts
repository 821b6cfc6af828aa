import type { ReplyCheck } from '../../../shared/posts/review-reply';
import type { Db } from '../store/database';

/**
 * Every review reply checked, kept as evidence that replies are reviewed:
 * who checked it, when, the reply itself (inside the encrypted store), and
 * the checker's decision with its findings. The table is append-only.
 */
export function recordReplyCheck(db: Db, r: { id: string; at: string; by: string; reply: string; check: ReplyCheck }): void {
  db.prepare('INSERT INTO reply_checks (id, checked_at, checked_by, reply, decision, findings) VALUES (?, ?, ?, ?, ?, ?)').run(
    r.id,
    r.at,
    r.by,
    r.reply,
    r.check.safe ? 'pass' : 'flag',
    JSON.stringify(r.check.concerns.map(({ kind, start, end }) => ({ kind, start, end }))),
  );
}

export function countReplyChecks(db: Db): number {
  return db.prepare('SELECT count(*) FROM reply_checks').pluck().get() as number;
}
