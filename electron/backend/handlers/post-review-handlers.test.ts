import { describe, expect, it } from 'vitest';
import { admin, frontDesk, marketing, programPractice } from '../testing/program-practice';
import { rejection } from '../testing/test-backend';

describe('ask before posting', () => {
  it('keeps the thread with the post: request, comment, decision, and says when the draft changed since', async () => {
    const p = await programPractice();
    const post = await p.call('posts.create', p.draft());
    expect((await p.call('postReviews.thread', { postId: post.id })).state).toBe('none');
    expect((await rejection(p.call('postReviews.message', { postId: post.id, kind: 'comment', body: 'Hello?' }))).message).toMatch(/Send the post for review first/);

    const asked = await p.call('postReviews.message', { postId: post.id, kind: 'request', body: 'Is the quote fine with her first name?' });
    expect(asked).toMatchObject({ state: 'waiting', changedSince: false });
    expect((await rejection(p.call('postReviews.message', { postId: post.id, kind: 'request', body: 'Again' }))).code).toBe('conflict');
    // Marketing cannot decide its own request.
    expect((await rejection(p.call('postReviews.decide', { postId: post.id, kind: 'approve', body: '' }))).code).toBe('forbidden');

    await p.as(admin);
    expect((await p.call('program.mine', {})).postReviewsWaiting).toBe(1);
    const queue = await p.call('postReviews.queue', {});
    expect(queue).toEqual([expect.objectContaining({ postId: post.id, state: 'waiting', requestedByName: 'Mo Market', messages: 1 })]);
    expect((await rejection(p.call('postReviews.decide', { postId: post.id, kind: 'decline', body: 'No' }))).issues?.[0]?.path).toBe('body');
    await p.call('postReviews.decide', { postId: post.id, kind: 'comment', body: 'Looking at it now.' });
    const approved = await p.call('postReviews.decide', { postId: post.id, kind: 'approve', body: 'Fine as it is.' });
    expect(approved.state).toBe('approved');
    expect(approved.messages.map((m) => [m.kind, m.byName])).toEqual([
      ['request', 'Mo Market'],
      ['comment', 'Pat Privacy'],
      ['approve', 'Pat Privacy'],
    ]);

    await p.as(marketing);
    await p.call('posts.update', { ...p.draft(), id: post.id, caption: 'Maria is back on the stairs, after her knee surgery!' });
    const changed = await p.call('postReviews.thread', { postId: post.id });
    expect(changed).toMatchObject({ state: 'approved', changedSince: true });
    const again = await p.call('postReviews.message', { postId: post.id, kind: 'request', body: 'I added the surgery; still fine?' });
    expect(again).toMatchObject({ state: 'waiting', changedSince: false });

    await p.as(frontDesk);
    expect((await rejection(p.call('postReviews.thread', { postId: post.id }))).code).toBe('forbidden');
  });

  it('does not take requests for a post already published', async () => {
    const p = await programPractice();
    const post = await p.publishedPost();
    expect((await rejection(p.call('postReviews.message', { postId: post.id, kind: 'request', body: 'Was this fine?' }))).message).toMatch(/already published/);
  });
});
