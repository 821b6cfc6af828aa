import { dayOf, daysBetween, type Day } from '../calendar';
import type { RevocationMethod } from '../authorization/record';
import type { PostState } from '../posts/post';

export interface RevocationFacts {
  consentId: string;
  patientId: string;
  patientName: string;
  receivedOn: Day;
  /** When it was recorded: from then on nothing new may rely on the consent. */
  recordedAt: string;
  method: RevocationMethod;
}

export interface RevokedPostFacts {
  id: string;
  consentId: string | null;
  channel: string;
  state: PostState;
  publishedAt: Day | null;
  takedownRequiredAt: string | null;
  takenDownAt: string | null;
}

export interface RevocationRow extends RevocationFacts {
  /** Posts that were up when it was revoked: taken down, or still waiting. */
  posts: {
    id: string;
    channel: string;
    state: PostState;
    publishedOn: Day | null;
    takedownRequiredAt: string | null;
    takenDownAt: string | null;
    /** Published on or after the day the revocation was received: it went out without a valid authorization. */
    publishedAfterReceipt: boolean;
    /** Days from the revocation's record to the take-down's record (null while outstanding). */
    daysToTakeDown: number | null;
  }[];
  outstanding: number;
}

export interface RevocationReport {
  from: Day;
  to: Day;
  rows: RevocationRow[];
  totals: { revocations: number; postsAffected: number; takenDown: number; outstanding: number };
}

/**
 * Revocations recorded in a range and what was taken down because of them:
 * every post that relied on the consent and had been published, with how
 * long its take-down took, and those still waiting.
 */
export function revocationReport(revocations: RevocationFacts[], posts: RevokedPostFacts[], from: Day, to: Day, timeZone: string): RevocationReport {
  const dayOfInstant = (iso: string) => dayOf(new Date(iso), timeZone);
  const rows = revocations
    .filter((r) => {
      const day = dayOfInstant(r.recordedAt);
      return day >= from && day <= to;
    })
    .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt))
    .map((r): RevocationRow => {
      const affected = posts
        .filter((p) => p.consentId === r.consentId && (p.publishedAt !== null || p.state === 'takedown_required' || p.state === 'taken_down'))
        .map((p) => ({
          id: p.id,
          channel: p.channel,
          state: p.state,
          publishedOn: p.publishedAt,
          takedownRequiredAt: p.takedownRequiredAt,
          takenDownAt: p.takenDownAt,
          publishedAfterReceipt: p.publishedAt !== null && p.publishedAt >= r.receivedOn,
          daysToTakeDown: p.takenDownAt ? Math.max(0, daysBetween(dayOfInstant(r.recordedAt), dayOfInstant(p.takenDownAt))) : null,
        }));
      return { ...r, posts: affected, outstanding: affected.filter((p) => p.state !== 'taken_down').length };
    });
  const all = rows.flatMap((r) => r.posts);
  return {
    from,
    to,
    rows,
    totals: {
      revocations: rows.length,
      postsAffected: all.length,
      takenDown: all.filter((p) => p.state === 'taken_down').length,
      outstanding: all.filter((p) => p.state !== 'taken_down').length,
    },
  };
}
