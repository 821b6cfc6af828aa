import { addDaysTo, daysBetween, formatDay } from '../../../shared/calendar';
import { AppError } from '../../../shared/errors';
import { dashboardListLimit, type ExpiringConsent } from '../../../shared/posts/dashboard';
import type { Post, PostDraft } from '../../../shared/posts/post';
import { takeStep, type PostStep } from '../../../shared/posts/workflow';
import type { BackendCore } from '../backend-core';
import { requirePolicyAcknowledged } from '../program/policy-gate';
import { currentVerdict, deriveDisclosures, disclosedTextSha256, judgedDraft, judgedOf, placeNames, postView, verdictOf, type JudgedPost } from '../posts/post-checks';
import { livePostStates } from '../../../shared/posts/live-states';
import type { CoverageReason } from '../../../shared/posts/coverage';
import { consentsExpiringBetween, scopeView } from '../repositories/consent-scope-repository';
import {
  approveIdentifiers,
  countPostsByState,
  dashboardPosts,
  getPost,
  insertPost,
  countUncoveredIn,
  listPostChecksAfter,
  listPosts,
  setPostState,
  updatePostContent,
  type StoredPost,
} from '../repositories/post-repository';
import { getTestimonial } from '../repositories/testimonial-repository';
import { postPage } from '../repositories/list-pages';
import type { Handlers } from './handler';

function existing(core: BackendCore, id: string): StoredPost {
  const post = getPost(core.requireStore().db, id);
  if (!post) throw new AppError('not_found', 'That post does not exist.');
  return post;
}

function verdictNow(core: BackendCore, post: JudgedPost) {
  const db = core.requireStore().db;
  const ctx = core.checkContext();
  const consent = post.consentId ? scopeView(db, post.consentId, ctx) : null;
  return { verdict: verdictOf(db, post, consent, ctx), consent };
}

/** Apply a workflow step or explain, in the coverage check's own words, why not. */
function step(core: BackendCore, post: StoredPost, name: PostStep) {
  const { verdict, consent } = verdictNow(core, judgedOf(post));
  const result = takeStep(post.state, name, verdict.covered);
  if (!result.ok) {
    const reasons = verdict.covered ? '' : ` ${verdict.reasons.map((r) => r.message).join(' ')}`;
    throw new AppError('conflict', `${result.message}${reasons}`);
  }
  return { next: result.state, consent };
}

/** What a draft discloses. Checking consults the cities of the practice's records: counted against the session's allowance. */
function derived(core: BackendCore, draft: PostDraft) {
  core.takeCheck();
  return deriveDisclosures(core.requireStore().db, draft, core.checkContext());
}

const view = (core: BackendCore, post: StoredPost) => postView(core.requireStore().db, post, core.checkContext());

export const postHandlers = {
  'posts.page': (core, input) => postPage(core.requireStore().db, input),

  'posts.get': (core, { id }) => view(core, existing(core, id)),

  'posts.list': (core) => {
    const db = core.requireStore().db;
    const ctx = core.checkContext();
    const places = placeNames(db);
    return listPosts(db).map((p) => postView(db, p, ctx, places));
  },

  'posts.checkChunk': (core, { after, limit }) => {
    const db = core.requireStore().db;
    const records = listPostChecksAfter(db, after, limit);
    const last = records.length === limit ? records.at(-1) : undefined;
    return {
      rows: records.map(({ createdAt: _createdAt, kept, ...row }) => ({
        ...row,
        // A verdict waiting to be judged again (rare: settling runs before every commit) is judged now, as posts.get does.
        verdict: kept ? { covered: kept.covered, reasons: JSON.parse(kept.reasonsJson) as CoverageReason[] } : currentVerdict(db, getPost(db, row.id)!, core.checkContext()),
      })),
      next: last ? { createdAt: last.createdAt, id: last.id } : null,
      liveUncovered: countUncoveredIn(db, livePostStates),
    };
  },

  'posts.check': (core, draft) => {
    const store = core.requireStore();
    const { patientId, derived: d } = derived(core, draft);
    const { verdict } = verdictNow(core, judgedDraft(draft, patientId, d));
    // Who checked what, never the caption itself: it may hold identifiers.
    store.write(() =>
      core.audit({ action: 'post.checked', subjectType: 'testimonial', subjectId: draft.testimonialId, detail: `${d.disclosures.length} disclosure(s); ${verdict.covered ? 'covered' : 'not covered'}` }),
    );
    return { contentKinds: d.contentKinds, verdict, disclosures: d.disclosures };
  },

  'posts.create': (core, draft) => {
    const store = core.requireStore();
    const { patientId, derived: d } = derived(core, draft);
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
    store.write(() => {
      insertPost(store.db, post, core.requireSession().id);
      core.audit({ action: 'post.created', subjectType: 'post', subjectId: post.id, detail: `channel ${post.channel}` });
    });
    return view(core, getPost(store.db, post.id)!);
  },

  'posts.update': (core, { id, ...draft }) => {
    const store = core.requireStore();
    const post = existing(core, id);
    const { next } = step(core, post, 'edit');
    const { patientId, derived: d } = derived(core, draft);
    if (patientId !== post.patientId) throw new AppError('validation', 'A post cannot move to another patient’s testimonial; plan a new post.');
    // An administrator approved the identifiers of the words as they were: new words need a new decision.
    const sameWords = draft.caption === post.caption && draft.testimonialId === post.testimonialId;
    store.write(() => {
      updatePostContent(store.db, {
        ...post,
        ...draft,
        sponsor: draft.sponsor ?? '',
        contentKinds: d.contentKinds,
        blockingIdentifiers: d.blockingIdentifiers,
        healthMentions: d.healthMentions,
        state: next,
        approvedAt: null,
        reliedConsentPdfSha256: null,
        updatedAt: core.nowIso(),
      });
      if (!sameWords && post.identifiersApproval) {
        store.db
          .prepare('UPDATE posts SET identifiers_approved_by = NULL, identifiers_approved_at = NULL, identifiers_approval_reason = NULL, identifiers_approved_sha256 = NULL WHERE id = ?')
          .run(id);
      }
      core.audit({
        action: 'post.updated',
        subjectType: 'post',
        subjectId: id,
        detail: [post.state === 'approved' ? 'approval withdrawn by the edit' : '', !sameWords && post.identifiersApproval ? 'identifiers approval voided by the edit' : '']
          .filter(Boolean)
          .join('; '),
      });
    });
    return view(core, existing(core, id));
  },

  'posts.approveIdentifiers': (core, { id, reason }) => {
    const store = core.requireStore();
    const post = existing(core, id);
    if (post.state !== 'draft' && post.state !== 'approved') {
      throw new AppError('conflict', 'Only a post that has not been published can have its identifiers approved.');
    }
    if (post.blockingIdentifiers.length === 0) throw new AppError('conflict', 'This post contains no identifiers that need an administrator’s approval.');
    const quote = getTestimonial(store.db, post.testimonialId)?.quote ?? '';
    const sha256 = disclosedTextSha256(post.caption, quote);
    store.write(() => {
      approveIdentifiers(store.db, id, { by: core.requireSession().id, at: core.nowIso(), reason, sha256 });
      core.audit({
        action: 'post.identifiers_approved',
        subjectType: 'post',
        subjectId: id,
        detail: `${post.blockingIdentifiers.join(', ')}; text SHA-256 ${sha256}; reason: ${reason}`,
      });
    });
    return view(core, existing(core, id));
  },

  'posts.approve': (core, { id }) => {
    const store = core.requireStore();
    const post = existing(core, id);
    requirePolicyAcknowledged(core, 'approve');
    const { next, consent } = step(core, post, 'approve');
    const at = core.nowIso();
    store.write(() => {
      setPostState(store.db, id, next, at, { approvedAt: at, approvedBy: core.requireSession().id, reliedConsentPdfSha256: consent?.pdfSha256 ?? null });
      core.audit({ action: 'post.approved', subjectType: 'post', subjectId: id, detail: `consent ${post.consentId} (PDF SHA-256 ${consent?.pdfSha256})` });
    });
    return view(core, existing(core, id));
  },

  'posts.publish': (core, { id, publishedOn, url }) => {
    const store = core.requireStore();
    const today = core.today();
    const dateProblem = (message: string, hint: string) => new AppError('validation', message, { issues: [{ path: 'publishedOn', message: hint }] });
    if (publishedOn > today) throw dateProblem('The publication date cannot be in the future.', 'Use today or an earlier day.');
    const post = existing(core, id);
    requirePolicyAcknowledged(core, 'publish');
    const { next, consent } = step(core, post, 'publish');
    // A post cannot have gone out before it was approved, nor before its consent was signed.
    const approvedOn = post.approvedAt ? core.dayOfInstant(post.approvedAt) : null;
    if (approvedOn && publishedOn < approvedOn) {
      throw dateProblem(`The post was approved on ${formatDay(approvedOn, 'en')}: it cannot have been published before that.`, `Use ${formatDay(approvedOn, 'en')} or later.`);
    }
    if (consent?.signedOn && publishedOn < consent.signedOn) {
      throw dateProblem(`The consent was signed on ${formatDay(consent.signedOn, 'en')}: a post relying on it cannot have been published before that.`, `Use ${formatDay(consent.signedOn, 'en')} or later.`);
    }
    store.write(() => {
      setPostState(store.db, id, next, core.nowIso(), { publishedAt: publishedOn, publishedUrl: url });
      core.audit({ action: 'post.published', subjectType: 'post', subjectId: id, detail: `${publishedOn} at ${url}` });
    });
    return view(core, existing(core, id));
  },

  'posts.recordTakedown': (core, { id }) => {
    const store = core.requireStore();
    const post = existing(core, id);
    const { next } = step(core, post, 'record_takedown');
    const at = core.nowIso();
    store.write(() => {
      setPostState(store.db, id, next, at, { takenDownAt: at, takenDownBy: core.requireSession().id });
      core.audit({ action: 'post.taken_down', subjectType: 'post', subjectId: id });
    });
    return view(core, existing(core, id));
  },

  // One page of each list and the counts, from indexes: the same few queries whatever the store's size.
  'posts.dashboard': (core) => {
    const db = core.requireStore().db;
    const ctx = core.checkContext();
    const { today } = ctx;
    let places: string[] | null = null;
    const viewsOf = (posts: StoredPost[]) => posts.map((p) => postView(db, p, ctx, (places ??= placeNames(db))));
    const takedown = dashboardPosts(db, 'takedownRequired', dashboardListLimit);
    const review = dashboardPosts(db, 'reviewRequired', dashboardListLimit);
    const windows = [
      { after: today, through: addDaysTo(today, 30) },
      { after: addDaysTo(today, 30), through: addDaysTo(today, 60) },
      { after: addDaysTo(today, 60), through: addDaysTo(today, 90) },
    ].map((w) => consentsExpiringBetween(db, w, ctx, dashboardListLimit));
    // The posts of every consent shown, in one read.
    const shownIds = windows.flatMap((w) => w.consents.map((c) => c.id));
    const postsByConsent = new Map<string, ExpiringConsent['posts']>();
    if (shownIds.length) {
      const rows = db
        .prepare("SELECT consent_id, id, state, channel FROM posts WHERE consent_id IN (SELECT value FROM json_each(?)) AND state <> 'taken_down' ORDER BY created_at")
        .all(JSON.stringify(shownIds)) as { consent_id: string; id: string; state: Post['state']; channel: string }[];
      for (const { consent_id, ...post } of rows) postsByConsent.set(consent_id, [...(postsByConsent.get(consent_id) ?? []), post]);
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
      takedownRequired: viewsOf(takedown.posts),
      reviewRequired: viewsOf(review.posts),
      expiring: { within30, within60, within90 },
      totals: { takedownRequired: takedown.total, reviewRequired: review.total, within30: windows[0]!.total, within60: windows[1]!.total, within90: windows[2]!.total },
      counts: countPostsByState(db),
    };
  },
} satisfies Partial<Handlers>;
