import { z } from 'zod';

/**
 * "Ask before posting": marketing sends a draft post to the privacy officer,
 * who comments, approves or declines it; the thread stays with the post.
 * Each message carries the SHA-256 of the post's content when it was
 * written, so a decision is visibly about the words it saw: a later edit
 * shows as "changed since".
 */
export const postReviewMessageKinds = ['request', 'comment', 'approve', 'decline'] as const;
export type PostReviewMessageKind = (typeof postReviewMessageKinds)[number];

export interface PostReviewMessage {
  id: string;
  postId: string;
  at: string;
  byStaffId: string;
  byName: string;
  kind: PostReviewMessageKind;
  body: string;
  contentSha256: string;
}

export type PostReviewState = 'none' | 'waiting' | 'approved' | 'declined';

export const postReviewStateLabels: Record<PostReviewState, string> = {
  none: 'Not sent for review',
  waiting: 'Waiting for the privacy officer',
  approved: 'Approved by the privacy officer',
  declined: 'Declined by the privacy officer',
};

export interface PostReviewThread {
  postId: string;
  state: PostReviewState;
  /** Whether the post changed since the last request or decision. */
  changedSince: boolean;
  messages: PostReviewMessage[];
}

/** The state a thread is in: its last request or decision decides; comments do not. */
export function threadState(messages: readonly Pick<PostReviewMessage, 'kind'>[]): PostReviewState {
  for (let i = messages.length - 1; i >= 0; i--) {
    const kind = messages[i]!.kind;
    if (kind === 'request') return 'waiting';
    if (kind === 'approve') return 'approved';
    if (kind === 'decline') return 'declined';
  }
  return 'none';
}

/** Whether the content changed after the last request or decision of the thread. */
export function changedSince(messages: readonly Pick<PostReviewMessage, 'kind' | 'contentSha256'>[], currentSha256: string): boolean {
  const last = [...messages].reverse().find((m) => m.kind !== 'comment');
  return last ? last.contentSha256 !== currentSha256 : false;
}

/**
 * Which message kinds may come next: a request when none is waiting (a new
 * request after a decision asks again about the changed draft); a decision
 * only while one waits; comments at any time once the thread started.
 */
export function allowedNext(state: PostReviewState): PostReviewMessageKind[] {
  if (state === 'none') return ['request'];
  if (state === 'waiting') return ['comment', 'approve', 'decline'];
  return ['comment', 'request'];
}

const body = z.string().trim().max(4000, 'Use at most 4,000 characters.');
export const postReviewRequestSchema = z
  .object({
    postId: z.uuid('Unknown post.'),
    kind: z.enum(['request', 'comment']),
    body: body.min(1, 'Write what you would like the privacy officer to look at.'),
  })
  .strict();
export const postReviewDecisionSchema = z
  .object({
    postId: z.uuid('Unknown post.'),
    kind: z.enum(['comment', 'approve', 'decline']),
    body: body,
  })
  .strict()
  .refine((m) => m.kind === 'approve' || m.body.length >= 5, { message: 'Say why, in a sentence: marketing reads it.', path: ['body'] });

/** An item of the officer's queue. */
export interface PostReviewQueueItem {
  postId: string;
  channel: string;
  caption: string;
  testimonialTitle: string;
  postState: string;
  requestedAt: string;
  requestedByName: string;
  state: PostReviewState;
  changedSince: boolean;
  messages: number;
}
