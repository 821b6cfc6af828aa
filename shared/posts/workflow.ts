import type { PostState } from './post';

/**
 * The life of a post: draft -> approved -> published -> take-down required
 * -> taken down. Two rules keep the invariant "approved or published only
 * while the coverage check passes":
 * - a step forward (approve, publish) needs a passing check at that moment;
 * - whenever a check may have changed (revocation, expiry, an edit, a new
 *   day), `reconcile` moves an approved post back to draft and a published
 *   one to take-down required.
 */
export type PostStep = 'edit' | 'approve' | 'publish' | 'record_takedown';

export type StepResult = { ok: true; state: PostState } | { ok: false; message: string };

export function takeStep(state: PostState, step: PostStep, covered: boolean): StepResult {
  switch (step) {
    case 'edit':
      if (state === 'draft' || state === 'approved') return { ok: true, state: 'draft' };
      return { ok: false, message: 'A post that has been published cannot be edited. Record its take-down and plan a new post.' };
    case 'approve':
      if (state !== 'draft') return { ok: false, message: 'Only a draft can be approved.' };
      if (!covered) return { ok: false, message: 'This post cannot be approved: its consent does not cover it.' };
      return { ok: true, state: 'approved' };
    case 'publish':
      if (state !== 'approved') return { ok: false, message: 'Approve the post before recording that it was published.' };
      if (!covered) return { ok: false, message: 'This post cannot be published: its consent no longer covers it.' };
      return { ok: true, state: 'published' };
    case 'record_takedown':
      if (state === 'published' || state === 'takedown_required') return { ok: true, state: 'taken_down' };
      return { ok: false, message: 'Only a published post can be taken down.' };
  }
}

/** Where a post must stand given today's coverage: never approved or published without it. */
export function reconcile(state: PostState, covered: boolean): PostState {
  if (covered) return state;
  if (state === 'approved') return 'draft';
  if (state === 'published') return 'takedown_required';
  return state;
}

/** Whether a post in this state is live or about to be, and so must stay covered. */
export function needsCoverage(state: PostState): boolean {
  return state === 'approved' || state === 'published';
}
