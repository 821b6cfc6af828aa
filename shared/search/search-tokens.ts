/**
 * How a name or record number is reduced before it is compared: the same for
 * what is stored and what is typed, so "JOSÉ" finds "José", "Garcia" finds
 * "García-López" and "mrn 00123" finds "MRN-00123". Pure; the PostgreSQL
 * store keys these tokens into blind indexes, so the server never sees them.
 */

/** Letters that compatibility decomposition leaves whole but a person types as plain Latin letters. */
const plainLetters: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** NFKD, diacritics removed, case folded ("ＪＯＳÉ" -> "jose", "Straße" -> "strasse"). */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => plainLetters[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '');
}

const apostrophes = /['’‘`´ʼ]/g;
const notLetterOrDigit = /[^\p{L}\p{N}]+/u;

/**
 * The words of a name as they are compared: folded, apostrophes dropped
 * ("O'Brien" -> "obrien"), split at spaces, hyphens and other punctuation.
 * Each word appears once, in order of first appearance.
 */
export function nameTokens(name: string): string[] {
  const words = foldForSearch(name).replace(apostrophes, '').split(notLetterOrDigit);
  return [...new Set(words.filter((w) => w !== ''))];
}

/** A record number as compared: folded, only its letters and digits ("MRN-00 123" -> "mrn00123"); '' when it has none. */
export function recordNumberToken(recordNumber: string): string {
  return foldForSearch(recordNumber).replace(/[^\p{L}\p{N}]/gu, '');
}
