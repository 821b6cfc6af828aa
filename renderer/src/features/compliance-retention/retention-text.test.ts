import { describe, expect, it } from 'vitest';
import { purgeableFrom } from './retention-text';

describe('when a record may be purged', () => {
  it('is the day after its six years, now, or not while it is in effect', () => {
    const base = { anchor: '2026-09-30', lastDayInEffect: '2026-09-30', message: '' };
    expect(purgeableFrom({ ...base, purgeable: false, reason: 'within_period', keptThrough: '2032-09-30' })).toBe('From October 1, 2032');
    expect(purgeableFrom({ ...base, purgeable: false, reason: 'within_period', keptThrough: '2032-12-31' })).toBe('From January 1, 2033');
    expect(purgeableFrom({ ...base, purgeable: true, keptThrough: '2032-09-30' })).toBe('Now');
    expect(purgeableFrom({ purgeable: false, reason: 'in_effect', anchor: null, lastDayInEffect: null, keptThrough: null, message: '' })).toBe(
      'Not while it is in effect',
    );
  });
});
