import type { Day } from '../../../shared/calendar';
import type { ConsentScopeView } from '../../../shared/posts/consent-scope';
import type { ConsentOnDay, CoverageReason, CoverageVerdict } from '../../../shared/posts/coverage';
import { checkCoverageOn } from '../../../shared/posts/coverage';
import { nextCoverageChange } from '../../../shared/posts/coverage-day';
import { scopeView } from '../repositories/consent-scope-repository';
import type { Db } from '../store/database';
import { cachedStatement } from '../store/statement-cache';
import { checkAllPosts, consentJudged, type CheckContext } from './post-checks';
import { listPosts } from '../repositories/post-repository';

/**
 * Each post's verdict is kept beside it (posts.coverage_*), so lists, the
 * dashboard and "live posts without coverage" read a column and an index
 * rather than run the rule over every post. Triggers (migration 011) put a
 * post in post_coverage_stale whenever something the rule reads changes;
 * `settleCoverage` runs before every write transaction commits and judges
 * the stale posts with the rule itself (`checkCoverageOn`), the single
 * definition. The passing of days is the one input no write touches: the
 * kept `coverage_changes_on` says when a verdict can next change, and
 * `markCoverageDue` (at the practice's midnight, at sign-in) finds those
 * posts through an index.
 */

/** Above this many stale posts, judge them all in one pass (a changed setting, a migrated store). */
const wholeStoreThreshold = 2_000;

export interface KeptVerdict {
  covered: boolean;
  reasons: CoverageReason[];
  changesOn: Day | null;
}

/** Keep one post's verdict beside it (never raises its row version: derived work must not make an edit stale). */
export function keepVerdict(db: Db, postId: string, verdict: KeptVerdict): void {
  cachedStatement(db, 'UPDATE posts SET coverage_covered = ?, coverage_reasons = ?, coverage_changes_on = ? WHERE id = ?').run(
    verdict.covered ? 1 : 0,
    JSON.stringify(verdict.reasons),
    verdict.changesOn,
    postId,
  );
}

/** Judge every stale post with the rule and keep the verdict. Returns how many were judged. */
export function settleCoverage(db: Db, ctx: CheckContext): number {
  const basis = db.prepare('SELECT time_zone, age_of_majority FROM post_coverage_basis WHERE id = 1').raw(true).get() as [string, number] | undefined;
  if (!basis || basis[0] !== ctx.timeZone || basis[1] !== ctx.ageOfMajority) {
    db.prepare('INSERT OR IGNORE INTO post_coverage_stale SELECT id FROM posts').run();
    db.prepare('INSERT INTO post_coverage_basis (id, time_zone, age_of_majority) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET time_zone = excluded.time_zone, age_of_majority = excluded.age_of_majority').run(
      ctx.timeZone,
      ctx.ageOfMajority,
    );
  }
  const stale = db.prepare('SELECT count(*) FROM post_coverage_stale').pluck().get() as number;
  if (stale === 0) return 0;
  const store = (id: string, verdict: CoverageVerdict, changesOn: Day | null) => keepVerdict(db, id, { covered: verdict.covered, reasons: verdict.reasons, changesOn });
  if (stale > wholeStoreThreshold) {
    const changes = changeDaysOfConsents(db, ctx);
    const wanted = new Set(db.prepare('SELECT post_id FROM post_coverage_stale').pluck().all() as string[]);
    for (const checked of checkAllPosts(db, ctx)) {
      if (wanted.has(checked.id)) store(checked.id, checked.verdict, checked.consentId ? (changes.get(checked.consentId) ?? null) : null);
    }
  } else {
    const consents = new Map<string, { judged: ConsentOnDay | null; changesOn: Day | null }>();
    const ofConsent = (id: string | null) => {
      if (id === null) return { judged: null, changesOn: null };
      let found = consents.get(id);
      if (!found) {
        const view = scopeView(db, id, ctx);
        found = { judged: consentJudged(db, view, ctx), changesOn: view ? changeDayOf(db, view, ctx) : null };
        consents.set(id, found);
      }
      return found;
    };
    for (const post of listPosts(db, 'WHERE posts.id IN (SELECT post_id FROM post_coverage_stale)')) {
      const { judged, changesOn } = ofConsent(post.consentId);
      const verdict = checkCoverageOn(
        { patientId: post.patientId, channel: post.channel, purpose: post.purpose, thirdPartyPays: post.thirdPartyPays, sponsor: post.sponsor, identifiersApproved: post.identifiersApproval !== null },
        post,
        judged,
      );
      store(post.id, verdict, changesOn);
    }
  }
  db.prepare('DELETE FROM post_coverage_stale').run();
  return stale;
}

function changeDayOf(db: Db, consent: ConsentScopeView, ctx: CheckContext): Day | null {
  const dateOfBirth = (db.prepare('SELECT date_of_birth FROM patients WHERE id = ?').pluck().get(consent.patientId) as string | undefined) ?? null;
  return nextCoverageChange(consent, { dateOfBirth }, { ageOfMajority: ctx.ageOfMajority }, ctx.today);
}

function changeDaysOfConsents(db: Db, ctx: CheckContext): Map<string, Day | null> {
  const ids = db.prepare('SELECT DISTINCT consent_id FROM posts WHERE consent_id IS NOT NULL').pluck().all() as string[];
  const days = new Map<string, Day | null>();
  for (const id of ids) {
    const view = scopeView(db, id, ctx);
    days.set(id, view ? changeDayOf(db, view, ctx) : null);
  }
  return days;
}

/** Posts whose verdict the passing of days may have changed by `today`: marked stale, through the index on coverage_changes_on. */
export function markCoverageDue(db: Db, today: Day): number {
  return db.prepare('INSERT OR IGNORE INTO post_coverage_stale SELECT id FROM posts WHERE coverage_changes_on IS NOT NULL AND coverage_changes_on <= ?').run(today).changes;
}

/** The kept verdict of one post (null: never judged, which settling prevents). */
export function keptVerdict(db: Db, postId: string): KeptVerdict | null {
  const row = db.prepare('SELECT coverage_covered, coverage_reasons, coverage_changes_on FROM posts WHERE id = ?').raw(true).get(postId) as
    | [number | null, string | null, string | null]
    | undefined;
  if (!row || row[0] === null) return null;
  return { covered: row[0] === 1, reasons: JSON.parse(row[1] ?? '[]') as CoverageReason[], changesOn: row[2] };
}

/** Approved and published posts whose kept verdict says not covered: what the clock's reconciliation looks at (a partial index). */
export function liveUncoveredPostIds(db: Db): string[] {
  return db.prepare("SELECT id FROM posts INDEXED BY posts_uncovered WHERE coverage_covered = 0 AND state IN ('approved', 'published')").pluck().all() as string[];
}

export function countLiveUncovered(db: Db): number {
  return db.prepare("SELECT count(*) FROM posts INDEXED BY posts_uncovered WHERE coverage_covered = 0 AND state IN ('approved', 'published')").pluck().get() as number;
}

/**
 * Every post whose kept verdict differs from the rule's today: what
 * `consent-desk check` reports. On a store checked without being opened
 * (`duePending`), posts waiting to be judged again (a day passed while the
 * app was closed) are judged at the next sign-in and are not differences;
 * on an open store the sweep has judged them, so they count.
 */
export function keptCoverageDifferences(db: Db, ctx: CheckContext, duePending = false): { postId: string; kept: boolean | null; rule: boolean }[] {
  const due = duePending ? 'AND (coverage_changes_on IS NULL OR coverage_changes_on > @today)' : '';
  const kept = new Map(
    (
      db
        .prepare(
          `SELECT id, coverage_covered, coverage_reasons FROM posts
           WHERE id NOT IN (SELECT post_id FROM post_coverage_stale) ${due}`,
        )
        .raw(true)
        .all(duePending ? { today: ctx.today } : {}) as [string, number | null, string | null][]
    ).map(([id, c, r]) => [id, { c, r }]),
  );
  const differences: { postId: string; kept: boolean | null; rule: boolean }[] = [];
  for (const checked of checkAllPosts(db, ctx)) {
    if (!kept.has(checked.id)) continue;
    const k = kept.get(checked.id);
    const same = k && k.c === (checked.verdict.covered ? 1 : 0) && k.r === JSON.stringify(checked.verdict.reasons);
    if (!same) differences.push({ postId: checked.id, kept: k?.c === null || k?.c === undefined ? null : k.c === 1, rule: checked.verdict.covered });
  }
  return differences;
}

