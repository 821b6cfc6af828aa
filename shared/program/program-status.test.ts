import { describe, expect, it } from 'vitest';
import { acknowledgmentStatus } from './acknowledgment';
import { incidentClock } from './incident';
import { withProblems } from './program-status';
import { trainingStatus } from './training';

describe('the program’s overdue items', () => {
  const person = (name: string, ack: Parameters<typeof acknowledgmentStatus>[0], trained: string | null) => ({
    staffId: name,
    username: name.toLowerCase(),
    displayName: name,
    role: 'marketing' as const,
    acknowledgment: acknowledgmentStatus(ack),
    training: trainingStatus({ joinedOn: '2025-01-01', lastTrainedOn: trained, cycleMonths: 12, today: '2026-06-01' }),
    lastQuiz: null,
  });

  it('lists each thing overdue in words, and nothing when all is in order', () => {
    const v1 = { id: 'v1', version: 1 };
    const base = {
      asOf: '2026-06-01',
      policy: { version: 1, publishedOn: '2026-01-01' },
      trainingCycleMonths: 12,
      reviews: [],
      unscheduledChannels: [],
      incidents: [],
    };
    const ok = withProblems({ ...base, staff: [person('Theo', { inForce: v1, ofInForce: { acknowledgedOn: '2026-01-05' }, lastVersionAcknowledged: 1, today: '2026-06-01' }, '2026-02-01')] });
    expect(ok).toMatchObject({ problems: [], overdue: false });

    const late = withProblems({
      ...base,
      staff: [person('Jordan', { inForce: v1, ofInForce: null, lastVersionAcknowledged: null, today: '2026-06-01' }, '2025-03-01')],
      reviews: [
        {
          scheduleId: 's',
          channel: 'instagram',
          frequency: 'monthly',
          assigneeId: 'a',
          assigneeName: 'Theo',
          active: true,
          current: null,
          missed: [{ start: '2026-04-01', end: '2026-04-30', state: 'missed', reviewId: null, completedOn: null }],
          lastDone: null,
        },
      ],
      unscheduledChannels: ['website'],
      incidents: [
        {
          id: 'i1',
          trigger: 'takedown_required',
          state: 'open',
          discoveredOn: '2026-03-01',
          clock: incidentClock(
            { state: 'open', discoveredOn: '2026-03-01', assessmentComplete: false, decision: null, affectedCount: 1, largestStateCount: 1, notices: { individual: null, media: null, hhs: null }, letters: 0 },
            '2026-06-01',
          ),
        },
      ],
    });
    expect(late.overdue).toBe(true);
    expect(late.problems).toEqual([
      'Jordan (jordan) has not acknowledged the social-media policy (version 1).',
      'Jordan (jordan): training was due 2026-03-01 (last trained 2025-03-01).',
      'Instagram: the review of 2026-04-01 to 2026-04-30 was missed (assigned to Theo).',
      'The practice website has live posts but no review schedule.',
      'Incident i1: The 60 days since discovery ended on 2026-04-30 without a documented decision.',
    ]);
    expect(withProblems({ ...base, policy: { version: null, publishedOn: null }, staff: [] }).problems[0]).toMatch(/No social-media policy is published yet/);
  });
});
