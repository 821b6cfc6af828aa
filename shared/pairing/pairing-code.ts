/**
 * The one-time code that joins a workstation to the practice server
 * (docs/design/postgres-store.md, section 6, "Pairing"). Sixteen characters
 * from Crockford's base-32 alphabet, shown as four groups of four:
 *
 *   IIII-ISSS-SSSS-SSSC   5 characters of id, 10 of secret (50 bits), 1 check character
 *
 * The alphabet has no I, L, O or U, so nothing in it looks like anything
 * else; when a person types one of them anyway, I and L are read as 1 and
 * O as 0 (what they meant). Case, spaces, hyphens and dots do not matter.
 * The check character (Luhn mod 32) catches any single mistyped character
 * and nearly every swap of two neighbours before the server is asked, so a
 * typo never uses up one of the code's five tries.
 *
 * Pure: no clock, no randomness (the backend draws the characters).
 */
export const pairingAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const pairingIdLength = 5;
export const pairingSecretLength = 10;
export const pairingCodeLength = pairingIdLength + pairingSecretLength + 1;

export interface PairingCode {
  /** The code's public half: which row on the server. */
  id: string;
  /** The secret half: never sent to the server, never logged. */
  secret: string;
}

export type PairingCodeProblem =
  /** Too few or too many characters (after spaces and hyphens are dropped). */
  | 'length'
  /** A character no code holds (U, punctuation, another script). */
  | 'character'
  /** The check character does not match: a character was mistyped or two were swapped. */
  | 'typo';

export type ParsedPairingCode = { ok: true; code: PairingCode } | { ok: false; problem: PairingCodeProblem };

const aliases: Record<string, string> = { I: '1', L: '1', O: '0' };
const separators = /[\s\-‐‑‒–—.·_]/gu;

function valueOf(character: string): number {
  return pairingAlphabet.indexOf(character);
}

/** Luhn mod 32 over `text` (alphabet characters only): the character that makes the whole code check. */
export function pairingCheckCharacter(text: string): string {
  const n = pairingAlphabet.length;
  let factor = 2;
  let sum = 0;
  for (let i = text.length - 1; i >= 0; i -= 1) {
    let addend = factor * valueOf(text[i] as string);
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / n) + (addend % n);
    sum += addend;
  }
  return pairingAlphabet[(n - (sum % n)) % n] as string;
}

function checks(text: string): boolean {
  const n = pairingAlphabet.length;
  let factor = 1;
  let sum = 0;
  for (let i = text.length - 1; i >= 0; i -= 1) {
    let addend = factor * valueOf(text[i] as string);
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / n) + (addend % n);
    sum += addend;
  }
  return sum % n === 0;
}

/** The code as people read it: four groups of four, the check character last. */
export function formatPairingCode(code: PairingCode): string {
  const body = `${code.id}${code.secret}`;
  if (!new RegExp(`^[${pairingAlphabet}]{${pairingIdLength + pairingSecretLength}}$`).test(body) || code.id.length !== pairingIdLength) {
    throw new Error('A pairing code is 5 characters of id and 10 of secret from the pairing alphabet.');
  }
  const all = `${body}${pairingCheckCharacter(body)}`;
  return all.match(/.{4}/g)!.join('-');
}

/** What a person typed, read as a code: case, spacing and the look-alike letters forgiven; a typo refused. */
export function parsePairingCode(typed: string): ParsedPairingCode {
  const compact = typed.normalize('NFKC').replace(separators, '').toUpperCase();
  if (compact.length !== pairingCodeLength) return { ok: false, problem: 'length' };
  let canonical = '';
  for (const character of compact) {
    const c = aliases[character] ?? character;
    if (valueOf(c) < 0) return { ok: false, problem: 'character' };
    canonical += c;
  }
  if (!checks(canonical)) return { ok: false, problem: 'typo' };
  return { ok: true, code: { id: canonical.slice(0, pairingIdLength), secret: canonical.slice(pairingIdLength, pairingIdLength + pairingSecretLength) } };
}

/** A code's characters from random bytes (one byte per character, its low five bits). */
export function pairingCodeFromBytes(bytes: Uint8Array): PairingCode {
  if (bytes.length < pairingIdLength + pairingSecretLength) throw new Error('A pairing code needs 15 random bytes.');
  let text = '';
  for (let i = 0; i < pairingIdLength + pairingSecretLength; i += 1) text += pairingAlphabet[(bytes[i] as number) & 31];
  return { id: text.slice(0, pairingIdLength), secret: text.slice(pairingIdLength) };
}
