import { addDaysTo, daysBetween } from '../../../shared/calendar';
import { AppError } from '../../../shared/errors';
import type { ExpiringConsent } from '../../../shared/posts/dashboard';
import type { PostDraft } from '../../../shared/posts/post';
import { takeStep, type PostStep } from '../../../shared/posts/workflow';
import type { BackendCore } from '../backend-core';
import { captionFindings, deriveContentKinds, postView, verdictOf } from '../posts/post-checks';
import { consentsExpiringBy, scopeView } from '../repositories/consent-scope-repository';
import {
  countPostsByState,
  getPost,
  insertPost,
  listPosts,
  setPostState,
  updatePostContent,
  type StoredPost,
} from '../repositories/post-repository';
import type { Handlers } from './handler';

function existing(core: BackendCore, id: string): StoredPost {
  const post = getPost(core.requireStore().db, id);
  if (!post) throw new AppError('not_found', 'That post does not exist.');
  return post;
}

function verdictNow(core: BackendCore, post: Pick<StoredPost, 'patientId' | 'channel' | 'purpose' | 'thirdPartyPays' | 'consentId' | 'contentKinds'>) {
  const db = core.requireStore().db;
  const consent = post.consentId ? scopeView(db, post.consentId, core.today()) : null;
  return { verdict: verdictOf(post, post.contentKinds, consent, core.today()), consent };
}

/** Apply a workflow step or explain, in the coverage check's own words, why not. */
function step(core: BackendCore, post: StoredPost, name: PostStep) {
  const { verdict, consent } = verdictNow(core, post);
  const result = takeStep(post.state, name, verdict.covered);
  if (!result.ok) {
    const reasons = verdict.covered ? '' : ` ${verdict.reasons.map((r) => r.message).join(' ')}`;
    throw new AppError('conflict', `${result.message}${reasons}`);
  }
  return { next: result.state, consent };
}

function checked(core: BackendCore, draft: PostDraft) {
  return deriveContentKinds(core.requireStore().db, draft);
}

export const postHandlers = {
  'posts.list': (core) => {
    const db = core.requireStore().db;
    return listPosts(db).map((p) => postView(db, p, core.today()));
  },

  'posts.check': (core, draft) => {
    const db = core.requireStore().db;
    const { patientId, contentKinds } = checked(core, draft);
    const { verdict } = verdictNow(core, { ...draft, patientId, contentKinds });
    return { contentKinds, verdict, captionFindings: captionFindings(db, patientId, draft.caption) };
  },

  'posts.create': (core, draft) => {
    const store = core.requireStore();
    const { patientId, contentKinds } = checked(core, draft);
    const now = core.nowIso();
    const post: StoredPost = {
      ...draft,
      id: core.newId(),
      patientId,
      contentKinds,
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
    };
    store.write(() => {
      insertPost(store.db, post, core.requireSession().id);
      core.audit({ action: 'post.created', subjectType: 'post', subjectId: post.id, detail: `channel ${post.channel}` });
    });
    return postView(store.db, getPost(store.db, post.id)!, core.today());
  },

  'posts.update': (core, { id, ...draft }) => {
    const store = core.requireStore();
    const post = existing(core, id);
    const { next } = step(core, post, 'edit');
    const { patientId, contentKinds } = checked(core, draft);
    if (patientId !== post.patientId) throw new AppError('validation', 'A post cannot move to another patient’s testimonial; plan a new post.');
    store.write(() => {
      updatePostContent(store.db, { ...post, ...draft, contentKinds, state: next, approvedAt: null, reliedConsentPdfSha256: null, updatedAt: core.nowIso() });
      core.audit({ action: 'post.updated', subjectType: 'post', subjectId: id, detail: post.state === 'approved' ? 'approval withdrawn by the edit' : '' });
    });
    return postView(store.db, existing(core, id), core.today());
  },

  'posts.approve': (core, { id }) => {
    const store = core.requireStore();
    const post = existing(core, id);
    const { next, consent } = step(core, post, 'approve');
    const at = core.nowIso();
    store.write(() => {
      setPostState(store.db, id, next, at, { approvedAt: at, approvedBy: core.requireSession().id, reliedConsentPdfSha256: consent?.pdfSha256 ?? null });
      core.audit({ action: 'post.approved', subjectType: 'post', subjectId: id, detail: `consent ${post.consentId} (PDF SHA-256 ${consent?.pdfSha256})` });
    });
    return postView(store.db, existing(core, id), core.today());
  },

  'posts.publish': (core, { id, publishedOn, url }) => {
    const store = core.requireStore();
    if (publishedOn > core.today()) {
      throw new AppError('validation', 'The publication date cannot be in the future.', { issues: [{ path: 'publishedOn', message: 'Use today or an earlier day.' }] });
    }
    const post = existing(core, id);
    const { next } = step(core, post, 'publish');
    store.write(() => {
      setPostState(store.db, id, next, core.nowIso(), { publishedAt: publishedOn, publishedUrl: url });
      core.audit({ action: 'post.published', subjectType: 'post', subjectId: id, detail: `${publishedOn} at ${url}` });
    });
    return postView(store.db, existing(core, id), core.today());
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
    return postView(store.db, existing(core, id), core.today());
  },

  'posts.dashboard': (core) => {
    const db = core.requireStore().db;
    const today = core.today();
    const takedownRequired = listPosts(db, "WHERE state = 'takedown_required'")
      .sort((a, b) => (a.takedownRequiredAt ?? '').localeCompare(b.takedownRequiredAt ?? ''))
      .map((p) => postView(db, p, today));
    const postsOf = db.prepare("SELECT id, state, channel FROM posts WHERE consent_id = ? AND state <> 'taken_down' ORDER BY created_at");
    const expiring = consentsExpiringBy(db, addDaysTo(today, 90), today).map(
      (consent): ExpiringConsent => ({
        consent,
        daysLeft: consent.expiration.kind === 'date' ? daysBetween(today, consent.expiration.date) : 0,
        posts: postsOf.all(consent.id) as ExpiringConsent['posts'],
      }),
    );
    return {
      takedownRequired,
      expiring: {
        within30: expiring.filter((e) => e.daysLeft <= 30),
        within60: expiring.filter((e) => e.daysLeft > 30 && e.daysLeft <= 60),
        within90: expiring.filter((e) => e.daysLeft > 60),
      },
      counts: countPostsByState(db),
    };
  },
} satisfies Partial<Handlers>;
