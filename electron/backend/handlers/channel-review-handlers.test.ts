import { describe, expect, it } from 'vitest';
import { admin, frontDesk, marketing, programPractice } from '../testing/program-practice';
import { rejection } from '../testing/test-backend';

describe('scheduled reviews of live posts', () => {
  it('lists every live post of the channel, wants each confirmed, keeps removed comments, and shows what was missed', async () => {
    const p = await programPractice();
    const fb1 = await p.publishedPost('facebook');
    const fb2 = await p.publishedPost('facebook');
    await p.publishedPost('instagram');

    await p.as(admin);
    const schedule = await p.call('channelReviews.setSchedule', { channel: 'facebook', frequency: 'monthly', assigneeId: p.staff.marketing.id, startsOn: '2026-09-10', active: true });
    expect(schedule.startsOn).toBe('2026-09-01');
    expect(schedule.periods.map((x) => `${x.start}:${x.state}`)).toEqual(['2026-09-01:missed', '2026-10-01:due']);
    const status = await p.call('program.status', {});
    expect(status.problems).toEqual(expect.arrayContaining(['Facebook: the review of 2026-09-01 to 2026-09-30 was missed (assigned to Mo Market).', 'Instagram has live posts but no review schedule.']));

    // Front desk may not see posts, so may not be assigned.
    const wrong = await rejection(p.call('channelReviews.setSchedule', { channel: 'instagram', frequency: 'monthly', assigneeId: p.staff.frontDesk.id, startsOn: '2026-10-01', active: true }));
    expect(wrong.issues?.[0]?.path).toBe('assigneeId');

    await p.as(marketing);
    const checklist = await p.call('channelReviews.checklist', { scheduleId: schedule.id, periodStart: '2026-10-01' });
    expect(checklist.posts.map((x) => x.id).sort()).toEqual([fb1.id, fb2.id].sort());
    expect(checklist.posts.every((x) => x.covered && x.consentStatus === 'Active')).toBe(true);

    const half = await rejection(
      p.call('channelReviews.complete', { scheduleId: schedule.id, periodStart: '2026-10-01', confirmations: [{ postId: fb1.id, outcome: 'still_covered', note: '' }], removedComments: [], notes: '' }),
    );
    expect(half.message).toMatch(/Confirm every live post: 1 is not confirmed/);
    const twice = await rejection(
      p.call('channelReviews.complete', {
        scheduleId: schedule.id,
        periodStart: '2026-10-01',
        confirmations: [fb1, fb1, fb2].map((x) => ({ postId: x.id, outcome: 'still_covered' as const, note: '' })),
        removedComments: [],
        notes: '',
      }),
    );
    expect(twice.message).toMatch(/confirmed twice/);

    const review = await p.call('channelReviews.complete', {
      scheduleId: schedule.id,
      periodStart: '2026-10-01',
      confirmations: [
        { postId: fb1.id, outcome: 'still_covered', note: '' },
        { postId: fb2.id, outcome: 'action_taken', note: 'Hid a comment naming the patient’s surgery.' },
      ],
      removedComments: [{ postId: fb2.id, removedOn: '2026-10-15', note: 'A relative named her hip surgery and the date.' }],
      notes: 'All fine otherwise.',
    });
    expect(review).toMatchObject({ completedOn: '2026-10-15', completedByName: 'Mo Market', removedComments: [{ removedOn: '2026-10-15' }] });
    expect((await rejection(p.call('channelReviews.complete', { scheduleId: schedule.id, periodStart: '2026-10-01', confirmations: [], removedComments: [], notes: '' }))).code).toBe('conflict');

    // The missed September is done late: no longer overdue, still shown as late.
    await p.call('channelReviews.complete', {
      scheduleId: schedule.id,
      periodStart: '2026-09-01',
      confirmations: [fb1, fb2].map((x) => ({ postId: x.id, outcome: 'still_covered' as const, note: '' })),
      removedComments: [],
      notes: '',
    });
    const overview = await p.call('channelReviews.overview', {});
    expect(overview.schedules[0]!.periods.map((x) => x.state)).toEqual(['done_late', 'done']);
    expect(overview.canManage).toBe(false);
    expect((await rejection(p.call('channelReviews.setSchedule', { channel: 'facebook', frequency: 'weekly', assigneeId: p.staff.marketing.id, startsOn: '2026-10-01', active: true }))).code).toBe('forbidden');
  });

  it('keeps a posted reply that the checker flags, and opens an incident with it; a safe one opens none', async () => {
    const p = await programPractice();
    await p.as(marketing);
    const flagged = await p.call('channelReviews.reportReply', {
      text: 'So glad your root canal went well, Tom! See you at your next cleaning.',
      channel: 'google_reviews',
      url: 'https://maps.example/review/1',
      postedOn: '2026-10-14',
    });
    expect(flagged.check.safe).toBe(false);
    expect(flagged.incidentId).toMatch(/^[0-9a-f-]{36}$/);
    const safe = await p.call('channelReviews.reportReply', { text: 'Thank you for your kind words! Please call our office any time.', channel: 'facebook', url: '', postedOn: null });
    expect(safe).toMatchObject({ check: { safe: true }, incidentId: null });

    const kept = await p.call('channelReviews.replyChecks', { from: '2026-10-01', to: '2026-10-31' });
    expect(kept.map((k) => k.decision)).toEqual(['pass', 'flag']);
    expect(kept[1]!.findings.map((f) => f.label)).toEqual(expect.arrayContaining(['care, treatment or a condition', 'that the reviewer is a patient']));

    await p.as(admin);
    const incident = await p.call('incidents.get', { id: flagged.incidentId! });
    expect(incident).toMatchObject({ trigger: 'phi_reply', discoveredOn: '2026-10-15', reply: { channel: 'google_reviews', postedOn: '2026-10-14' }, patientId: null });
    expect(incident.reply?.text).toContain('root canal');
    await p.as(frontDesk);
    expect((await rejection(p.call('channelReviews.overview', {}))).code).toBe('forbidden');
  });
});
