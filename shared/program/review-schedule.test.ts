import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDaysTo, daysBetween } from '../calendar';
import { confirmationProblems, nextPeriod, periodOf, reviewFrequencies, schedulePeriods } from './review-schedule';

describe('review periods', () => {
  it('follow the calendar: weeks from Monday, months, quarters', () => {
    expect(periodOf('2026-03-12', 'weekly')).toEqual({ start: '2026-03-09', end: '2026-03-15' });
    expect(periodOf('2026-03-09', 'weekly')).toEqual({ start: '2026-03-09', end: '2026-03-15' });
    expect(periodOf('2026-03-08', 'weekly')).toEqual({ start: '2026-03-02', end: '2026-03-08' });
    expect(periodOf('2024-02-10', 'monthly')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(periodOf('2026-11-30', 'quarterly')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
  });

  it('cover every day exactly once, one after the other', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3000, max: 3000 }), fc.constantFrom(...reviewFrequencies), (offset, frequency) => {
        const day = addDaysTo('2026-01-01', offset);
        const p = periodOf(day, frequency);
        expect(p.start <= day && day <= p.end).toBe(true);
        const next = nextPeriod(p, frequency);
        expect(next.start).toBe(addDaysTo(p.end, 1));
        const length = daysBetween(p.start, p.end) + 1;
        if (frequency === 'weekly') expect(length).toBe(7);
        if (frequency === 'monthly') expect(length).toBeGreaterThanOrEqual(28);
        if (frequency === 'quarterly') expect(length).toBeGreaterThanOrEqual(90);
      }),
    );
  });

  it('are done, done late, missed or due, and a late review clears a missed one', () => {
    const periods = schedulePeriods({
      frequency: 'monthly',
      startsOn: '2026-01-01',
      today: '2026-04-10',
      reviews: [
        { id: 'a', periodStart: '2026-01-01', completedOn: '2026-01-31' },
        { id: 'b', periodStart: '2026-02-01', completedOn: '2026-03-04' },
      ],
    });
    expect(periods.map((p) => `${p.start} ${p.state}`)).toEqual(['2026-01-01 done', '2026-02-01 done_late', '2026-03-01 missed', '2026-04-01 due']);
    expect(schedulePeriods({ frequency: 'monthly', startsOn: '2026-05-01', today: '2026-04-10', reviews: [] })).toEqual([]);
    // A stopped schedule asks nothing after it stopped.
    expect(schedulePeriods({ frequency: 'monthly', startsOn: '2026-01-01', today: '2026-06-10', reviews: [], endsOn: '2026-02-15' }).map((p) => p.start)).toEqual(['2026-01-01', '2026-02-01']);
  });

  it('keeps at most two years of periods', () => {
    expect(schedulePeriods({ frequency: 'weekly', startsOn: '2020-01-01', today: '2026-01-01', reviews: [] })).toHaveLength(24);
  });

  it('want every live post confirmed once, and nothing else', () => {
    expect(confirmationProblems(['a', 'b'], [{ postId: 'a' }, { postId: 'b' }])).toEqual([]);
    expect(confirmationProblems(['a', 'b'], [{ postId: 'a' }, { postId: 'c' }, { postId: 'a' }])).toEqual([
      'Confirm every live post: 1 is not confirmed.',
      '1 confirmed post(s) are not live on this channel.',
      'A post is confirmed twice.',
    ]);
  });
});
