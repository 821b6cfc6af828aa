import type { ContentKind, Purpose } from '../../../shared/authorization/scope';
import { authorizationStatus, type AuthorizationStatus } from '../../../shared/authorization/status';
import type { Day } from '../../../shared/calendar';
import type { ExportCounts, ExportParams } from '../../../shared/compliance/audit-bundle';
import { dayRangeInstants } from '../../../shared/compliance/day-range';
import type { PostState } from '../../../shared/posts/post';
import { checkCoverageOn, consentOnDay, type ConsentOnDay, type CoverageVerdict } from '../../../shared/posts/coverage';
import type { CheckContext } from '../posts/post-checks';
import { toScopeView } from '../repositories/consent-scope-repository';
import { exportCondition } from '../store-engine/sqlite-export-records';
import type { ExportCursor, ExportFilter, ExportRecords, ExportedAuthorization, ExportedPost, ExportedRecord } from '../store-pg/store-interface-export';

/**
 * One authorization chosen for a bundle, kept small (a bundle may hold tens
 * of thousands): what the covering index `authorizations_scope` holds
 * (reading anything stored after the signature image and PDF means walking
 * their pages) and its status on the day of the export. The rest of its
 * record is read with its PDF, one row at a time.
 */
export interface SelectedAuthorization {
  id: string;
  patientId: string;
  /** Only when the officer asked for names. */
  name: { firstName: string; lastName: string } | null;
  status: AuthorizationStatus;
  pdfSha256: string | null;
  revoked: boolean;
  /** A written revocation's scan: its recorded SHA-256 and type (the bytes are read when the bundle copies it). */
  revocationScan: { sha256: string; mimeType: string } | null;
}

/** An authorization's full record but its blobs, read in the same row read as its PDF. */
export type AuthorizationRow = Omit<ExportedRecord, 'pdf'>;

export interface SelectedPost {
  id: string;
  consentId: string;
  patientId: string;
  testimonialId: string;
  channel: string;
  purpose: Purpose;
  thirdPartyPays: boolean;
  contentKinds: ContentKind[];
  caption: string;
  state: PostState;
  createdAt: string;
  approvedAt: string | null;
  publishedAt: string | null;
  publishedUrl: string | null;
  reliedConsentPdfSha256: string | null;
  takedownRequiredAt: string | null;
  takedownReason: string | null;
  takenDownAt: string | null;
  /** Who paid for it, for a paid post. */
  sponsor: string;
  /** An administrator's decision to let identifiers in it go out, with the reason. */
  identifiersApproval: { byName: string; at: string; reason: string } | null;
  verdictToday: CoverageVerdict;
  /** The name of the patient of the authorization it relied on ("first last"), for posts.csv with names. */
  consentPatientName: string | null;
}

interface JudgedConsent {
  onDay: ConsentOnDay | null;
  kept: boolean;
  patientName: string | null;
  /**
   * Its posts' verdicts and content by what the rule reads of a post (see `ruleInputOf`): a consent's posts mostly
   * repeat a few (a channel or two, the same content), so the rule runs once for each, not once a post.
   */
  verdicts: Map<string, { verdict: CoverageVerdict; contentKinds: ContentKind[] }>;
}

/**
 * What a bundle will hold, fixed when the export starts: the
 * authorizations (small records; the PDFs are read one at a time later, by
 * id), how many posts relied on them (read row by row as posts.csv is
 * written, see `selectedPostsOn`: with their captions and verdicts they would
 * not fit in memory at 500k), and the contiguous run of audit events of the
 * range, up to the trail's head at this moment. Read on a connection held
 * in one read transaction (see `ExportSnapshot`), the rows read later are
 * those of this moment.
 */
export interface ExportSelection {
  today: Day;
  /** The day and practice the posts' verdicts are judged with. */
  check: CheckContext;
  /**
   * The chosen authorizations in the bundle's order, read anew on each call
   * (on the connection and read transaction the selection was made on; on
   * the engine, a page at a time on the snapshot's transaction).
   */
  authorizations: () => Iterable<SelectedAuthorization> | AsyncIterable<SelectedAuthorization>;
  /** The revoked ones among them, in the same order, found on the index rather than by walking them all. */
  revokedAuthorizations: () => Iterable<SelectedAuthorization> | AsyncIterable<SelectedAuthorization>;
  /** What chooses them (the engine's filter); a status filter is applied after. */
  filter: ExportFilter;
  /** The SQL condition (on `authorizations a`) and parameters that choose them on SQLite (posts.csv's statement); a status filter is applied after. */
  chosen: { where: string; params: Record<string, string>; states: ReadonlySet<AuthorizationStatus> | null };
  /** Signed PDFs and revocation scans among them, for the bundle's count of files. */
  files: { pdfs: number; scans: number };
  audit: { firstSeq: number | null; lastSeq: number | null; events: number };
  trailHead: { seq: number; hash: string };
  counts: ExportCounts;
}

export const selectionRule = 'authorizations signed, revoked or ended by their expiration event within the range; every post that relied on them';

/** Authorizations read at a time from the engine's snapshot: a page in memory, never the whole selection. */
const authorizationPage = 500;

/**
 * Choose what goes into a bundle, on either engine. Authorizations are
 * chosen when they were signed, revoked or had their expiration event
 * recorded within the range (the practice's calendar days); then by patient
 * and by status today. Posts: every post that relied on a chosen
 * authorization. Drafts were never signed and are never exported. Read
 * through the export's repository functions on the snapshot's transaction
 * `tx` (`records.exports`), the counts and audit span included. The
 * authorizations are read again a page at a time each time the bundle walks
 * them, on the same snapshot, so the same rows in the same order.
 */
export async function selectForExportOn<Tx>(
  exports: ExportRecords<Tx>,
  tx: Tx,
  params: Pick<ExportParams, 'from' | 'to' | 'patientIds' | 'states' | 'includeNames'>,
  ctx: CheckContext,
): Promise<ExportSelection> {
  const { today } = ctx;
  const { fromInstant, toInstant } = dayRangeInstants(params.from, params.to, ctx.timeZone);
  const filter: ExportFilter = { fromInstant, toInstant, patientIds: params.patientIds ?? null };
  const states = params.states ? new Set<AuthorizationStatus>(params.states) : null;
  const selected = (a: ExportedAuthorization, status: AuthorizationStatus): SelectedAuthorization => ({
    id: a.id,
    patientId: a.patientId,
    name: params.includeNames ? { firstName: a.firstName, lastName: a.lastName } : null,
    status,
    pdfSha256: a.pdfSha256,
    revoked: a.revokedAt !== null,
    revocationScan: a.revokedAt !== null ? a.revocationScan : null,
  });
  async function* pages(revokedOnly: boolean): AsyncGenerator<SelectedAuthorization[]> {
    for (let cursor: ExportCursor | null = null; ; ) {
      const page = await exports.exportAuthorizationsAfter(tx, filter, cursor, authorizationPage, { revokedOnly });
      const kept: SelectedAuthorization[] = [];
      for (const a of page) {
        const status = authorizationStatus({ stage: a.stage, expiration: a.terms.expiration, revokedAt: a.revokedAt, expirationEventAt: a.expirationEventAt }, today);
        if (!states || states.has(status)) kept.push(selected(a, status));
      }
      yield kept;
      if (page.length < authorizationPage) return;
      const last = page.at(-1)!;
      cursor = { signedAt: last.signedAt, id: last.id };
    }
  }
  async function* authorizations(revokedOnly: boolean): AsyncGenerator<SelectedAuthorization> {
    for await (const page of pages(revokedOnly)) yield* page;
  }

  let counts: { authorizations: number; revocations: number; pdfs: number; scans: number; posts: number };
  if (states) {
    // A status is worked out here (from the terms): counted in one walk, a page of posts' counts at a time.
    counts = { authorizations: 0, revocations: 0, pdfs: 0, scans: 0, posts: 0 };
    for await (const page of pages(false)) {
      for (const a of page) {
        counts.authorizations += 1;
        if (a.revoked) counts.revocations += 1;
        if (a.pdfSha256 !== null) counts.pdfs += 1;
        if (a.revocationScan !== null) counts.scans += 1;
      }
      for (const n of (await exports.postCountsOfConsents(tx, page.map((a) => a.id))).values()) counts.posts += n;
    }
  } else {
    counts = await exports.exportTotals(tx, filter);
  }
  const span = await exports.exportAuditSpan(tx, fromInstant, toInstant);
  const events = span.firstSeq === null || span.lastSeq === null ? 0 : span.lastSeq - span.firstSeq + 1;
  const { where, params: bound } = exportCondition(filter);
  return {
    today,
    check: ctx,
    authorizations: () => authorizations(false),
    revokedAuthorizations: () => authorizations(true),
    filter,
    chosen: { where, params: bound, states },
    files: { pdfs: counts.pdfs, scans: counts.scans },
    audit: { firstSeq: span.firstSeq, lastSeq: span.lastSeq, events },
    trailHead: span.trailHead,
    counts: { authorizations: counts.authorizations, revocations: counts.revocations, posts: counts.posts, auditEvents: events },
  };
}

/**
 * Consents kept judged at once while posts are judged: posts come in date
 * order, so their consents repeat nearby. Few, and the oldest goes first: a
 * cache of 2,000 cleared when full kept each consent long enough to be
 * promoted to V8's old space, and at 10k the export's heap grew from 60 to
 * 220 MB of such garbage between collections while posts.csv was written.
 */
const judgedCacheSize = 256;

/** Posts read at a time from the engine's snapshot. */
const postPage = 500;

/** Everything of a post that the coverage rule reads, beside its consent, as one key (`ruleInputOf` of an engine's post). */
const ruleInputOfPost = (p: ExportedPost): string =>
  `${p.patientId}\u0000${p.channel}\u0000${p.purpose}\u0000${p.thirdPartyPays}\u0000${p.sponsor}\u0000${p.identifiersApproval !== null}\u0000${JSON.stringify(p.contentKinds)}\u0000${JSON.stringify(p.blockingIdentifiers)}\u0000${JSON.stringify(p.healthMentions)}`;

/**
 * The posts that relied on the selection's authorizations, on either
 * engine, in posts.csv's order (created, then id), each with its
 * verdict on the export's day, read a page at a time through the export's
 * repository functions on the snapshot's transaction `tx`; each consent read
 * once when a post first needs it, kept in a small cache.
 */
export async function* selectedPostsOn<Tx>(exports: ExportRecords<Tx>, tx: Tx, selection: ExportSelection): AsyncGenerator<SelectedPost> {
  if (selection.counts.authorizations === 0) return;
  const { states } = selection.chosen;
  const ctx = selection.check;
  const judged = new Map<string, JudgedConsent>();
  const judgedOf = async (id: string): Promise<JudgedConsent> => {
    let consent = judged.get(id);
    if (consent === undefined) {
      const a = await exports.exportConsent(tx, id);
      const view = a
        ? toScopeView(
            {
              id: a.id,
              patient_id: a.patientId,
              first_name: a.firstName,
              last_name: a.lastName,
              stage: a.stage,
              terms: '',
              signed_at: a.signedAt,
              witnessed_at: a.witnessedAt,
              revoked_at: a.revokedAt,
              revocation_received_on: a.revocationReceivedOn,
              expiration_event_at: a.expirationEventAt,
              expiration_event_on: a.expirationEventOn,
              pdf_sha256: a.pdfSha256,
            },
            ctx,
            a.terms,
          )
        : null;
      consent = {
        // consentJudged's rule: the consent as it stands on the day, for its patient's age.
        onDay: view ? consentOnDay(view, ctx.today, { dateOfBirth: a!.dateOfBirth }, { ageOfMajority: ctx.ageOfMajority }) : null,
        kept:
          !states ||
          (a !== undefined && states.has(authorizationStatus({ stage: a.stage, expiration: a.terms.expiration, revokedAt: a.revokedAt, expirationEventAt: a.expirationEventAt }, ctx.today))),
        patientName: a ? `${a.firstName} ${a.lastName}` : null,
        verdicts: new Map(),
      };
      if (judged.size >= judgedCacheSize) judged.delete(judged.keys().next().value!);
      judged.set(id, consent);
    }
    return consent;
  };
  for (let cursor: { createdAt: string; id: string } | null = null; ; ) {
    const page = await exports.exportPostsAfter(tx, selection.filter, cursor, postPage, { total: selection.counts.posts });
    for (const p of page) {
      const consent = await judgedOf(p.consentId);
      if (!consent.kept) continue;
      const key = ruleInputOfPost(p);
      let verdict = consent.verdicts.get(key);
      if (verdict === undefined) {
        const post = { patientId: p.patientId, channel: p.channel, purpose: p.purpose, thirdPartyPays: p.thirdPartyPays, sponsor: p.sponsor, identifiersApproved: p.identifiersApproval !== null };
        const disclosures = { contentKinds: p.contentKinds, blockingIdentifiers: p.blockingIdentifiers, healthMentions: p.healthMentions };
        verdict = { verdict: checkCoverageOn(post, disclosures, consent.onDay), contentKinds: p.contentKinds };
        consent.verdicts.set(key, verdict);
      }
      yield {
        id: p.id,
        consentId: p.consentId,
        patientId: p.patientId,
        testimonialId: p.testimonialId,
        channel: p.channel,
        purpose: p.purpose,
        thirdPartyPays: p.thirdPartyPays,
        contentKinds: verdict.contentKinds,
        caption: p.caption,
        state: p.state,
        createdAt: p.createdAt,
        approvedAt: p.approvedAt,
        publishedAt: p.publishedAt,
        publishedUrl: p.publishedUrl,
        reliedConsentPdfSha256: p.reliedConsentPdfSha256,
        takedownRequiredAt: p.takedownRequiredAt,
        takedownReason: p.takedownReason,
        takenDownAt: p.takenDownAt,
        sponsor: p.sponsor,
        identifiersApproval: p.identifiersApproval,
        verdictToday: verdict.verdict,
        consentPatientName: consent.patientName,
      };
    }
    if (page.length < postPage) return;
    const last = page.at(-1)!;
    cursor = { createdAt: last.createdAt, id: last.id };
  }
}
