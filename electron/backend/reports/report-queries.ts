import { addDaysTo, type Day } from '../../../shared/calendar';
import { dayRangeInstants } from '../../../shared/compliance/day-range';
import { expiringConsentsReport, type ExpiringConsentsReport } from '../../../shared/compliance/expiring-consents';
import { revocationReport, type RevocationReport } from '../../../shared/compliance/revocation-report';
import { staffActivityReport, type StaffActivityReport } from '../../../shared/compliance/staff-activity';
import { uncoveredPostsReport, type PostFacts, type UncoveredPostsReport } from '../../../shared/compliance/uncovered-posts';
import type { ConsentScopeView } from '../../../shared/posts/consent-scope';
import type { CheckContext } from '../posts/post-checks';
import { scopeViewIn } from '../posts/post-checks-engine';
import type { SharedRecords } from '../store-engine/store-engine';

/**
 * The compliance reports' data on the store engine (issue 15), the same on
 * the encrypted SQLite file and on PostgreSQL: each over the engine's
 * `records` inside one transaction the caller holds (`records.reports` for
 * the rows the reports select, `records.audit` for the staff activity).
 */

/** Consents kept at once while the report reads its posts: enough for a practice's posts in a row, bounded whatever its size. */
const consentCacheSize = 2000;

type Records = SharedRecords<unknown>;

/** Published posts read at a time: each page's consents are read with it, so a page and its consents are all that is held. */
const reportedPostsPage = 500;

/**
 * Posts ever published or still up, with their consents as they stand: the
 * data of the uncovered-posts report. Read a page at a time by id (no index
 * orders posts by publication, and sorting every published post, all its
 * columns, took SQLite 349 MB at 100k); only the uncovered ones are kept,
 * and the few kept are sorted instead, in the same order.
 */
export async function uncoveredPostsIn(records: Records, tx: unknown, ctx: CheckContext): Promise<UncoveredPostsReport> {
  const { today } = ctx;
  const report: UncoveredPostsReport = { generatedOn: today, postsChecked: 0, consentPurged: 0, publishedWithoutCoverage: [], liveWithoutCoverage: [], total: 0 };
  const consents = new Map<string, ConsentScopeView>();
  for (let after: string | null = null; ; ) {
    const page: PostFacts[] = await records.reports.reportedPostsAfter(tx, after, reportedPostsPage);
    // Bounded like the export's cache; a page's consents always fit, so every post of the page finds its own.
    if (consents.size + page.length > consentCacheSize) consents.clear();
    for (const post of page) {
      if (post.consentId && !consents.has(post.consentId)) {
        const view = await scopeViewIn(records, tx, post.consentId, ctx);
        if (view) consents.set(post.consentId, view);
      }
    }
    // The pages hold different posts, so their counts and lists add up.
    const part = uncoveredPostsReport(page, consents, today, { ageOfMajority: ctx.ageOfMajority });
    report.postsChecked += part.postsChecked;
    report.consentPurged += part.consentPurged;
    report.publishedWithoutCoverage.push(...part.publishedWithoutCoverage);
    report.liveWithoutCoverage.push(...part.liveWithoutCoverage);
    report.total += part.total;
    if (page.length < reportedPostsPage) break;
    after = page[page.length - 1]!.id;
  }
  report.publishedWithoutCoverage.sort(byPublication);
  report.liveWithoutCoverage.sort(byPublication);
  return report;
}

/** ORDER BY published_at, id as SQLite sorts them: never published first, then by day and id (ASCII, so code units sort alike). */
function byPublication(a: { publishedOn: string | null; postId: string }, b: { publishedOn: string | null; postId: string }): number {
  if (a.publishedOn !== b.publishedOn) {
    if (a.publishedOn === null) return -1;
    if (b.publishedOn === null) return 1;
    return a.publishedOn < b.publishedOn ? -1 : 1;
  }
  return a.postId < b.postId ? -1 : a.postId > b.postId ? 1 : 0;
}

export async function expiringConsentsIn(records: Records, tx: unknown, ctx: CheckContext): Promise<ExpiringConsentsReport> {
  const { today } = ctx;
  const window = { after: today, through: addDaysTo(today, 90) };
  // All of them: how many first, then that many (the report sorts them itself).
  const { total } = await records.consents.consentsExpiringBetween(tx, window, ctx, 0);
  const consents = total === 0 ? [] : (await records.consents.consentsExpiringBetween(tx, window, ctx, total)).consents;
  const posts = (await records.reports.postsOfConsents(tx, consents.map((c) => c.id))).filter((p) => p.state !== 'taken_down');
  return expiringConsentsReport(consents, posts.map(({ id, consentId, state, channel }) => ({ id, consentId, state, channel })), today);
}

export async function revocationsIn(records: Records, tx: unknown, from: Day, to: Day, timeZone: string): Promise<RevocationReport> {
  const { fromInstant, toInstant } = dayRangeInstants(from, to, timeZone);
  const rows = await records.reports.revocationsBetween(tx, fromInstant, toInstant);
  const posts = await records.reports.postsOfConsents(tx, rows.map((r) => r.consentId));
  return revocationReport(rows, posts, from, to, timeZone);
}

export async function staffActivityIn(records: Records, tx: unknown, from: Day, to: Day, timeZone: string): Promise<StaffActivityReport> {
  const { fromInstant, toInstant } = dayRangeInstants(from, to, timeZone);
  const counts = await records.audit.activityBetween(tx, fromInstant, toInstant);
  return staffActivityReport(counts, await records.staff.listStaff(tx), from, to);
}
