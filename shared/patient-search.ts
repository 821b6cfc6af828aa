import { isDay, type Day } from './calendar';

/**
 * How patients are found whatever the accents, case or order of names.
 * A name becomes a search key: NFKD, combining marks removed, case folded,
 * letters that do not decompose spelled out (ß, ø, ł, æ...), and anything
 * that is not a letter or digit a word break, except apostrophes, which
 * join ("O'Brien" is found by "obrien"). "María José González-Núñez"
 * becomes the words maria, jose, gonzalez, nunez.
 */
const spelledOut: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  ø: 'o',
  Ø: 'o',
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'd',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ı: 'i',
  þ: 'th',
  Þ: 'th',
};

export function searchKeyOf(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßẞøØłŁđĐæÆœŒıþÞ]/g, (c) => spelledOut[c] ?? c)
    .toLowerCase()
    .replace(/['’ʼ`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The distinct words of a name's search key. */
export function nameTokensOf(...parts: string[]): string[] {
  return [...new Set(parts.flatMap((p) => searchKeyOf(p).split(' ')).filter((t) => t !== ''))];
}

/** The key a list is sorted by: last name, then first name, folded. */
export function nameSortKeyOf(p: { firstName: string; lastName: string }): string {
  return `${searchKeyOf(p.lastName)}\u0001${searchKeyOf(p.firstName)}`;
}

/**
 * Two patients are likely the same person when they share a date of birth
 * and the same words of name in any order ("González María" and "Maria
 * Gonzalez"), accents and case aside.
 */
export function sameNameKey(p: { firstName: string; lastName: string }): string {
  return nameTokensOf(p.firstName, p.lastName).sort().join(' ');
}

const monthNames: Record<string, number> = {};
[
  ['january', 'jan', 'enero', 'ene'],
  ['february', 'feb', 'febrero'],
  ['march', 'mar', 'marzo'],
  ['april', 'apr', 'abril', 'abr'],
  ['may', 'mayo'],
  ['june', 'jun', 'junio'],
  ['july', 'jul', 'julio'],
  ['august', 'aug', 'agosto', 'ago'],
  ['september', 'sep', 'sept', 'septiembre', 'setiembre', 'set'],
  ['october', 'oct', 'octubre'],
  ['november', 'nov', 'noviembre'],
  ['december', 'dec', 'diciembre', 'dic'],
].forEach((names, i) => names.forEach((n) => (monthNames[n] = i + 1)));

const pad = (n: number) => String(n).padStart(2, '0');

function dayFrom(year: number, month: number, day: number): Day | null {
  const text = `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
  return isDay(text) ? text : null;
}

/** A two-digit year is the latest year ending so that is not after today ("80" in 2026 is 1980, "19" is 2019). */
function fullYear(text: string, today: Day): number {
  const year = Number(text);
  if (text.length !== 2) return year;
  const thisYear = Number(today.slice(0, 4));
  const century = Math.floor(thisYear / 100) * 100;
  return century + year > thisYear ? century - 100 + year : century + year;
}

/**
 * The days a typed date of birth can mean: 1980-04-03, 04/03/1980 and
 * 4/3/80 (month first, as in the US; day first too when both are possible,
 * as typed in Spain and Latin America), 04-03-1980, 04.03.1980, 04031980,
 * "April 3, 1980", "3 abril 1980", "3 de abril de 1980". Empty when the
 * text is not a date.
 */
export function birthDaysOf(query: string, today: Day): Day[] {
  const text = query.trim().toLowerCase();
  const found = new Set<Day>();
  const add = (d: Day | null) => d && found.add(d);
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (m) add(dayFrom(Number(m[1]), Number(m[2]), Number(m[3])));
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$/.exec(text) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(text);
  if (m) {
    const year = fullYear(m[3]!, today);
    add(dayFrom(year, Number(m[1]), Number(m[2])));
    add(dayFrom(year, Number(m[2]), Number(m[1])));
  }
  const words = text.replace(/,/g, ' ').split(/\s+/).filter((w) => w !== 'de' && w !== 'del' && w !== '');
  if (words.length === 3) {
    const [a, b, c] = words as [string, string, string];
    const monthFirst = monthNames[a.replace(/\.$/, '')];
    const monthSecond = monthNames[b.replace(/\.$/, '')];
    if (monthFirst && /^\d{1,2}$/.test(b) && /^\d{4}$/.test(c)) add(dayFrom(Number(c), monthFirst, Number(b)));
    if (monthSecond && /^\d{1,2}$/.test(a) && /^\d{4}$/.test(c)) add(dayFrom(Number(c), monthSecond, Number(a)));
  }
  return [...found].filter((d) => d <= today).sort();
}

/** What a patient search asks for: days of birth, a record number, and name words to match as prefixes in any order. */
export interface PatientQuery {
  birthDays: Day[];
  recordNumber: string | null;
  nameTokens: string[];
}

export function parsePatientQuery(query: string, today: Day): PatientQuery {
  const trimmed = query.trim();
  if (trimmed === '') return { birthDays: [], recordNumber: null, nameTokens: [] };
  return {
    birthDays: birthDaysOf(trimmed, today),
    recordNumber: trimmed,
    // At most eight words: nobody types more, and each is one indexed range.
    nameTokens: nameTokensOf(trimmed).slice(0, 8),
  };
}

/** The oldest date of birth accepted: nobody alive is older than 125. */
export const oldestAgeYears = 125;

/** Why a date of birth cannot be right, in words for the front desk; null when it can. */
export function birthDayProblem(dateOfBirth: Day, today: Day): string | null {
  if (dateOfBirth > today) return 'The date of birth is in the future. Check the year.';
  const oldest = `${Number(today.slice(0, 4)) - oldestAgeYears}${today.slice(4)}`;
  if (dateOfBirth < oldest) return `That would make the patient older than ${oldestAgeYears}. Check the year.`;
  return null;
}
