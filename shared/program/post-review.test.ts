import { describe, expect, it } from 'vitest';
import { allowedNext, changedSince, threadState } from './post-review';

describe('the ask-before-posting thread', () => {
  it('takes its state from the last request or decision, not from comments', () => {
    expect(threadState([])).toBe('none');
    expect(threadState([{ kind: 'request' }, { kind: 'comment' }])).toBe('waiting');
    expect(threadState([{ kind: 'request' }, { kind: 'decline' }, { kind: 'comment' }])).toBe('declined');
    expect(threadState([{ kind: 'request' }, { kind: 'approve' }, { kind: 'request' }])).toBe('waiting');
    expect(allowedNext('waiting')).toEqual(['comment', 'approve', 'decline']);
    expect(allowedNext('approved')).toEqual(['comment', 'request']);
  });

  it('tells when the post changed after the last request or decision', () => {
    const thread = [
      { kind: 'request' as const, contentSha256: 'a' },
      { kind: 'approve' as const, contentSha256: 'a' },
      { kind: 'comment' as const, contentSha256: 'b' },
    ];
    expect(changedSince(thread, 'a')).toBe(false);
    expect(changedSince(thread, 'b')).toBe(true);
    expect(changedSince([], 'a')).toBe(false);
  });
});
