import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDaysTo, daysBetween } from '../calendar';
import { trainingSessionInputSchema, trainingStatus } from './training';

describe('training status by cycle', () => {
  it('gives new staff 30 days, then a cycle after each training', () => {
    expect(trainingStatus({ joinedOn: '2026-01-10', lastTrainedOn: null, cycleMonths: 12, today: '2026-01-10' })).toMatchObject({ state: 'due_soon', dueOn: '2026-02-09', daysLeft: 30 });
    expect(trainingStatus({ joinedOn: '2026-01-10', lastTrainedOn: null, cycleMonths: 12, today: '2026-02-10' })).toMatchObject({ state: 'overdue', daysLeft: -1 });
    expect(trainingStatus({ joinedOn: '2020-01-10', lastTrainedOn: '2026-01-31', cycleMonths: 1, today: '2026-02-01' })).toMatchObject({ state: 'due_soon', dueOn: '2026-02-28' });
    expect(trainingStatus({ joinedOn: '2020-01-10', lastTrainedOn: '2026-01-31', cycleMonths: 12, today: '2026-06-01' })).toMatchObject({ state: 'current', dueOn: '2027-01-31' });
  });

  it('is current, due within 30 days, or overdue, by how far the due day is', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 800 }), fc.integer({ min: 1, max: 24 }), (offset, cycle) => {
        const today = addDaysTo('2026-01-01', offset);
        const s = trainingStatus({ joinedOn: '2025-06-01', lastTrainedOn: '2026-01-01', cycleMonths: cycle, today });
        const left = daysBetween(today, s.dueOn);
        expect(s.daysLeft).toBe(left);
        expect(s.state).toBe(left < 0 ? 'overdue' : left <= 30 ? 'due_soon' : 'current');
      }),
    );
  });

  it('wants a date, a topic, a trainer and at least one attendee', () => {
    const parsed = trainingSessionInputSchema.safeParse({ heldOn: '2026-02-30', topic: '', trainer: 'P', attendeeIds: [] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['attendeeIds', 'heldOn', 'topic', 'trainer']);
  });
});
