import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as es from '@zxcvbn-ts/language-es-es';
import { AppError } from '../../../shared/errors';

/**
 * New passwords, as NIST SP 800-63B asks of a verifier: long enough (the
 * contract's 12 characters), and not one that attackers try first. Two
 * offline checks, no network:
 * - the list of about 49,000 passwords most common in breach corpora that
 *   ships with zxcvbn-ts (`passwords-common`), matched whole, ignoring case;
 * - zxcvbn-ts's estimate of how many guesses the password takes, knowing
 *   English and Spanish words, names, keyboard patterns, repeats, sequences,
 *   dates, l33t spellings, and the words of this context (the username, the
 *   person's name, the practice, the product). A password must need at
 *   least 10^8 guesses (zxcvbn's score 3): with scrypt at N=2^17 that is
 *   years on the kind of computer a practice has, and costly on rented ones.
 * No composition rules (NIST: they do not help).
 */
export const minimumScore = 3;

let estimator: ZxcvbnFactory | null = null;
let breached: Set<string> | null = null;

/** Built on first use (about 0.3 s): the dictionaries are large. */
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, ...es.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return estimator;
}

function breachedPasswords(): Set<string> {
  breached ??= new Set((common.dictionary as Record<string, string[]>)['passwords-common']!.map((p) => p.toLowerCase()));
  return breached;
}

export interface PasswordContext {
  username?: string;
  displayName?: string;
  practiceName?: string;
}

const productWords = ['consent', 'desk', 'consentdesk', 'consent desk', 'hipaa', 'patient', 'clinic', 'practice'];

/** Why `password` is too easy to guess, or null when it is good enough. */
export function passwordWeakness(password: string, context: PasswordContext = {}): string | null {
  if (breachedPasswords().has(password.toLowerCase())) {
    return 'This password is on the list of passwords most often used and leaked. Choose another: a few unrelated words work well.';
  }
  const userInputs = [context.username, context.displayName, context.practiceName, ...productWords]
    .filter((v): v is string => Boolean(v))
    .flatMap((v) => [v, ...v.split(/\s+/)])
    .filter((v) => v.length >= 3);
  // What is left once the context's words are taken out must stand on its own.
  let rest = password.toLowerCase();
  for (const word of [...userInputs].map((w) => w.toLowerCase()).sort((a, b) => b.length - a.length)) rest = rest.split(word).join('');
  if (rest.replace(/[^\p{L}\p{N}]/gu, '').length < 6) {
    return 'This password is mostly a name that goes with it (yours, your username or the practice’s). Choose words unrelated to you.';
  }
  // zxcvbn is costly on very long input and gains nothing past its first characters.
  const result: ZxcvbnResult = zxcvbn().check(password.slice(0, 100), userInputs);
  if (result.score >= minimumScore) return null;
  const why = result.feedback.warning ? `${result.feedback.warning.replace(/\.?$/, '.')} ` : '';
  const tip = result.feedback.suggestions[0] ?? 'Add another word or two that are not related to each other.';
  return `This password is too easy to guess. ${why}${tip}`;
}

/** Refuse a weak new password with a validation error on `field`. */
export function assertStrongPassword(password: string, field: string, context: PasswordContext): void {
  const weakness = passwordWeakness(password, context);
  if (weakness) throw new AppError('validation', weakness, { issues: [{ path: field, message: weakness }] });
}
