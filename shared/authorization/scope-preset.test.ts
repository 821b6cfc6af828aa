import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysBetween } from '../calendar';
import { applyPreset, presetEndDay } from './scope-preset';
import { completeTerms } from './test-terms';

describe('a preset’s duration', () => {
  it('runs through the day before the same date, months later, clamped to short months', () => {
    expect(presetEndDay('2026-03-15', 12)).toBe('2027-03-14');
    expect(presetEndDay('2026-01-31', 1)).toBe('2026-02-27');
    expect(presetEndDay('2024-01-31', 1)).toBe('2024-02-28');
    expect(presetEndDay('2026-12-01', 1)).toBe('2026-12-31');
    expect(presetEndDay('2026-11-30', 3)).toBe('2027-02-27');
  });

  it('always ends after it starts, and within months × 31 days', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }), fc.integer({ min: 1, max: 120 }), (start, months) => {
        const today = start.toISOString().slice(0, 10);
        const end = presetEndDay(today, months);
        expect(daysBetween(today, end)).toBeGreaterThanOrEqual(months * 28 - 1);
        expect(daysBetween(today, end)).toBeLessThanOrEqual(months * 31);
      }),
    );
  });
});

describe('applying a preset', () => {
  it('sets scope and end, and keeps language, payment and representative', () => {
    const terms = completeTerms({ language: 'es', representative: { name: 'Ana Ruiz', authority: 'parent_of_minor', authorityDetail: '' } });
    const scope = { contentKinds: ['before_after_images' as const], channels: ['instagram' as const, 'website' as const], otherChannels: [], purposes: ['advertising' as const], otherPurposes: [] };
    const applied = applyPreset(terms, { scope, duration: { kind: 'months', months: 12 } }, '2026-12-01');
    expect(applied.scope).toEqual(scope);
    expect(applied.expiration).toEqual({ kind: 'date', date: '2027-11-30' });
    expect(applied.language).toBe('es');
    expect(applied.representative).toEqual(terms.representative);
    expect(applyPreset(terms, { scope, duration: { kind: 'none' } }, '2026-12-01').expiration).toEqual(terms.expiration);
  });
});
