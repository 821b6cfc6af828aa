import type { Day } from '../../../shared/calendar';
import { AppError } from '../../../shared/errors';
import type { ConsentScopeView } from '../../../shared/posts/consent-scope';
import { checkCoverageOn, consentOnDay, onlyEndsNewUses, type ConsentOnDay, type CoverageVerdict } from '../../../shared/posts/coverage';
import { nextCoverageChange } from '../../../shared/posts/coverage-day';
import type { PostView } from '../../../shared/posts/dashboard';
import type { PostDisclosures } from '../../../shared/posts/disclosures';
import type { PostDraft, PostState } from '../../../shared/posts/post';
import { commonPlaceNames } from '../../../shared/posts/text/place-names';
import { reconcile } from '../../../shared/posts/workflow';
import type { PatientChange } from '../engine-core';
import type { PostStateChange } from '../program/incident-opening';
import { scopeViewOfRecord } from '../repositories/consent-scope-repository';
import type { StoredPost } from '../repositories/post-repository';
import type { SharedRecords, StoreEngine } from '../store-engine/store-engine';
import type { PostFilter } from '../store-pg/store-interface';
import { disclosureRulesVersionKey } from './rederive';
import { disclosuresFrom, judgedOf, stateChange, takedownReason, type CheckContext, type JudgedPost } from './post-checks';

/**
 * The posts' checks on the store engine (issue 15, switch-over step 3): what
 * `post-checks.ts`, `rederive.ts` and `kept-coverage.ts` do over the SQLite
 * file, written against the engine's records, so the same code runs inside a
 * transaction of either engine (the SQLite file, a PostgreSQL server). The
 * rules are the shared ones (`checkCoverageOn`, `derivePostDisclosures`,
 * `reconcile`); only the reads and writes differ. Every function takes the
 * transaction handle `tx` of the change it serves and writes nothing outside
 * it.
 */

/** What the posts' engine code needs: the engine's records, the practice's day and settings, and the opening of the compliance program's incidents. */
export interface PostsOnEngine {
  readonly engine: StoreEngine<unknown>;
  checkContext(): CheckContext;
  /**
   * Open the incident a post's change calls for, inside `tx` (on the app's
   * backend `openIncidentForPostChangeIn`, on the engine's records; a test
   * may record what would open instead).
   */
  openIncidentForPostChange(tx: unknown, change: PostStateChange): Promise<void>;
}

type Records = SharedRecords<unknown>;

/**
 * Place names to look for in captions: common ones and every city in the
 * practice's records (never the testimonial patient's city alone: a match
 * says "a place" and confirms no guess). The cities in code-unit order, the
 * same on both engines.
 */
export async function placeNamesIn(records: Records, tx: unknown): Promise<string[]> {
  const cities = (await records.patients.distinctCities(tx)).filter((c) => c !== '').sort();
  return [...new Set([...commonPlaceNames, ...cities])];
}

/** Everything a draft discloses; its media must belong to its testimonial (`deriveDisclosures` on the engine). */
export async function deriveDisclosuresIn(
  records: Records,
  tx: unknown,
  draft: Pick<PostDraft, 'testimonialId' | 'caption' | 'mediaIds' | 'extraContentKinds'>,
  ctx: Pick<CheckContext, 'practice'>,
  places?: string[],
): Promise<{ patientId: string; quote: string; derived: PostDisclosures }> {
  const testimonial = await records.testimonials.getTestimonial(tx, draft.testimonialId);
  if (!testimonial) throw new AppError('not_found', 'That testimonial does not exist.');
  const patient = (await records.patients.getPatient(tx, testimonial.patientId))!;
  const media = await records.testimonials.mediaOfTestimonial(tx, testimonial.id);
  return disclosuresFrom(draft, testimonial, patient, media, ctx, places ?? (await placeNamesIn(records, tx)));
}

/** A consent as marketing sees it (`scopeView` on the engine): the authorization and its patient's name. */
export async function scopeViewIn(records: Records, tx: unknown, id: string, ctx: Pick<CheckContext, 'today' | 'timeZone'>): Promise<ConsentScopeView | null> {
  const a = await records.consents.getAuthorization(tx, id);
  if (!a) return null;
  return scopeViewOfRecord(a, await records.patients.getPatient(tx, a.patientId), ctx);
}

/** The consent as it stands today for its patient (`consentJudged` on the engine). */
export async function consentJudgedIn(records: Records, tx: unknown, consent: ConsentScopeView | null, ctx: CheckContext): Promise<ConsentOnDay | null> {
  if (!consent) return null;
  const dateOfBirth = (await records.patients.getPatient(tx, consent.patientId))?.dateOfBirth ?? null;
  return consentOnDay(consent, ctx.today, { dateOfBirth }, { ageOfMajority: ctx.ageOfMajority });
}

/** The rule's verdict on a post (or a draft) against its consent today (`verdictOf` on the engine). */
export async function verdictIn(records: Records, tx: unknown, post: JudgedPost, consent: ConsentScopeView | null, ctx: CheckContext): Promise<CoverageVerdict> {
  return checkCoverageOn(
    { patientId: post.patientId, channel: post.channel, purpose: post.purpose, thirdPartyPays: post.thirdPartyPays, sponsor: post.sponsor, identifiersApproved: post.identifiersApproved },
    post,
    await consentJudgedIn(records, tx, consent, ctx),
  );
}

/** The post's kept verdict, or the rule's when the kept one is waiting to be judged again (`currentVerdict` on the engine). */
export async function currentVerdictIn(records: Records, tx: unknown, post: StoredPost, ctx: CheckContext, stale?: ReadonlySet<string>): Promise<CoverageVerdict> {
  const waiting = stale ?? new Set(await records.coverage.stalePostIds(tx));
  if (!waiting.has(post.id)) {
    const kept = await records.coverage.keptVerdict(tx, post.id);
    if (kept) return { covered: kept.covered, reasons: kept.reasons };
  }
  return verdictIn(records, tx, judgedOf(post), post.consentId ? await scopeViewIn(records, tx, post.consentId, ctx) : null, ctx);
}

/** A post as the screens show it (`postView` on the engine); the record's row version is answered beside it. A list passes its place names and the stale posts, read once. */
export async function postViewIn(records: Records, tx: unknown, post: StoredPost, ctx: CheckContext, places?: string[], stale?: ReadonlySet<string>): Promise<PostView> {
  const testimonial = (await records.testimonials.getTestimonial(tx, post.testimonialId))!;
  const { identifiersApprovedSha256: _sha, blockingIdentifiers: _b, healthMentions: _h, ...shown } = post;
  return {
    ...shown,
    patientFirstName: testimonial.patientFirstName,
    patientLastName: testimonial.patientLastName,
    testimonialTitle: testimonial.title,
    verdict: await currentVerdictIn(records, tx, post, ctx, stale),
    disclosures: (await deriveDisclosuresIn(records, tx, post, ctx, places ?? (await placeNamesIn(records, tx)))).derived.disclosures,
  };
}

/** Which posts `reconcilePostsIn` looks at: one consent's, one patient's, some by id, or every live one. */
export interface ReconcileFilter {
  consentId?: string;
  patientId?: string;
  postIds?: readonly string[];
}

/**
 * Bring posts in line with today's coverage (`reconcilePosts` on the
 * engine): an approved post whose check fails goes back to draft, a
 * published one becomes "take-down required" (opening its incident in the
 * same transaction), except when the only reason is that a parent's
 * authority ended: then it is listed for review and stays up. Each change
 * audited by `system`. Returns the posts that changed.
 */
export async function reconcilePostsIn(deps: PostsOnEngine, tx: unknown, at: string, filter: ReconcileFilter = {}): Promise<StoredPost[]> {
  const records = deps.engine.records;
  const ctx = deps.checkContext();
  const postFilter: PostFilter = { states: ['approved', 'published'] };
  if (filter.consentId) postFilter.consentId = filter.consentId;
  if (filter.patientId) postFilter.patientId = filter.patientId;
  if (filter.postIds) postFilter.ids = filter.postIds;
  const changed: StoredPost[] = [];
  const consents = new Map<string, ConsentScopeView | null>();
  const system = { at, actorId: null, actorName: 'system', subjectType: 'post' } as const;
  for (const { rowVersion: _v, ...post } of await records.posts.listPosts(tx, postFilter)) {
    if (post.consentId && !consents.has(post.consentId)) consents.set(post.consentId, await scopeViewIn(records, tx, post.consentId, ctx));
    const consent = post.consentId ? consents.get(post.consentId)! : null;
    const verdict = await verdictIn(records, tx, judgedOf(post), consent, ctx);
    if (post.state === 'published' && onlyEndsNewUses(verdict)) {
      if (post.reviewRequiredAt) continue;
      const reason = verdict.reasons.map((r) => r.message).join(' ');
      await records.posts.setReview(tx, post.id, { at, reason });
      await records.audit.appendAudit(tx, { ...system, action: 'post.review_required', subjectId: post.id, detail: 'patient came of age' });
      changed.push({ ...post, reviewRequiredAt: at, reviewReason: reason });
      continue;
    }
    const next = reconcile(post.state, verdict.covered);
    if (next === post.state) continue;
    const reason = next === 'takedown_required' ? takedownReason(post, verdict, consent) : verdict.reasons.map((r) => r.message).join(' ');
    const change = stateChange[next]!;
    await records.posts.setPostState(tx, post.id, next, at, change.field ? { takedownRequiredAt: at, takedownReason: reason } : { approvedAt: null, approvedBy: null });
    await records.audit.appendAudit(tx, { ...system, action: change.action, subjectId: post.id, detail: reason });
    // A published post that lost its cover was live without one: its incident opens in this same transaction.
    await deps.openIncidentForPostChange(tx, { post, from: post.state, to: next, consent, reason, at, today: ctx.today });
    changed.push({ ...post, state: next });
  }
  return changed;
}

const notTakenDown: PostState[] = ['draft', 'approved', 'published', 'takedown_required'];

/** Derive again what posts disclose: every post not taken down, or one patient's (`rederiveDisclosures` on the engine). */
export async function rederiveDisclosuresIn(records: Records, tx: unknown, ctx: Pick<CheckContext, 'practice'>, patientId?: string): Promise<number> {
  const places = await placeNamesIn(records, tx);
  const posts = await records.posts.listPosts(tx, patientId ? { patientId, states: notTakenDown } : { states: notTakenDown });
  for (const post of posts) {
    const { derived } = await deriveDisclosuresIn(records, tx, post, ctx, places);
    await records.posts.updateDisclosures(tx, post.id, derived);
  }
  return posts.length;
}

/**
 * What a patient's change asks of posts, in its transaction: names and city
 * decide what a caption discloses, so it is derived again (every post when
 * the city changed: a city is looked for in every caption), and a corrected
 * date of birth can end a parent's authority, so posts are reconciled.
 */
export async function afterPatientChangeIn(deps: PostsOnEngine, tx: unknown, { patientId, changed, at }: PatientChange): Promise<void> {
  const everyPost = changed.includes('city');
  await rederiveDisclosuresIn(deps.engine.records, tx, deps.checkContext(), everyPost ? undefined : patientId);
  await reconcilePostsIn(deps, tx, at, everyPost ? {} : { patientId });
}

/** A consent's change (its revocation, its expiration event), as the consents feature reports it to posts. */
export interface ConsentChange {
  consentId: string;
  at: string;
}

/**
 * What a consent's change asks of posts, in the same transaction (no moment
 * exists where the consent is revoked but a post relying on it still stands
 * as published): its posts reconciled, take-downs and their incidents
 * included. Returns the posts that changed.
 */
export async function afterConsentChangeIn(deps: PostsOnEngine, tx: unknown, { consentId, at }: ConsentChange): Promise<StoredPost[]> {
  return reconcilePostsIn(deps, tx, at, { consentId });
}

/**
 * Judge every post waiting in `post_coverage_stale` with the rule and keep
 * the verdict with the day it can next change (`settleCoverage`'s per-post
 * path on the engine): the end of every write on an engine whose Store does
 * not settle it itself (PostgreSQL). Returns how many were judged.
 */
export async function settleCoverageIn(records: Records, tx: unknown, ctx: CheckContext): Promise<number> {
  const stale = await records.coverage.stalePostIds(tx);
  if (stale.length === 0) return 0;
  const consents = new Map<string, { judged: ConsentOnDay | null; changesOn: Day | null }>();
  for (const post of await records.posts.listPosts(tx, { ids: stale })) {
    let found = post.consentId === null ? { judged: null, changesOn: null } : consents.get(post.consentId);
    if (!found) {
      const view = await scopeViewIn(records, tx, post.consentId!, ctx);
      const dateOfBirth = view ? ((await records.patients.getPatient(tx, view.patientId))?.dateOfBirth ?? null) : null;
      found = {
        judged: view ? consentOnDay(view, ctx.today, { dateOfBirth }, { ageOfMajority: ctx.ageOfMajority }) : null,
        changesOn: view ? nextCoverageChange(view, { dateOfBirth }, { ageOfMajority: ctx.ageOfMajority }, ctx.today) : null,
      };
      consents.set(post.consentId!, found);
    }
    const verdict = checkCoverageOn(
      { patientId: post.patientId, channel: post.channel, purpose: post.purpose, thirdPartyPays: post.thirdPartyPays, sponsor: post.sponsor, identifiersApproved: post.identifiersApproval !== null },
      post,
      found.judged,
    );
    await records.coverage.keepVerdict(tx, post.id, { covered: verdict.covered, reasons: verdict.reasons, changesOn: found.changesOn });
  }
  await records.coverage.clearStale(tx, stale);
  return stale.length;
}

/**
 * Apply the day to posts (at the practice's midnight, at sign-in, on the
 * backend's clock): posts whose kept verdict the date can change by today
 * are marked to be judged again (an index on the day each can next change),
 * judged, and approved or published posts their consent no longer covers go
 * back to draft or must come down (a partial index). Reads only those posts,
 * never the whole store. Run inside a write; returns how many posts the day
 * made due.
 */
export async function applyDayIn(deps: PostsOnEngine, tx: unknown, at: string): Promise<number> {
  const records = deps.engine.records;
  const ctx = deps.checkContext();
  const due = await records.coverage.markCoverageDue(tx, ctx.today);
  await settleCoverageIn(records, tx, ctx);
  const uncovered = await records.coverage.liveUncoveredPostIds(tx);
  if (uncovered.length > 0) await reconcilePostsIn(deps, tx, at, { postIds: uncovered });
  return due;
}

/**
 * On opening a store: derive every post's
 * disclosures again when the rules are newer than the store's last
 * derivation, and keep the version, in the same transaction. Returns whether
 * it derived.
 */
export async function rederiveIfRulesChangedIn(records: Records, tx: unknown, ctx: Pick<CheckContext, 'practice'>, rulesVersion: number): Promise<boolean> {
  const kept = await records.settings.readSetting(tx, disclosureRulesVersionKey);
  if (kept !== undefined && Number(kept) >= rulesVersion) return false;
  await rederiveDisclosuresIn(records, tx, ctx);
  await records.settings.writeSetting(tx, disclosureRulesVersionKey, rulesVersion);
  return true;
}
