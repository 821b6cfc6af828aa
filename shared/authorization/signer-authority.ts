import type { Day } from '../calendar';
import type { Representative } from './scope';

/**
 * Who may sign a marketing authorization (45 CFR 164.502(g)): an adult
 * signs for themself; for a minor, a parent, guardian or other person with
 * authority under state law signs as the personal representative. The age
 * of majority is state law (18 in most states), so it is a practice setting.
 * All pure: days in, answers out.
 */

/** Whole years of age on a day ("2008-02-29" is 18 on 2026-03-01, not on 2026-02-28). */
export function ageOn(dateOfBirth: Day, day: Day): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The first day on which someone born on `dateOfBirth` is `years` old. */
export function dayOfAge(dateOfBirth: Day, years: number): Day {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const y = by + years;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  // Born on 29 February: in a year without it, the birthday is reached on 1 March.
  if (bm === 2 && bd === 29 && !leap) return `${String(y).padStart(4, '0')}-03-01`;
  return `${String(y).padStart(4, '0')}-${String(bm).padStart(2, '0')}-${String(bd).padStart(2, '0')}`;
}

/** Authorities that act for a minor. A health-care agent or power of attorney acts for an adult. */
const forMinors: readonly NonNullable<Representative['authority']>[] = ['parent_of_minor', 'legal_guardian', 'other'];

export interface SignerFacts {
  /** The patient's date of birth, or null when the record has none. */
  dateOfBirth: Day | null;
  representative: Representative | null;
  /** A staff-recorded reason a minor may sign for themself (emancipation, a service the minor consents to under state law). */
  minorSignsAlone: { reason: string } | null;
  /** Staff confirmed the patient is of age, for a record without a date of birth. */
  ageConfirmed: boolean;
  /** The day of signing, in the practice's time zone. */
  day: Day;
  ageOfMajority: number;
}

export interface SignerProblem {
  path: string;
  message: string;
}

/** What stops this person from signing on this day, or null when they may. */
export function signerProblem(facts: SignerFacts): SignerProblem | null {
  const { representative: rep, ageOfMajority } = facts;
  if (facts.dateOfBirth === null) {
    if (!rep && !facts.ageConfirmed) {
      return { path: 'ageConfirmed', message: 'The patient’s date of birth is not on record: confirm they are of age, or have a representative sign.' };
    }
    return null;
  }
  const age = ageOn(facts.dateOfBirth, facts.day);
  if (age < ageOfMajority) {
    if (!rep) {
      if (facts.minorSignsAlone) return null;
      return {
        path: 'representative',
        message: `The patient is ${age}, under the age of majority (${ageOfMajority}): a parent or legal guardian must sign as their representative. If state law lets this minor sign (for example, an emancipated minor), record the reason instead.`,
      };
    }
    if (rep.authority && !forMinors.includes(rep.authority)) {
      return { path: 'representative.authority', message: `The patient is ${age}, a minor: a parent or legal guardian signs for them, not a health-care agent or power of attorney.` };
    }
    return null;
  }
  if (rep?.authority === 'parent_of_minor') {
    return {
      path: 'representative.authority',
      message: `The patient is ${age}, of age (${ageOfMajority} or older): a parent cannot sign as the parent of a minor. The patient signs, or a representative with another authority (a guardian, a health-care agent).`,
    };
  }
  return null;
}

/**
 * The day a parent's authorization stops covering new uses: the patient's
 * day of majority. Null when it was not signed by a parent, or the date of
 * birth is unknown.
 */
export function parentalAuthorityEnds(facts: { dateOfBirth: Day | null; representative: Representative | null; ageOfMajority: number }): Day | null {
  if (facts.representative?.authority !== 'parent_of_minor' || facts.dateOfBirth === null) return null;
  return dayOfAge(facts.dateOfBirth, facts.ageOfMajority);
}
