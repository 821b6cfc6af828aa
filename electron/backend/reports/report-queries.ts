import type { RevocationMethod } from '../../../shared/authorization/record';
import type { ContentKind, Purpose } from '../../../shared/authorization/scope';
import { addDaysTo, type Day } from '../../../shared/calendar';
import { dayRangeInstants } from '../../../shared/compliance/day-range';
import { expiringConsentsReport, type ExpiringConsentsReport } from '../../../shared/compliance/expiring-consents';
import { revocationReport, type RevocationReport } from '../../../shared/compliance/revocation-report';
import { staffActivityReport, type ActivityCount, type StaffActivityReport } from '../../../shared/compliance/staff-activity';
import { uncoveredPostsReport, type PostFacts, type UncoveredPostsReport } from '../../../shared/compliance/uncovered-posts';
import type { ConsentScopeView } from '../../../shared/posts/consent-scope';
import type { PostState } from '../../../shared/posts/post';
import { consentsExpiringBy, scopeView } from '../repositories/consent-scope-repository';
import { listStaff } from '../repositories/staff-repository';
import type { Db } from '../store/database';
import type { CheckContext } from '../posts/post-checks';
import type { HealthMentionSummary } from '../../../shared/posts/disclosures';
import type { IdentifierKind } from '../../../shared/posts/phi-scanner';

/** Consents kept at once while the report streams its posts: enough for a practice's posts in a row, bounded whatever its size. */
const consentCacheSize = 2000;

/** Posts ever published or still up, with their consents as they stand: the data of the uncovered-posts report. */
export function uncoveredPosts(db: Db, ctx: CheckContext): UncoveredPostsReport {
  const { today } = ctx;
  type Row = {
    id: string;
    patient_id: string;
    first_name: string;
    last_name: string;
    consent_id: string | null;
    purged_consent_id?: string | null;
    date_of_birth: string | null;
    sponsor: string;
    blocking_identifiers: string;
    health_mentions: string;
    identifiers_approved_at: string | null;
    channel: string;
    purpose: Purpose;
    third_party_pays: number;
    content_kinds: string;
    state: PostState;
    published_at: string | null;
    published_url: string | null;
    takedown_required_at: string | null;
  };
  // Streamed: every published post is read once, row by row, and only the uncovered ones are kept;
  // consents are read as their posts come, in a cache bounded like the export's. Unsorted: no index
  // orders posts by publication, so ORDER BY had SQLite sort every published post, all its columns,
  // in memory (temp_store): 349 MB at 100k. The few kept are sorted instead, in the same order.
  const rows = db
    .prepare(
      `SELECT p.*, pt.first_name, pt.last_name, pt.date_of_birth FROM posts p JOIN patients pt ON pt.id = p.patient_id
       WHERE p.published_at IS NOT NULL OR p.state IN ('published', 'takedown_required')`,
    )
    .iterate() as IterableIterator<Row>;
  const consents = new Map<string, ConsentScopeView>();
  function* posts(): Generator<PostFacts> {
    for (const r of rows) {
      if (r.consent_id && !consents.has(r.consent_id)) {
        if (consents.size >= consentCacheSize) consents.clear();
        const view = scopeView(db, r.consent_id, ctx);
        if (view) consents.set(r.consent_id, view);
      }
      yield {
        id: r.id,
        patientId: r.patient_id,
        patientName: `${r.first_name} ${r.last_name}`,
        consentId: r.consent_id,
        purgedConsentId: r.purged_consent_id ?? null,
        channel: r.channel,
        purpose: r.purpose,
        thirdPartyPays: r.third_party_pays === 1,
        sponsor: r.sponsor,
        contentKinds: JSON.parse(r.content_kinds) as ContentKind[],
        blockingIdentifiers: JSON.parse(r.blocking_identifiers) as IdentifierKind[],
        healthMentions: JSON.parse(r.health_mentions) as HealthMentionSummary[],
        identifiersApproved: r.identifiers_approved_at !== null,
        patientDateOfBirth: r.date_of_birth,
        state: r.state,
        publishedAt: r.published_at,
        publishedUrl: r.published_url,
        takedownRequiredAt: r.takedown_required_at,
      };
    }
  }
  const report = uncoveredPostsReport(posts(), consents, today, { ageOfMajority: ctx.ageOfMajority });
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

export function expiringConsents(db: Db, ctx: CheckContext): ExpiringConsentsReport {
  const { today } = ctx;
  const consents = consentsExpiringBy(db, addDaysTo(today, 90), ctx);
  const posts = db
    .prepare("SELECT id, consent_id AS consentId, state, channel FROM posts WHERE consent_id IN (SELECT value FROM json_each(?)) AND state <> 'taken_down'")
    .all(JSON.stringify(consents.map((c) => c.id))) as { id: string; consentId: string; state: PostState; channel: string }[];
  return expiringConsentsReport(consents, posts, today);
}

export function revocations(db: Db, from: Day, to: Day, timeZone: string): RevocationReport {
  const { fromInstant, toInstant } = dayRangeInstants(from, to, timeZone);
  type Row = {
    consentId: string;
    patientId: string;
    first_name: string;
    last_name: string;
    receivedOn: string;
    recordedAt: string;
    method: RevocationMethod;
  };
  const rows = db
    .prepare(
      `SELECT a.id AS consentId, a.patient_id AS patientId, p.first_name, p.last_name, a.revocation_received_on AS receivedOn,
         a.revoked_at AS recordedAt, a.revocation_method AS method
       FROM authorizations a JOIN patients p ON p.id = a.patient_id
       WHERE a.revoked_at >= ? AND a.revoked_at < ? ORDER BY a.revoked_at`,
    )
    .all(fromInstant, toInstant) as Row[];
  const posts = db
    .prepare(
      `SELECT id, consent_id AS consentId, channel, state, published_at AS publishedAt, takedown_required_at AS takedownRequiredAt,
         taken_down_at AS takenDownAt
       FROM posts WHERE consent_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(rows.map((r) => r.consentId))) as Parameters<typeof revocationReport>[1];
  return revocationReport(
    rows.map(({ first_name, last_name, ...r }) => ({ ...r, patientName: `${first_name} ${last_name}` })),
    posts,
    from,
    to,
    timeZone,
  );
}

export function staffActivity(db: Db, from: Day, to: Day, timeZone: string): StaffActivityReport {
  const { fromInstant, toInstant } = dayRangeInstants(from, to, timeZone);
  const counts = db
    .prepare(
      `SELECT actor_id AS actorId, actor_name AS actorName, action, count(*) AS count, min(at) AS firstAt, max(at) AS lastAt
       FROM audit_events WHERE at >= ? AND at < ? GROUP BY actor_id, actor_name, action`,
    )
    .all(fromInstant, toInstant) as ActivityCount[];
  return staffActivityReport(counts, listStaff(db), from, to);
}
