import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDaysTo } from '../calendar';
import { ageOn, dayOfAge, parentalAuthorityEnds, signerProblem, type SignerFacts } from './signer-authority';

const day = fc.integer({ min: 0, max: 365 * 120 }).map((n) => addDaysTo('1920-01-01', n));
const parent = { name: 'Ana Lopez', authority: 'parent_of_minor' as const, authorityDetail: '' };
const facts = (overrides: Partial<SignerFacts>): SignerFacts => ({
  dateOfBirth: '1990-06-15',
  representative: null,
  minorSignsAlone: null,
  ageConfirmed: false,
  day: '2026-11-29',
  ageOfMajority: 18,
  ...overrides,
});

describe('age on a day', () => {
  it('counts whole years, a birthday reached on the day itself', () => {
    expect(ageOn('1990-06-15', '2008-06-14')).toBe(17);
    expect(ageOn('1990-06-15', '2008-06-15')).toBe(18);
    // Born on 29 February: 18 on 1 March in a year without it.
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(dayOfAge('2008-02-29', 18)).toBe('2026-03-01');
    expect(dayOfAge('2008-02-29', 20)).toBe('2028-02-29');
  });

  it('is reached exactly on dayOfAge, for random birthdays and ages', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 25 }), (birth, years) => {
        const reached = dayOfAge(birth, years);
        expect(ageOn(birth, reached)).toBe(years);
        expect(ageOn(birth, addDaysTo(reached, -1))).toBe(years - 1);
      }),
      { numRuns: 2000 },
    );
  });

  it('never decreases from one day to the next', () => {
    fc.assert(
      fc.property(day, day, (birth, d) => {
        if (d < birth) return;
        const next = ageOn(birth, addDaysTo(d, 1));
        expect(next - ageOn(birth, d)).toBeGreaterThanOrEqual(0);
        expect(next - ageOn(birth, d)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('who may sign', () => {
  it('refuses a 12-year-old signing alone, and a parent of a minor for a 36-year-old', () => {
    expect(signerProblem(facts({ dateOfBirth: '2014-03-01' }))?.message).toMatch(/^The patient is 12, under the age of majority \(18\): a parent or legal guardian must sign/);
    expect(signerProblem(facts({ dateOfBirth: '1990-06-15', representative: parent }))?.message).toMatch(/^The patient is 36, of age .* a parent cannot sign as the parent of a minor/);
  });

  it('accepts a parent or guardian for a minor, the adult alone, and a guardian or agent for an adult', () => {
    expect(signerProblem(facts({ dateOfBirth: '2014-03-01', representative: parent }))).toBeNull();
    expect(signerProblem(facts({ dateOfBirth: '2014-03-01', representative: { ...parent, authority: 'legal_guardian' } }))).toBeNull();
    expect(signerProblem(facts({}))).toBeNull();
    expect(signerProblem(facts({ representative: { ...parent, authority: 'health_care_agent' } }))).toBeNull();
    expect(signerProblem(facts({ dateOfBirth: '2014-03-01', representative: { ...parent, authority: 'power_of_attorney' } }))?.path).toBe('representative.authority');
  });

  it('lets a minor sign alone only with a staff-recorded exception', () => {
    expect(signerProblem(facts({ dateOfBirth: '2009-01-01', minorSignsAlone: { reason: 'Emancipated minor, court order 24-117' } }))).toBeNull();
  });

  it('uses the practice’s age of majority (19 in Alabama, 21 in Mississippi)', () => {
    const nineteen = facts({ dateOfBirth: '2007-11-29' });
    expect(signerProblem({ ...nineteen, ageOfMajority: 18 })).toBeNull();
    expect(signerProblem({ ...nineteen, ageOfMajority: 21 })?.message).toMatch(/is 19, under the age of majority \(21\)/);
  });

  it('asks the front desk to confirm age when the record has no date of birth', () => {
    expect(signerProblem(facts({ dateOfBirth: null }))?.path).toBe('ageConfirmed');
    expect(signerProblem(facts({ dateOfBirth: null, ageConfirmed: true }))).toBeNull();
    expect(signerProblem(facts({ dateOfBirth: null, representative: parent }))).toBeNull();
  });

  it('holds for random birthdays and signing days: alone only when of age, a parent only for a minor', () => {
    fc.assert(
      fc.property(day, day, fc.integer({ min: 18, max: 21 }), fc.constantFrom(null, parent), (birth, signed, majority, rep) => {
        if (signed < birth) return;
        const minor = ageOn(birth, signed) < majority;
        const problem = signerProblem(facts({ dateOfBirth: birth, day: signed, ageOfMajority: majority, representative: rep }));
        expect(problem === null).toBe(rep === null ? !minor : minor);
      }),
      { numRuns: 3000 },
    );
  });

  it('ends a parent’s authority on the day of majority, and no other’s', () => {
    expect(parentalAuthorityEnds({ dateOfBirth: '2008-11-29', representative: parent, ageOfMajority: 18 })).toBe('2026-11-29');
    expect(parentalAuthorityEnds({ dateOfBirth: '2008-11-29', representative: { ...parent, authority: 'legal_guardian' }, ageOfMajority: 18 })).toBeNull();
    expect(parentalAuthorityEnds({ dateOfBirth: '2008-11-29', representative: null, ageOfMajority: 18 })).toBeNull();
  });
});
