import type { Day } from '../calendar';
import type { AuthorizationTerms } from './scope';
import { signerProblem } from './signer-authority';

/**
 * The parts of 45 CFR 164.508(c) an authorization must have, as codes that
 * messages and tests can name.
 */
export type Element =
  | 'information'
  | 'discloser'
  | 'recipients'
  | 'purposes'
  | 'expiration'
  | 'representative'
  | 'remuneration'
  | 'stands_alone'
  | 'statements';

export interface Problem {
  element: Element;
  /** Which field to fix, for forms. */
  path: string;
  message: string;
}

export interface DraftContext {
  today: Day;
  practiceName: string;
  /** Who the patient is, to judge who may sign today: their date of birth and the practice's age of majority. */
  signer?: { dateOfBirth: Day | null; ageOfMajority: number };
}

/**
 * Everything that stops a draft from being signed, each with a message that
 * names what is missing. An empty list means the terms are complete.
 */
export function problemsWithTerms(terms: AuthorizationTerms, context: DraftContext): Problem[] {
  const problems: Problem[] = [];
  const add = (element: Element, path: string, message: string) => problems.push({ element, path, message });
  const { scope, expiration, representative, remuneration } = terms;

  if (scope.contentKinds.length === 0) {
    add('information', 'scope.contentKinds', 'Choose at least one kind of content the practice may use (what information).');
  }
  if (context.practiceName.trim() === '') {
    add('discloser', 'practiceName', 'The practice’s name is missing: set it in Settings (who may disclose).');
  }
  if (scope.channels.length + scope.otherChannels.length === 0) {
    add('recipients', 'scope.channels', 'Choose at least one channel where the content may appear (to whom).');
  }
  if (scope.purposes.length + scope.otherPurposes.length === 0) {
    add('purposes', 'scope.purposes', 'Choose at least one purpose of the use.');
  }
  if (expiration.kind === 'date' && !(expiration.date > context.today)) {
    add('expiration', 'expiration.date', 'The expiration date must be in the future.');
  }
  if (expiration.kind === 'event' && expiration.event.trim() === '') {
    add('expiration', 'expiration.event', 'Describe the event that ends this authorization, or choose a date.');
  }
  if (representative) {
    if (representative.name.trim() === '') {
      add('representative', 'representative.name', 'Enter the name of the person signing for the patient.');
    }
    if (!representative.authority) {
      add('representative', 'representative.authority', 'Choose the representative’s authority to act for the patient.');
    } else if (representative.authority === 'other' && representative.authorityDetail.trim() === '') {
      add('representative', 'representative.authorityDetail', 'Describe the representative’s authority to act for the patient.');
    }
  }
  if (context.signer && !problems.some((p) => p.element === 'representative')) {
    const problem = signerProblem({
      dateOfBirth: context.signer.dateOfBirth,
      representative,
      minorSignsAlone: terms.minorSignsAlone ?? null,
      ageConfirmed: false,
      day: context.today,
      ageOfMajority: context.signer.ageOfMajority,
    });
    if (problem) add('representative', problem.path, problem.message);
  }
  if (remuneration.thirdPartyPays && remuneration.payer.trim() === '') {
    add('remuneration', 'remuneration.payer', 'Name the third party that pays for this marketing.');
  }
  if (terms.combinedWith.length > 0) {
    add(
      'stands_alone',
      'combinedWith',
      `A marketing authorization must stand alone; it cannot be combined with ${terms.combinedWith.join(', ')}.`,
    );
  }
  return problems;
}
