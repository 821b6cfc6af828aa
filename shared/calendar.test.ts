import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDaysTo, dayOf, isTimeZone, startOfDayIn } from './calendar';
import { dayRangeInstants } from './compliance/day-range';

const zones = ['America/Los_Angeles', 'America/New_York', 'Pacific/Auckland'] as const;

describe('the practice’s day', () => {
  it('is the day in the practice’s time zone, not UTC or the process’s', () => {
    // 4:30 pm in Los Angeles on 29 November is 00:30 UTC on the 30th.
    const afternoon = new Date('2026-11-30T00:30:00Z');
    expect(dayOf(afternoon, 'America/Los_Angeles')).toBe('2026-11-29');
    expect(dayOf(afternoon, 'America/New_York')).toBe('2026-11-29');
    expect(dayOf(afternoon, 'Pacific/Auckland')).toBe('2026-11-30');
    expect(dayOf(afternoon, 'UTC')).toBe('2026-11-30');
  });

  it.each(zones)('changes at local midnight in %s, also on the days the clocks change', (zone) => {
    for (const day of ['2026-03-08', '2026-11-01', '2026-04-05', '2026-09-27', '2026-12-31']) {
      const start = startOfDayIn(day, zone);
      expect(dayOf(start, zone), `${zone} ${day}`).toBe(day);
      expect(dayOf(new Date(start.getTime() - 1), zone), `${zone} before ${day}`).toBe(addDaysTo(day, -1));
    }
  });

  it('has 23 or 25 hours on the days daylight saving starts or ends', () => {
    const hours = (day: string, zone: string) => (startOfDayIn(addDaysTo(day, 1), zone).getTime() - startOfDayIn(day, zone).getTime()) / 3_600_000;
    expect(hours('2026-03-08', 'America/Los_Angeles')).toBe(23);
    expect(hours('2026-11-01', 'America/New_York')).toBe(25);
    expect(hours('2026-09-27', 'Pacific/Auckland')).toBe(23);
    expect(hours('2026-04-05', 'Pacific/Auckland')).toBe(25);
  });

  it('bounds a range of days with the zone’s own midnights', () => {
    expect(dayRangeInstants('2026-03-01', '2026-03-31', 'America/Los_Angeles')).toEqual({
      fromInstant: '2026-03-01T08:00:00.000Z',
      toInstant: '2026-04-01T07:00:00.000Z',
    });
  });

  it('puts every instant inside the range of its own day, in every zone', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }), fc.constantFrom(...zones, 'UTC', 'Asia/Kolkata'), (instant, zone) => {
        const day = dayOf(instant, zone);
        const { fromInstant, toInstant } = dayRangeInstants(day, day, zone);
        expect(instant.toISOString() >= fromInstant && instant.toISOString() < toInstant).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('knows real time zones only', () => {
    expect(isTimeZone('America/Chicago')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
