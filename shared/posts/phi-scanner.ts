import type { PracticeContact } from '../settings';
import { foldText, foldWithMap, matchFolded, phrasePattern } from './text/folded-text';

/**
 * Finds, in a caption or a review reply, the HIPAA identifiers a pattern can
 * recognise (45 CFR 164.514(b)(2)). It never consults a patient's record:
 * any full date is "a date more precise than the year", any long number or
 * code "a number that could identify a patient", whatever it matches, so a
 * finding can never confirm a guess about a detail the reader may not see.
 * It errs towards asking: a finding is a prompt for a person to look.
 */
export type IdentifierKind =
  | 'date'
  | 'phone'
  | 'email'
  | 'address'
  | 'zip_code'
  | 'ssn'
  | 'record_number'
  | 'insurance'
  | 'url'
  | 'ip_address';

export type FindingKind = IdentifierKind | 'patient_name' | 'health' | 'age' | 'place';

export interface Finding {
  kind: FindingKind;
  start: number;
  end: number;
  text: string;
  message: string;
}

/**
 * Identifiers no marketing authorization should carry: they block approval
 * unless an administrator decides otherwise, with a written reason.
 */
export const blockingIdentifiers: readonly IdentifierKind[] = ['date', 'phone', 'email', 'address', 'zip_code', 'ssn', 'record_number', 'insurance', 'ip_address'];

export const identifierNames: Record<IdentifierKind, string> = {
  date: 'a date more precise than the year',
  phone: 'a phone or fax number',
  email: 'an email address',
  address: 'a street address',
  zip_code: 'a ZIP code',
  ssn: 'a Social Security number',
  record_number: 'a record, account or member number',
  insurance: 'health insurance details',
  url: 'a web address',
  ip_address: 'an IP address',
};

const month =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|ene|abr|ago|dic)';
const streetType =
  '(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|ter|circle|cir|parkway|pkwy|highway|hwy|trail|trl|square|sq)';
const states =
  'AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC|PR';
const quantity =
  '(?:steps?|miles?|mi|km|kilometers?|meters?|feet|ft|pounds?|lbs?|kg|calories|people|patients|members|followers|likes|views|dollars|usd|pasos|millas|kilometros|metros|libras|kilos|personas|pacientes|seguidores)';
const insurers =
  'medicaid|medicare|medi-cal|tricare|blue cross|blue shield|bcbs|aetna|cigna|unitedhealthcare|united healthcare|humana|kaiser|kaiser permanente|anthem|molina|centene|ambetter|delta dental|metlife dental|oscar health|wellcare|caresource|healthnet|health net|obamacare|affordable care act';

/** Why each identifier matters, in English (the renderer's English catalogue reuses it). */
export const identifierMessages: Record<IdentifierKind, string> = {
  email: 'An email address can identify a person.',
  url: 'A web address: make sure it does not point to the patient.',
  ip_address: 'An IP address is an identifier.',
  ssn: 'This looks like a Social Security number.',
  phone: 'A phone or fax number can identify a person.',
  date: 'A date more precise than the year can identify a patient (birth, visit, surgery).',
  address: 'A street address identifies where someone lives.',
  zip_code: 'A ZIP code is a geographic identifier smaller than a state.',
  record_number: 'A number or code that could identify a patient (a record, account, member or claim number).',
  insurance: 'Health insurance details are health-plan information about the patient.',
};

/**
 * Generic identifier patterns, run on the folded text (lower case, no
 * accents). The longer match wins where two overlap.
 */
const patterns: { kind: IdentifierKind; re: RegExp }[] = [
  { kind: 'email', re: /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g },
  { kind: 'url', re: /\b(?:https?:\/\/|www\.)[^\s<>"]+|\b[a-z0-9-]+\.(?:com|org|net|health|care|clinic|us|io)(?:\/[^\s<>"]*)?\b/g },
  { kind: 'ip_address', re: /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/g },
  { kind: 'ssn', re: /\b\d{3}[- ]\d{2}[- ]\d{4}\b|\b(?:ssn|social security(?: number)?|seguro social)\s*(?:#|no\.?|number|numero)?\s*[:#-]?\s*\d{4,9}\b/g },
  { kind: 'phone', re: /(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\b\d{3})[\s.-]?\d{3}[\s.-]\d{4}\b|\b\d{3}[\s.-]\d{4}\b(?=\D|$)/g },
  {
    kind: 'date',
    re: new RegExp(
      [
        // March 3, March 3rd, 2025, Mar. 3
        `\\b${month}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\b(?:,?\\s+\\d{4})?`,
        // 3 March, 12th of January 2025, 3 de marzo de 2025
        `\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+|de\\s+)?${month}\\b(?:,?\\s+(?:de\\s+|del\\s+)?\\d{4})?`,
        // March 2014, March of 2014, marzo de 2014, marzo del 2014
        `\\b${month}\\.?,?\\s+(?:of\\s+|de\\s+|del\\s+)?(?:19|20)\\d{2}\\b`,
        // 2025-02-28, 3/14/2025, 3/14/25, 3/14, 14.03.2025, 5-17-84
        '\\b\\d{4}-\\d{1,2}-\\d{1,2}\\b',
        '\\b\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}\\b',
        '\\b(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\\d|3[01])\\b',
      ].join('|'),
      'g',
    ),
  },
  { kind: 'address', re: new RegExp(`\\b\\d{1,6}\\s+(?:[\\p{L}'-]+\\.?\\s+){1,3}${streetType}\\b\\.?|\\bp\\.?\\s?o\\.?\\s+box\\s+\\d+|\\b(?:calle|avenida|av\\.|camino)\\s+[\\p{L}'-]+(?:\\s+[\\p{L}'-]+){0,2}\\s+(?:#\\s*)?\\d{1,6}\\b|\\b(?:apt|apartment|suite|ste|unit)\\.?\\s*#?\\s*\\d+[a-z]?\\b`, 'gu') },
  { kind: 'zip_code', re: new RegExp(`\\b(?:(?:${states.toLowerCase()})\\s+\\d{5}(?:-\\d{4})?|(?:zip|zip code|codigo postal|c\\.p\\.)\\s*:?\\s*\\d{5}(?:-\\d{4})?|\\d{5}-\\d{4})\\b`, 'g') },
  {
    kind: 'record_number',
    re: new RegExp(
      [
        // Labelled: MRN 20417, chart #A-2041, account no. 88213-44, member ID XQH449821, póliza 12345
        '\\b(?:mrn|medical record|record|chart|account|acct|member|policy|claim|patient|group|subscriber|case|file|id|expediente|cuenta|poliza|afiliado|reclamo|numero de paciente)\\s*(?:#|no\\.?|num\\.?|number|numero|id)?\\s*[:#-]?\\s*[a-z]*\\d[a-z0-9-]{2,}\\b',
        // Codes mixing letters and at least three digits: MRN-20417, XQH449821
        '\\b[a-z]{1,5}-?\\d{3,}[a-z0-9]*\\b',
        // #20417
        '#\\d{3,}\\b',
        // A bare run of five or more digits that is not a quantity ("10000 steps") nor grouped ("10,000")
        `(?<![\\d,.])\\d{5,}(?![\\d,.]|\\s*${quantity}\\b)`,
      ].join('|'),
      'g',
    ),
  },
  {
    kind: 'insurance',
    re: new RegExp(
      [
        `\\b(?:${insurers})\\b`,
        '\\b(?:her|his|my|your|their|our)\\s+(?:health\\s+|dental\\s+)?(?:insurance|insurer|health plan|coverage|insurance card|policy)\\b',
        '\\b(?:insurance|insurer|health plan)\\s+(?:covered|paid|denied|approved|card|company|claim|plan|policy|number|id)\\b',
        '\\bcovered by (?:her |his |my |your |their )?(?:insurance|the plan)\\b',
        '\\b(?:su|mi|tu|sus|mis)\\s+(?:seguro|aseguradora|poliza)(?:\\s+medico|\\s+dental)?\\b',
        '\\bseguro\\s+(?:medico|dental|de salud)\\b',
        '\\b(?:el|la)\\s+(?:seguro|aseguradora)\\s+(?:cubrio|pago|nego|aprobo)\\b',
      ].join('|'),
      'g',
    ),
  },
];

/** The practice's own contact details, folded for comparison: never a finding. */
function isPracticeOwn(kind: IdentifierKind, text: string, practice: PracticeContact | undefined): boolean {
  if (!practice) return false;
  const digits = (s: string) => s.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');
  if (kind === 'phone' && practice.phone && digits(practice.phone).length >= 7) return digits(text).endsWith(digits(practice.phone).slice(-7)) && digits(practice.phone).endsWith(digits(text).slice(-10));
  if (kind === 'email' && practice.email) return foldText(text) === foldText(practice.email);
  if (kind === 'url' && practice.website) {
    const host = (s: string) => foldText(s).replace(/^https?:\/\//, '').replace(/^www\./, '').split('/')[0]!;
    return host(text) === host(practice.website);
  }
  if ((kind === 'address' || kind === 'zip_code' || kind === 'record_number') && practice.address) {
    const squash = (s: string) => foldText(s).replace(/[^\p{L}\p{N}]/gu, '');
    return squash(practice.address).includes(squash(text));
  }
  return false;
}

export interface ScanOptions {
  /** The practice's own phone, email, website and address: giving them is the safe pattern. */
  practice?: PracticeContact;
}

/** Every identifier a pattern can recognise, one finding per stretch of text. */
export function scanForPhi(text: string, options: ScanOptions = {}): Finding[] {
  const folded = foldWithMap(text);
  const found: Finding[] = [];
  for (const { kind, re } of patterns) {
    for (const m of matchFolded(folded, re)) {
      if (isPracticeOwn(kind, m.text, options.practice)) continue;
      found.push({ kind, start: m.start, end: m.end, text: m.text, message: identifierMessages[kind] });
    }
  }
  return longestFirst(found);
}

/** Overlapping findings: the longer wins (an email that holds a name is an email); then the earlier in the list. */
export function longestFirst<F extends { start: number; end: number }>(found: F[]): F[] {
  const order = found.map((f, i) => ({ f, i }));
  order.sort((a, b) => b.f.end - b.f.start - (a.f.end - a.f.start) || a.i - b.i);
  const kept: F[] = [];
  for (const { f } of order) if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  return kept.sort((a, b) => a.start - b.start);
}

/** Place names in a text: whole words, capitalised as a place is (so "mobile" and "hope" are not). */
export function findPlaces(text: string, places: readonly string[], notPlaces: readonly string[] = []): { start: number; end: number; text: string }[] {
  const excluded = new Set(notPlaces.flatMap((p) => foldText(p).split(/\s+/)));
  const re = phrasePattern(places);
  if (!re) return [];
  const out: { start: number; end: number; text: string }[] = [];
  for (const m of matchFolded(foldWithMap(text), re)) {
    if (/^\p{Lu}/u.test(m.text) || m.text === m.text.toUpperCase()) out.push({ start: m.start, end: m.end, text: m.text });
  }
  // Hashtags and handles run words together: #SpringfieldStrong.
  const squashedPlaces = places.map((p) => foldText(p).replace(/[^\p{L}\p{N}]/gu, '')).filter((p) => p.length >= 5);
  for (const m of text.matchAll(/[#@][\p{L}\p{N}_.]+/gu)) {
    const body = foldText(m[0]).replace(/[^\p{L}\p{N}]/gu, '');
    if (squashedPlaces.some((p) => body.includes(p))) out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  // "from X", "X native", "vive en X": a capitalised name in a place's position.
  for (const m of text.matchAll(/\b(?:from|native of|resident of|lives in|living in|moved to|grew up in|hometown of|vive en|originaria de|originario de|vecina de|vecino de|desde)\s+((?:\p{Lu}[\p{L}'-]+)(?:\s+\p{Lu}[\p{L}'-]+){0,2})/gu)) {
    const start = m.index + m[0].length - m[1]!.length;
    if (!excluded.has(foldText(m[1]!.split(/\s+/)[0]!)) && !/^(?:Dr|Mr|Mrs|Ms|Our|The|Her|His|My|Your|Their|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/.test(m[1]!)) {
      out.push({ start, end: start + m[1]!.length, text: m[1]! });
    }
  }
  return out;
}
