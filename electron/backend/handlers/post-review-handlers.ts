import crypto from 'node:crypto';
import type { AuditAction } from '../../../shared/audit-actions';
import { AppError } from '../../../shared/errors';
import { allowedNext, changedSince, threadState, type PostReviewMessageKind, type PostReviewThread } from '../../../shared/program/post-review';
import type { BackendCore } from '../backend-core';
import { allThreads, insertReviewMessage, threadOf } from '../repositories/post-review-repository';
import { getPost, type StoredPost } from '../repositories/post-repository';
import { getTestimonial } from '../repositories/testimonial-repository';
import type { Handlers } from './handler';

/** What a review is about: the post's words, media, channel, purpose and sponsor. */
export function postContentSha256(post: Pick<StoredPost, 'caption' | 'testimonialId' | 'mediaIds' | 'channel' | 'purpose' | 'sponsor' | 'consentId'>): string {
  return crypto
    .createHash('sha256')
    .update(JSON.stringify([post.caption, post.testimonialId, post.mediaIds, post.channel, post.purpose, post.sponsor, post.consentId]))
    .digest('hex');
}

function thread(core: BackendCore, post: StoredPost): PostReviewThread {
  const messages = threadOf(core.requireStore().db, post.id);
  return { postId: post.id, state: threadState(messages), changedSince: changedSince(messages, postContentSha256(post)), messages };
}

function existing(core: BackendCore, postId: string): StoredPost {
  const post = getPost(core.requireStore().db, postId);
  if (!post) throw new AppError('not_found', 'That post does not exist.');
  return post;
}

const actions: Record<PostReviewMessageKind, AuditAction> = {
  request: 'post_review.requested',
  comment: 'post_review.commented',
  approve: 'post_review.approved',
  decline: 'post_review.declined',
};

function addMessage(core: BackendCore, post: StoredPost, kind: PostReviewMessageKind, body: string): PostReviewThread {
  const store = core.requireStore();
  const state = threadState(threadOf(store.db, post.id));
  if (!allowedNext(state).includes(kind)) {
    const why: Record<PostReviewMessageKind, string> = {
      request: 'This post is waiting for the privacy officer already.',
      comment: 'Send the post for review first.',
      approve: 'Only a post waiting for review can be approved.',
      decline: 'Only a post waiting for review can be declined.',
    };
    throw new AppError('conflict', why[kind]);
  }
  if (kind === 'request' && (post.state === 'published' || post.state === 'takedown_required' || post.state === 'taken_down')) {
    throw new AppError('conflict', 'Ask before posting: this post is already published. Write to the privacy officer about it instead.');
  }
  const sha = postContentSha256(post);
  store.write(() => {
    insertReviewMessage(store.db, { id: core.newId(), postId: post.id, at: core.nowIso(), by: core.requireSession().id, kind, body, contentSha256: sha });
    core.audit({ action: actions[kind], subjectType: 'post', subjectId: post.id, detail: `content SHA-256 ${sha}` });
  });
  return thread(core, post);
}

export const postReviewHandlers = {
  'postReviews.thread': (core, { postId }) => thread(core, existing(core, postId)),

  'postReviews.message': (core, { postId, kind, body }) => addMessage(core, existing(core, postId), kind, body),

  'postReviews.decide': (core, { postId, kind, body }) => addMessage(core, existing(core, postId), kind, body),

  'postReviews.queue': (core) => {
    const db = core.requireStore().db;
    const items = [];
    for (const [postId, messages] of allThreads(db)) {
      const post = getPost(db, postId);
      if (!post) continue;
      const requests = messages.filter((m) => m.kind === 'request');
      const last = requests.at(-1);
      if (!last) continue;
      items.push({
        postId,
        channel: post.channel,
        caption: post.caption,
        testimonialTitle: getTestimonial(db, post.testimonialId)?.title ?? '',
        postState: post.state,
        requestedAt: last.at,
        requestedByName: last.byName,
        state: threadState(messages),
        changedSince: changedSince(messages, postContentSha256(post)),
        messages: messages.length,
      });
    }
    const rank = (s: string) => (s === 'waiting' ? 0 : 1);
    return items.sort((a, b) => rank(a.state) - rank(b.state) || b.requestedAt.localeCompare(a.requestedAt));
  },
} satisfies Partial<Handlers>;
