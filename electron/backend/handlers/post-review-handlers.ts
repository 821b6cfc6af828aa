import crypto from 'node:crypto';
import type { AuditAction } from '../../../shared/audit-actions';
import type { CallOutput, ParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { allowedNext, changedSince, threadState, type PostReviewMessageKind, type PostReviewThread } from '../../../shared/program/post-review';
import { auditIn, type PostReviewCore } from '../engine-core';
import type { StoredPost } from '../repositories/post-repository';

/**
 * Ask before posting on the store engine (issue 15, switch-over step 3):
 * every call is one engine transaction (a read for the thread and the
 * queue), the post and its thread read inside it, and a message is written
 * with its audit event in the same transaction, so a refused or failed call
 * leaves neither. The thread lives in `records.programIncidents.postReviews`.
 */

/** What a review is about: the post's words, media, channel, purpose and sponsor. */
export function postContentSha256(post: Pick<StoredPost, 'caption' | 'testimonialId' | 'mediaIds' | 'channel' | 'purpose' | 'sponsor' | 'consentId'>): string {
  return crypto
    .createHash('sha256')
    .update(JSON.stringify([post.caption, post.testimonialId, post.mediaIds, post.channel, post.purpose, post.sponsor, post.consentId]))
    .digest('hex');
}

const reviews = (core: PostReviewCore) => core.engine.records.programIncidents.postReviews;

async function threadIn(core: PostReviewCore, tx: unknown, post: StoredPost): Promise<PostReviewThread> {
  const messages = await reviews(core).threadOf(tx, post.id);
  return { postId: post.id, state: threadState(messages), changedSince: changedSince(messages, postContentSha256(post)), messages };
}

async function existing(core: PostReviewCore, tx: unknown, postId: string): Promise<StoredPost> {
  const post = await core.engine.records.posts.getPost(tx, postId);
  if (!post) throw new AppError('not_found', 'That post does not exist.');
  return post;
}

const actions: Record<PostReviewMessageKind, AuditAction> = {
  request: 'post_review.requested',
  comment: 'post_review.commented',
  approve: 'post_review.approved',
  decline: 'post_review.declined',
};

const refusedWhy: Record<PostReviewMessageKind, string> = {
  request: 'This post is waiting for the privacy officer already.',
  comment: 'Send the post for review first.',
  approve: 'Only a post waiting for review can be approved.',
  decline: 'Only a post waiting for review can be declined.',
};

/**
 * One message on a post's thread, in one write: the post and the thread
 * read, the next step checked against them, the message and its audit event
 * written, the thread answered as it now stands. Checked inside the write,
 * so two people answering at once cannot both approve a request.
 */
function addMessage(core: PostReviewCore, postId: string, kind: PostReviewMessageKind, body: string): Promise<PostReviewThread> {
  return core.engine.write(async (tx) => {
    const post = await existing(core, tx, postId);
    const state = threadState(await reviews(core).threadOf(tx, post.id));
    if (!allowedNext(state).includes(kind)) throw new AppError('conflict', refusedWhy[kind]);
    if (kind === 'request' && (post.state === 'published' || post.state === 'takedown_required' || post.state === 'taken_down')) {
      throw new AppError('conflict', 'Ask before posting: this post is already published. Write to the privacy officer about it instead.');
    }
    const sha = postContentSha256(post);
    const by = core.requireSession().id;
    await reviews(core).insertReviewMessage(tx, { id: core.newId(), postId: post.id, at: core.nowIso(), by, kind, body, contentSha256: sha });
    await auditIn(core, tx, { action: actions[kind], subjectType: 'post', subjectId: post.id, detail: `content SHA-256 ${sha}` });
    return threadIn(core, tx, post);
  });
}

type PostReviewCall = 'postReviews.thread' | 'postReviews.message' | 'postReviews.decide' | 'postReviews.queue';

/** Written against `PostReviewCore`, not `BackendCore`: the same handlers run on either engine (post-review-handlers.engines.test.ts). */
type PostReviewHandlers = { [P in PostReviewCall]: (core: PostReviewCore, input: ParsedInput<P>) => Promise<CallOutput<P>> };

export const postReviewHandlers: PostReviewHandlers = {
  'postReviews.thread': (core, { postId }) => core.engine.read(async (tx) => threadIn(core, tx, await existing(core, tx, postId))),

  'postReviews.message': (core, { postId, kind, body }) => addMessage(core, postId, kind, body),

  'postReviews.decide': (core, { postId, kind, body }) => addMessage(core, postId, kind, body),

  'postReviews.queue': (core) =>
    core.engine.read(async (tx) => {
      const r = core.engine.records;
      const items = [];
      for (const [postId, messages] of await reviews(core).allThreads(tx)) {
        const post = await r.posts.getPost(tx, postId);
        if (!post) continue;
        const requests = messages.filter((m) => m.kind === 'request');
        const last = requests.at(-1);
        if (!last) continue;
        items.push({
          postId,
          channel: post.channel,
          caption: post.caption,
          testimonialTitle: (await r.testimonials.getTestimonial(tx, post.testimonialId))?.title ?? '',
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
    }),
};
