import { parentalAuthorityEnds } from '../authorization/signer-authority';
import type { Day } from '../calendar';
import type { CoverageConsent, CoveragePatient, CoverageSettings } from './coverage';

/**
 * The next day after `today` on which the coverage rule can give another
 * verdict for a post on this consent with nothing changed but the date: the
 * consent's expiration date, or the day a parent's authority ends because
 * the patient comes of age. Null when no date is ahead. Every other input
 * of the rule is a change someone makes, judged when it is made; this day is
 * what the practice's midnight looks up (an indexed column), so the rule's
 * dates live here, beside `consentOnDay`, and nowhere else.
 */
export function nextCoverageChange(consent: CoverageConsent | null, patient: CoveragePatient, settings: CoverageSettings, today: Day): Day | null {
  // Whatever the stage: the rule names a parent's authority ending even against a draft or a revoked consent.
  // A day that changes nothing only costs judging the post again.
  if (!consent) return null;
  const days: Day[] = [];
  if (consent.expiration.kind === 'date') days.push(consent.expiration.date);
  const representative = consent.representativeAuthority ? { name: '', authority: consent.representativeAuthority, authorityDetail: '' } : null;
  const ends = parentalAuthorityEnds({ dateOfBirth: patient.dateOfBirth, representative, ageOfMajority: settings.ageOfMajority });
  if (ends !== null) days.push(ends);
  const ahead = days.filter((d) => d > today).sort();
  return ahead[0] ?? null;
}
