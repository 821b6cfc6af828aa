import type { RevocationMethod, Stage } from '../../../shared/authorization/record';
import type { AuthorizationTerms, ContentKind, Purpose } from '../../../shared/authorization/scope';
import { authorizationStatus, type AuthorizationStatus } from '../../../shared/authorization/status';
import type { Day } from '../../../shared/calendar';
import type { ExportCounts, ExportParams } from '../../../shared/compliance/audit-bundle';
import { dayRangeInstants } from '../../../shared/compliance/day-range';
import type { PostState } from '../../../shared/posts/post';
import { checkCoverageOn, consentOnDay, type ConsentOnDay, type CoverageVerdict } from '../../../shared/posts/coverage';
import { consentJudged, type CheckContext } from '../posts/post-checks';
import type { HealthMentionSummary } from '../../../shared/posts/disclosures';
import type { IdentifierKind } from '../../../shared/posts/phi-scanner';
import { toScopeView } from '../repositories/consent-scope-repository';
import type { Db } from '../store/database';
import { exportCondition } from '../store-engine/sqlite-export-records';
import type { ExportCursor, ExportFilter, ExportRecords, ExportedAuthorization, ExportedPost } from '../store-pg/store-interface-export';

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
export interface AuthorizationRow {
  id: string;
  patient_id: string;
  template_id: string;
  terms: string;
  stage: Stage;
  created_at: string;
  signed_at: string | null;
  signer_name: string | null;
  witnessed_at: string | null;
  revoked_at: string | null;
  revocation_received_on: string | null;
  revocation_method: RevocationMethod | null;
  expiration_event_at: string | null;
  expiration_event_on: string | null;
  pdf_sha256: string | null;
  revocation_pdf_sha256: string | null;
}

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

/** Everything of a post that the coverage rule reads, beside its consent, as one key. */
const ruleInputOf = (p: PostRow): string =>
  `${p.patient_id}\u0000${p.channel}\u0000${p.purpose}\u0000${p.third_party_pays}\u0000${p.sponsor}\u0000${p.identifiers_approved_at !== null}\u0000${p.content_kinds}\u0000${p.blocking_identifiers}\u0000${p.health_mentions}`;

/**
 * What a bundle will hold, fixed when the export starts: the
 * authorizations (small records; the PDFs are read one at a time later, by
 * id), how many posts relied on them (read row by row as posts.csv is
 * written, see `selectedPosts`: with their captions and verdicts they would
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

type IndexRow = {
  id: string;
  patient_id: string;
  first_name: string;
  last_name: string;
  stage: Stage;
  terms: string;
  signed_at: string | null;
  witnessed_at: string | null;
  revoked_at: string | null;
  revocation_received_on: string | null;
  expiration_event_at: string | null;
  expiration_event_on: string | null;
  pdf_sha256: string | null;
};

type PostRow = {
  id: string;
  consent_id: string;
  patient_id: string;
  testimonial_id: string;
  channel: string;
  purpose: Purpose;
  third_party_pays: number;
  sponsor: string;
  content_kinds: string;
  blocking_identifiers: string;
  health_mentions: string;
  identifiers_approved_at: string | null;
  identifiers_approval_reason: string | null;
  identifiers_approved_by_name: string | null;
  caption: string;
  state: PostState;
  created_at: string;
  approved_at: string | null;
  published_at: string | null;
  published_url: string | null;
  relied_consent_pdf_sha256: string | null;
  takedown_required_at: string | null;
  takedown_reason: string | null;
  taken_down_at: string | null;
};

export const selectionRule = 'authorizations signed, revoked or ended by their expiration event within the range; every post that relied on them';

/**
 * Choose what goes into a bundle. Authorizations are chosen when they were
 * signed, revoked or had their expiration event recorded within the range
 * (the practice's calendar days); then by patient and by status today.
 * Posts: every post that relied on a chosen authorization. Drafts were
 * never signed and are never exported.
 */
export function selectForExport(db: Db, params: Pick<ExportParams, 'from' | 'to' | 'patientIds' | 'states' | 'includeNames'>, ctx: CheckContext): ExportSelection {
  const { today } = ctx;
  const { fromInstant, toInstant } = dayRangeInstants(params.from, params.to, ctx.timeZone);
  const filter: ExportFilter = { fromInstant, toInstant, patientIds: params.patientIds ?? null };
  const { where, params: bound } = exportCondition(filter);
  /*
   * Sorted ids only, then each one's columns of the covering index (and the patient's name) by id: no walk through
   * blobs. Sorting whole rows (terms and all) held them in memory (temp_store) for as long as the PDFs went in,
   * native memory that grew with the store.
   */
  const chosenIds = db.prepare(`SELECT a.id FROM authorizations a WHERE ${where} ORDER BY a.signed_at, a.id`).pluck();
  const revokedIds = db.prepare(`SELECT a.id FROM authorizations a WHERE ${where} AND a.revoked_at IS NOT NULL ORDER BY a.signed_at, a.id`).pluck();
  const chosenRow = db.prepare(
    `SELECT a.id, a.patient_id, p.first_name, p.last_name, a.stage, a.terms, a.signed_at, a.witnessed_at, a.revoked_at,
       a.revocation_received_on, a.expiration_event_at, a.expiration_event_on, a.pdf_sha256
     FROM authorizations a JOIN patients p ON p.id = a.patient_id WHERE a.id = ?`,
  );
  const states = params.states ? new Set<AuthorizationStatus>(params.states) : null;
  // Outside the covering index, so read for revoked authorizations only (a few): one row look-up each.
  const scanOf = db.prepare('SELECT revocation_scan_sha256 AS sha256, revocation_scan_type AS mimeType FROM authorizations WHERE id = ? AND revocation_scan_sha256 IS NOT NULL');
  /*
   * Read again each time the bundle walks them, on the same connection and read transaction, so the same rows in
   * the same order: kept, 100k of them were the largest thing the export held (with the JSON of their ids for the
   * posts' query), and its heap grew with the store.
   */
  function* authorizations(ids = chosenIds): Generator<SelectedAuthorization> {
    for (const id of ids.iterate(bound) as IterableIterator<string>) {
      const r = chosenRow.get(id) as IndexRow | undefined;
      // Inside one read transaction the row is there; the join (a patient) is what could drop it, as before.
      if (!r) continue;
      const status = statusOn(r, today);
      if (states && !states.has(status)) continue;
      yield {
        id: r.id,
        patientId: r.patient_id,
        name: params.includeNames ? { firstName: r.first_name, lastName: r.last_name } : null,
        status,
        pdfSha256: r.pdf_sha256,
        revoked: r.revoked_at !== null,
        revocationScan: r.revoked_at !== null ? ((scanOf.get(r.id) as { sha256: string; mimeType: string } | undefined) ?? null) : null,
      };
    }
  }

  let chosen = 0;
  let revocations = 0;
  let pdfs = 0;
  let scans = 0;
  let postCount = 0;
  if (states) {
    // A status is worked out in JavaScript (from the terms): counted in one walk, each one's posts on posts_consent.
    const postsOf = db.prepare('SELECT count(*) FROM posts WHERE consent_id = ?').pluck();
    for (const a of authorizations()) {
      chosen += 1;
      if (a.revoked) revocations += 1;
      if (a.pdfSha256 !== null) pdfs += 1;
      if (a.revocationScan !== null) scans += 1;
      postCount += postsOf.get(a.id) as number;
    }
  } else {
    /*
     * Counted by SQLite on the covering index (the same rows the walk yields: those with their patient), without a
     * row object, a parsed terms and a status per authorization: the walk that counted them cost as much as the
     * one that writes their PDFs. Scans are outside the index: looked up for the revoked ones only (a few).
     */
    const totals = db
      .prepare(`SELECT count(*) AS chosen, count(a.revoked_at) AS revocations, count(a.pdf_sha256) AS pdfs FROM authorizations a JOIN patients p ON p.id = a.patient_id WHERE ${where}`)
      .get(bound) as { chosen: number; revocations: number; pdfs: number };
    ({ chosen, revocations, pdfs } = totals);
    if (revocations > 0) {
      const revoked = db.prepare(`SELECT a.id FROM authorizations a JOIN patients p ON p.id = a.patient_id WHERE ${where} AND a.revoked_at IS NOT NULL`).pluck();
      for (const id of revoked.iterate(bound) as IterableIterator<string>) if (scanOf.get(id) !== undefined) scans += 1;
    }
    if (chosen > 0) postCount = db.prepare(`SELECT count(*) FROM posts WHERE consent_id IN (SELECT a.id FROM authorizations a WHERE ${where})`).pluck().get(bound) as number;
  }

  const trailHead = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string };
  const span = db
    .prepare('SELECT min(seq) AS first, max(seq) AS last FROM audit_events WHERE at >= ? AND at < ? AND seq <= ?')
    .get(fromInstant, toInstant, trailHead.seq) as { first: number | null; last: number | null };
  const events = span.first === null || span.last === null ? 0 : span.last - span.first + 1;

  return {
    today,
    check: ctx,
    authorizations: () => authorizations(),
    revokedAuthorizations: () => authorizations(revokedIds),
    filter,
    chosen: { where, params: bound, states },
    files: { pdfs, scans },
    audit: { firstSeq: span.first, lastSeq: span.last, events },
    trailHead,
    counts: {
      authorizations: chosen,
      revocations,
      posts: postCount,
      auditEvents: events,
    },
  };
}

/** Authorizations read at a time from the engine's snapshot: a page in memory, never the whole selection. */
const authorizationPage = 500;

/**
 * `selectForExport` on the store engine (either engine): the same choice,
 * order, counts and audit span, read through the export's repository
 * functions on the snapshot's transaction `tx` (`records.exports`). The
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

/** An authorization's status on `today`, from the columns the selection reads. */
function statusOn(r: Pick<IndexRow, 'terms' | 'stage' | 'revoked_at' | 'expiration_event_at'>, today: Day): AuthorizationStatus {
  const terms = JSON.parse(r.terms) as AuthorizationTerms;
  return authorizationStatus({ stage: r.stage, expiration: terms.expiration, revokedAt: r.revoked_at, expirationEventAt: r.expiration_event_at }, today);
}

/**
 * Consents kept judged at once while posts are judged: posts come in date
 * order, so their consents repeat nearby. Few, and the oldest goes first: a
 * cache of 2,000 cleared when full kept each consent long enough to be
 * promoted to V8's old space, and at 10k the export's heap grew from 60 to
 * 220 MB of such garbage between collections while posts.csv was written.
 */
const judgedCacheSize = 256;

/** Posts few enough to find by their consents and sort in memory (a single patient's, a short range). */
const postsSortedAtMost = 5000;

/**
 * The posts that relied on the selection's authorizations, in the order of
 * posts.csv (created, then id), each with its verdict on the export's day:
 * one row at a time from a single statement, so memory stays flat however
 * many there are. Each consent's scope is read when a post first needs it
 * and kept in a small cache. `db` must be the connection (and read
 * transaction) the selection was made on, so the posts are those counted.
 */
export function* selectedPosts(db: Db, selection: ExportSelection): Generator<SelectedPost> {
  if (selection.counts.authorizations === 0) return;
  const { states } = selection.chosen;
  const ctx = selection.check;
  const scopeRow = db.prepare(
    `SELECT a.id, a.patient_id, p.first_name, p.last_name, a.stage, a.terms, a.signed_at, a.witnessed_at, a.revoked_at,
       a.revocation_received_on, a.expiration_event_at, a.expiration_event_on, a.pdf_sha256
     FROM authorizations a JOIN patients p ON p.id = a.patient_id WHERE a.id = ?`,
  );
  // Each consent as it stands on the export's day, for its patient (status, age), worked out once for its posts.
  // With it, whether the selection kept it (a status filter), and its patient's name for posts.csv.
  const judged = new Map<string, JudgedConsent>();
  const judgedOf = (id: string): JudgedConsent => {
    let consent = judged.get(id);
    if (consent === undefined) {
      const row = scopeRow.get(id) as IndexRow | undefined;
      consent = {
        onDay: consentJudged(db, row ? toScopeView(row, ctx) : null, ctx),
        kept: !states || (row !== undefined && states.has(statusOn(row, ctx.today))),
        patientName: row ? `${row.first_name} ${row.last_name}` : null,
        verdicts: new Map(),
      };
      if (judged.size >= judgedCacheSize) judged.delete(judged.keys().next().value!);
      judged.set(id, consent);
    }
    return consent;
  };
  // Found by consent, the posts must then be sorted: SQLite sorts them in a temporary b-tree, captions and all, in
  // memory (temp_store), which at 500k posts is most of the store's posts in native memory. Past a few thousand it
  // walks them in order on their index instead, keeping the selection's: memory stays flat, whatever the store's size.
  const inCreatedOrder = selection.counts.posts > postsSortedAtMost ? 'INDEXED BY posts_created' : '';
  const postRows = db
    .prepare(
      `SELECT posts.id, consent_id, patient_id, testimonial_id, channel, purpose, third_party_pays, sponsor, content_kinds, blocking_identifiers,
         health_mentions, identifiers_approved_at, identifiers_approval_reason, approver.display_name AS identifiers_approved_by_name, caption, state,
         posts.created_at, approved_at, published_at, published_url, relied_consent_pdf_sha256, takedown_required_at, takedown_reason, taken_down_at
       FROM posts ${inCreatedOrder} LEFT JOIN staff approver ON approver.id = posts.identifiers_approved_by
       WHERE consent_id IN (SELECT a.id FROM authorizations a WHERE ${selection.chosen.where}) ORDER BY posts.created_at, posts.id`,
    )
    .iterate(selection.chosen.params) as IterableIterator<PostRow>;
  for (const p of postRows) {
    const consent = judgedOf(p.consent_id);
    if (!consent.kept) continue;
    const key = ruleInputOf(p);
    let judged = consent.verdicts.get(key);
    if (judged === undefined) {
      const post = {
        patientId: p.patient_id,
        channel: p.channel,
        purpose: p.purpose,
        thirdPartyPays: p.third_party_pays === 1,
        sponsor: p.sponsor,
        identifiersApproved: p.identifiers_approved_at !== null,
      };
      const contentKinds = JSON.parse(p.content_kinds) as ContentKind[];
      const disclosures = {
        contentKinds,
        blockingIdentifiers: JSON.parse(p.blocking_identifiers) as IdentifierKind[],
        healthMentions: JSON.parse(p.health_mentions) as HealthMentionSummary[],
      };
      // verdictOf's rule, with the consent judged once for all its posts.
      judged = { verdict: checkCoverageOn(post, disclosures, consent.onDay), contentKinds };
      consent.verdicts.set(key, judged);
    }
    yield {
      id: p.id,
      consentId: p.consent_id,
      patientId: p.patient_id,
      testimonialId: p.testimonial_id,
      channel: p.channel,
      purpose: p.purpose,
      thirdPartyPays: p.third_party_pays === 1,
      contentKinds: judged.contentKinds,
      caption: p.caption,
      state: p.state,
      createdAt: p.created_at,
      approvedAt: p.approved_at,
      publishedAt: p.published_at,
      publishedUrl: p.published_url,
      reliedConsentPdfSha256: p.relied_consent_pdf_sha256,
      takedownRequiredAt: p.takedown_required_at,
      takedownReason: p.takedown_reason,
      takenDownAt: p.taken_down_at,
      sponsor: p.sponsor,
      identifiersApproval: p.identifiers_approved_at
        ? { byName: p.identifiers_approved_by_name ?? '', at: p.identifiers_approved_at, reason: p.identifiers_approval_reason ?? '' }
        : null,
      verdictToday: judged.verdict,
      consentPatientName: consent.patientName,
    };
  }
}

/** Posts read at a time from the engine's snapshot. */
const postPage = 500;

/** Everything of a post that the coverage rule reads, beside its consent, as one key (`ruleInputOf` of an engine's post). */
const ruleInputOfPost = (p: ExportedPost): string =>
  `${p.patientId}\u0000${p.channel}\u0000${p.purpose}\u0000${p.thirdPartyPays}\u0000${p.sponsor}\u0000${p.identifiersApproval !== null}\u0000${JSON.stringify(p.contentKinds)}\u0000${JSON.stringify(p.blockingIdentifiers)}\u0000${JSON.stringify(p.healthMentions)}`;

/**
 * `selectedPosts` on the store engine (either engine): the posts that relied
 * on the selection's authorizations, in posts.csv's order, each with its
 * verdict on the export's day, read a page at a time through the export's
 * repository functions on the snapshot's transaction `tx`; each consent read
 * once when a post first needs it, kept in the same small cache.
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
