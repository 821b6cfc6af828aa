import type { CallOutput, ParsedInput } from '../../../shared/contract';
import { addDaysTo, daysBetween, formatDay, type Day } from '../../../shared/calendar';
import { AppError } from '../../../shared/errors';
import type { CoverageReason } from '../../../shared/posts/coverage';
import { dashboardListLimit, type ExpiringConsent } from '../../../shared/posts/dashboard';
import { livePostStates } from '../../../shared/posts/live-states';
import type { PostDraft } from '../../../shared/posts/post';
import { takeStep, type PostStep } from '../../../shared/posts/workflow';
import type { StaffMember } from '../../../shared/staff';
import { auditIn, type EngineCore } from '../engine-core';
import { policyRefusalIn } from '../program/policy-gate';
import { disclosedTextSha256, judgedDraft, judgedOf, type CheckContext } from '../posts/post-checks';
import { currentVerdictIn, deriveDisclosuresIn, placeNamesIn, postViewIn, scopeViewIn, verdictIn, type PostsOnEngine } from '../posts/post-checks-engine';
import type { StoredPost } from '../repositories/post-repository';
import { postConflictMessage } from '../store-pg/pg-post-repository';
import type { Versioned } from '../store-pg/store-interface';

/**
 * The posts feature on the store engine (issue 15, switch-over step 3):
 * every call is one engine transaction (a read for the lists and the
 * dashboard), its audit event appended inside it, so a refused or failed
 * call leaves neither record nor event. The coverage rule and the
 * disclosures are the shared ones, read through the engine's records
 * (`posts/post-checks-engine.ts`); the kept verdicts are settled at the end
 * of each write by the engine's end of a write (the Store's on SQLite).
 */

/** What the posts handlers need of the backend beyond `EngineCore`. `BackendCore` is one; the engines test gives another. */
export interface PostsCore extends EngineCore, PostsOnEngine {
  /** Count one check that consults hidden fields against the session's allowance (refused: `throttled`, audited). Called outside any transaction. */
  takeCheck(): void | Promise<void>;
  /** The practice's calendar day of a stored instant. */
  dayOfInstant(iso: string): Day;
  /** Who creates, approves and takes down (the signed-in staff member). */
  requireSession(): Pick<StaffMember, 'id' | 'displayName'>;
}

type PostCall =
  | 'posts.page'
  | 'posts.get'
  | 'posts.list'
  | 'posts.checkChunk'
  | 'posts.check'
  | 'posts.create'
  | 'posts.update'
  | 'posts.approveIdentifiers'
  | 'posts.approve'
  | 'posts.publish'
  | 'posts.recordTakedown'
  | 'posts.dashboard';

type PostHandlers = { [P in PostCall]: (core: PostsCore, input: ParsedInput<P>) => Promise<CallOutput<P>> };

const records = (core: PostsCore) => core.engine.records;

async function existing(core: PostsCore, tx: unknown, id: string): Promise<Versioned<StoredPost>> {
  const post = await records(core).posts.getPost(tx, id);
  if (!post) throw new AppError('not_found', 'That post does not exist.');
  return post;
}

async function verdictNow(core: PostsCore, tx: unknown, post: ReturnType<typeof judgedOf>, ctx: CheckContext) {
  const consent = post.consentId ? await scopeViewIn(records(core), tx, post.consentId, ctx) : null;
  return { verdict: await verdictIn(records(core), tx, post, consent, ctx), consent };
}

/** Apply a workflow step or explain, in the coverage check's own words, why not. */
async function step(core: PostsCore, tx: unknown, post: StoredPost, name: PostStep, ctx: CheckContext) {
  const { verdict, consent } = await verdictNow(core, tx, judgedOf(post), ctx);
  const result = takeStep(post.state, name, verdict.covered);
  if (!result.ok) {
    const reasons = verdict.covered ? '' : ` ${verdict.reasons.map((r) => r.message).join(' ')}`;
    throw new AppError('conflict', `${result.message}${reasons}`);
  }
  return { next: result.state, consent };
}

/** What a draft discloses (its testimonial's patient, quote and media read in `tx`). */
const derived = (core: PostsCore, tx: unknown, draft: PostDraft, ctx: CheckContext) => deriveDisclosuresIn(records(core), tx, draft, ctx);

/** The post as it stands in `tx`, as the screens show it. */
async function viewOf(core: PostsCore, tx: unknown, id: string, ctx: CheckContext) {
  return postViewIn(records(core), tx, await existing(core, tx, id), ctx);
}

/** A write whose policy gate may refuse it: the refusal's audit event commits, then the refusal is thrown. */
async function gated<T>(core: PostsCore, fn: (tx: unknown) => Promise<T | AppError>): Promise<T> {
  const result = await core.engine.write(fn);
  if (result instanceof AppError) throw result;
  return result;
}

export const postHandlers: PostHandlers = {
  'posts.page': (core, input) => core.engine.read((tx) => records(core).posts.postPage(tx, input)),

  'posts.get': (core, { id }) => {
    const ctx = core.checkContext();
    return core.engine.read((tx) => viewOf(core, tx, id, ctx));
  },

  'posts.list': (core) => {
    const ctx = core.checkContext();
    return core.engine.read(async (tx) => {
      const places = await placeNamesIn(records(core), tx);
      const stale = new Set(await records(core).coverage.stalePostIds(tx));
      const views = [];
      for (const post of await records(core).posts.listPosts(tx)) views.push(await postViewIn(records(core), tx, post, ctx, places, stale));
      return views;
    });
  },

  'posts.checkChunk': (core, { after, limit }) => {
    const ctx = core.checkContext();
    return core.engine.read(async (tx) => {
      const r = records(core);
      const found = await r.posts.listPostChecksAfter(tx, after, limit);
      const last = found.length === limit ? found.at(-1) : undefined;
      const rows = [];
      for (const { createdAt: _createdAt, kept, ...row } of found) {
        // A verdict waiting to be judged again (rare: settling runs before every commit) is judged now, as posts.get does.
        const verdict = kept ? { covered: kept.covered, reasons: JSON.parse(kept.reasonsJson) as CoverageReason[] } : await currentVerdictIn(r, tx, (await r.posts.getPost(tx, row.id))!, ctx);
        rows.push({ ...row, verdict });
      }
      return { rows, next: last ? { createdAt: last.createdAt, id: last.id } : null, liveUncovered: await r.posts.countUncoveredIn(tx, livePostStates) };
    });
  },

  'posts.check': async (core, draft) => {
    // Checking consults the cities of the practice's records: counted against the session's allowance.
    await core.takeCheck();
    const ctx = core.checkContext();
    return core.engine.write(async (tx) => {
      const { patientId, derived: d } = await derived(core, tx, draft, ctx);
      const { verdict } = await verdictNow(core, tx, judgedDraft(draft, patientId, d), ctx);
      // Who checked what, never the caption itself: it may hold identifiers.
      await auditIn(core, tx, {
        action: 'post.checked',
        subjectType: 'testimonial',
        subjectId: draft.testimonialId,
        detail: `${d.disclosures.length} disclosure(s); ${verdict.covered ? 'covered' : 'not covered'}`,
      });
      return { contentKinds: d.contentKinds, verdict, disclosures: d.disclosures };
    });
  },

  'posts.create': async (core, draft) => {
    await core.takeCheck();
    const ctx = core.checkContext();
    const staffId = core.requireSession().id;
    return core.engine.write(async (tx) => {
      const { patientId, derived: d } = await derived(core, tx, draft, ctx);
      const now = core.nowIso();
      const post: StoredPost = {
        ...draft,
        sponsor: draft.sponsor ?? '',
        id: core.newId(),
        patientId,
        contentKinds: d.contentKinds,
        blockingIdentifiers: d.blockingIdentifiers,
        healthMentions: d.healthMentions,
        state: 'draft',
        createdAt: now,
        updatedAt: now,
        approvedAt: null,
        publishedAt: null,
        publishedUrl: null,
        reliedConsentPdfSha256: null,
        takedownRequiredAt: null,
        takedownReason: null,
        takenDownAt: null,
        identifiersApproval: null,
        identifiersApprovedSha256: null,
        reviewRequiredAt: null,
        reviewReason: null,
      };
      await records(core).posts.insertPost(tx, post, staffId);
      await auditIn(core, tx, { action: 'post.created', subjectType: 'post', subjectId: post.id, detail: `channel ${post.channel}` });
      return viewOf(core, tx, post.id, ctx);
    });
  },

  'posts.update': async (core, { id, rowVersion, ...draft }) => {
    // Deriving consults the cities of the practice's records: counted before the transaction (a refusal is audited on its own).
    await core.takeCheck();
    const ctx = core.checkContext();
    return core.engine.write(async (tx) => {
      const post = await existing(core, tx, id);
      // An edit made on an older copy changes nothing (checked again, under the row's lock, by the write itself).
      if (rowVersion !== undefined && rowVersion !== post.rowVersion) throw new AppError('conflict', postConflictMessage);
      const { next } = await step(core, tx, post, 'edit', ctx);
      const { patientId, derived: d } = await derived(core, tx, draft, ctx);
      if (patientId !== post.patientId) throw new AppError('validation', 'A post cannot move to another patient’s testimonial; plan a new post.');
      // An administrator approved the identifiers of the words as they were: new words need a new decision.
      const sameWords = draft.caption === post.caption && draft.testimonialId === post.testimonialId;
      const { rowVersion: _read, ...stored } = post;
      await records(core).posts.updatePostContent(
        tx,
        {
          ...stored,
          ...draft,
          sponsor: draft.sponsor ?? '',
          contentKinds: d.contentKinds,
          blockingIdentifiers: d.blockingIdentifiers,
          healthMentions: d.healthMentions,
          state: next,
          approvedAt: null,
          reliedConsentPdfSha256: null,
          updatedAt: core.nowIso(),
        },
        { rowVersion: rowVersion ?? post.rowVersion },
      );
      if (!sameWords && post.identifiersApproval) await records(core).posts.voidIdentifiersApproval(tx, id);
      await auditIn(core, tx, {
        action: 'post.updated',
        subjectType: 'post',
        subjectId: id,
        detail: [post.state === 'approved' ? 'approval withdrawn by the edit' : '', !sameWords && post.identifiersApproval ? 'identifiers approval voided by the edit' : '']
          .filter(Boolean)
          .join('; '),
      });
      return viewOf(core, tx, id, ctx);
    });
  },

  'posts.approveIdentifiers': (core, { id, reason }) => {
    const ctx = core.checkContext();
    const staff = core.requireSession();
    return core.engine.write(async (tx) => {
      const post = await existing(core, tx, id);
      if (post.state !== 'draft' && post.state !== 'approved') {
        throw new AppError('conflict', 'Only a post that has not been published can have its identifiers approved.');
      }
      if (post.blockingIdentifiers.length === 0) throw new AppError('conflict', 'This post contains no identifiers that need an administrator’s approval.');
      const quote = (await records(core).testimonials.getTestimonial(tx, post.testimonialId))?.quote ?? '';
      const sha256 = disclosedTextSha256(post.caption, quote);
      await records(core).posts.approveIdentifiers(tx, id, { by: staff.id, byName: staff.displayName, at: core.nowIso(), reason, sha256 }, { rowVersion: post.rowVersion });
      await auditIn(core, tx, {
        action: 'post.identifiers_approved',
        subjectType: 'post',
        subjectId: id,
        detail: `${post.blockingIdentifiers.join(', ')}; text SHA-256 ${sha256}; reason: ${reason}`,
      });
      return viewOf(core, tx, id, ctx);
    });
  },

  'posts.approve': (core, { id }) => {
    const ctx = core.checkContext();
    const staffId = core.requireSession().id;
    return gated(core, async (tx) => {
      const post = await existing(core, tx, id);
      const refused = await policyRefusalIn(core, tx, staffId, 'approve', ctx.timeZone);
      if (refused) return refused;
      const { next, consent } = await step(core, tx, post, 'approve', ctx);
      const at = core.nowIso();
      await records(core).posts.setPostState(tx, id, next, at, { approvedAt: at, approvedBy: staffId, reliedConsentPdfSha256: consent?.pdfSha256 ?? null }, { rowVersion: post.rowVersion });
      await auditIn(core, tx, { action: 'post.approved', subjectType: 'post', subjectId: id, detail: `consent ${post.consentId} (PDF SHA-256 ${consent?.pdfSha256})` });
      return viewOf(core, tx, id, ctx);
    });
  },

  'posts.publish': (core, { id, publishedOn, url }) => {
    const ctx = core.checkContext();
    const staffId = core.requireSession().id;
    const dateProblem = (message: string, hint: string) => new AppError('validation', message, { issues: [{ path: 'publishedOn', message: hint }] });
    if (publishedOn > ctx.today) throw dateProblem('The publication date cannot be in the future.', 'Use today or an earlier day.');
    return gated(core, async (tx) => {
      const post = await existing(core, tx, id);
      const refused = await policyRefusalIn(core, tx, staffId, 'publish', ctx.timeZone);
      if (refused) return refused;
      const { next, consent } = await step(core, tx, post, 'publish', ctx);
      // A post cannot have gone out before it was approved, nor before its consent was signed.
      const approvedOn = post.approvedAt ? core.dayOfInstant(post.approvedAt) : null;
      if (approvedOn && publishedOn < approvedOn) {
        throw dateProblem(`The post was approved on ${formatDay(approvedOn, 'en')}: it cannot have been published before that.`, `Use ${formatDay(approvedOn, 'en')} or later.`);
      }
      if (consent?.signedOn && publishedOn < consent.signedOn) {
        throw dateProblem(
          `The consent was signed on ${formatDay(consent.signedOn, 'en')}: a post relying on it cannot have been published before that.`,
          `Use ${formatDay(consent.signedOn, 'en')} or later.`,
        );
      }
      await records(core).posts.setPostState(tx, id, next, core.nowIso(), { publishedAt: publishedOn, publishedUrl: url }, { rowVersion: post.rowVersion });
      await auditIn(core, tx, { action: 'post.published', subjectType: 'post', subjectId: id, detail: `${publishedOn} at ${url}` });
      return viewOf(core, tx, id, ctx);
    });
  },

  'posts.recordTakedown': (core, { id }) => {
    const ctx = core.checkContext();
    const staffId = core.requireSession().id;
    return core.engine.write(async (tx) => {
      const post = await existing(core, tx, id);
      const { next } = await step(core, tx, post, 'record_takedown', ctx);
      const at = core.nowIso();
      await records(core).posts.setPostState(tx, id, next, at, { takenDownAt: at, takenDownBy: staffId }, { rowVersion: post.rowVersion });
      await auditIn(core, tx, { action: 'post.taken_down', subjectType: 'post', subjectId: id });
      return viewOf(core, tx, id, ctx);
    });
  },

  // One page of each list and the counts, through the engine's paged reads: the same few queries whatever the store's size.
  'posts.dashboard': (core) => {
    const ctx = core.checkContext();
    const { today } = ctx;
    return core.engine.read(async (tx) => {
      const r = records(core);
      let shared: { places: string[]; stale: Set<string> } | null = null;
      const viewsOf = async (posts: StoredPost[]) => {
        const views = [];
        for (const post of posts) {
          shared ??= { places: await placeNamesIn(r, tx), stale: new Set(await r.coverage.stalePostIds(tx)) };
          views.push(await postViewIn(r, tx, post, ctx, shared.places, shared.stale));
        }
        return views;
      };
      const takedown = await r.posts.dashboardPosts(tx, 'takedownRequired', dashboardListLimit);
      const review = await r.posts.dashboardPosts(tx, 'reviewRequired', dashboardListLimit);
      const windows = [];
      for (const w of [
        { after: today, through: addDaysTo(today, 30) },
        { after: addDaysTo(today, 30), through: addDaysTo(today, 60) },
        { after: addDaysTo(today, 60), through: addDaysTo(today, 90) },
      ]) {
        windows.push(await r.consents.consentsExpiringBetween(tx, w, ctx, dashboardListLimit));
      }
      // The posts of every consent shown, in one read, oldest first.
      const shownIds = windows.flatMap((w) => w.consents.map((c) => c.id));
      const postsByConsent = new Map<string, ExpiringConsent['posts']>();
      if (shownIds.length) {
        const posts = await r.posts.listPosts(tx, { consentIds: shownIds, states: ['draft', 'approved', 'published', 'takedown_required'] });
        for (const post of posts.reverse()) {
          postsByConsent.set(post.consentId!, [...(postsByConsent.get(post.consentId!) ?? []), { id: post.id, state: post.state, channel: post.channel }]);
        }
      }
      const [within30, within60, within90] = windows.map((w) =>
        w.consents.map(
          (consent): ExpiringConsent => ({
            consent,
            daysLeft: consent.expiration.kind === 'date' ? daysBetween(today, consent.expiration.date) : 0,
            posts: postsByConsent.get(consent.id) ?? [],
          }),
        ),
      ) as [ExpiringConsent[], ExpiringConsent[], ExpiringConsent[]];
      return {
        takedownRequired: await viewsOf(takedown.posts),
        reviewRequired: await viewsOf(review.posts),
        expiring: { within30, within60, within90 },
        totals: { takedownRequired: takedown.total, reviewRequired: review.total, within30: windows[0]!.total, within60: windows[1]!.total, within90: windows[2]!.total },
        counts: await r.posts.countPostsByState(tx),
      };
    });
  },
};
