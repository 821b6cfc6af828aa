import { formatDay, isDay } from '../calendar';
import { findPhrase } from './content-use';

/**
 * Finds, in a caption or a review reply, the HIPAA identifiers a pattern can
 * recognise (45 CFR 164.514(b)(2)) and the patient's own details. It errs
 * towards asking: a finding is a prompt for a person to look, not a verdict.
 */
export type FindingKind =
  | 'patient_name'
  | 'date_of_birth'
  | 'city'
  | 'record_number'
  | 'date'
  | 'phone'
  | 'email'
  | 'address'
  | 'zip_code'
  | 'ssn'
  | 'url'
  | 'ip_address'
  | 'age_over_89';

export interface Finding {
  kind: FindingKind;
  start: number;
  end: number;
  text: string;
  message: string;
}

export interface PatientDetails {
  firstName: string;
  lastName: string;
  dateOfBirth?: string | null;
  city?: string | null;
  recordNumber?: string | null;
}

const month =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)';
const streetType =
  '(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|ter|circle|cir|parkway|pkwy|highway|hwy|calle|avenida)';
const states =
  'AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC|PR';

/** Generic identifier patterns, each with the sentence a person reads. */
const patterns: { kind: FindingKind; re: RegExp; message: string }[] = [
  { kind: 'email', re: /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, message: 'An email address can identify a person.' },
  { kind: 'url', re: /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi, message: 'A web address: make sure it does not point to the patient.' },
  { kind: 'ip_address', re: /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/g, message: 'An IP address is an identifier.' },
  { kind: 'ssn', re: /\b\d{3}-\d{2}-\d{4}\b/g, message: 'This looks like a Social Security number.' },
  {
    kind: 'phone',
    re: /(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\b\d{3})[\s.-]?\d{3}[\s.-]\d{4}\b/g,
    message: 'A phone or fax number can identify a person.',
  },
  {
    kind: 'date',
    re: new RegExp(
      `\\b(?:${month}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+|de\\s+)?${month}\\b(?:,?\\s+(?:de\\s+)?\\d{4})?|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[/.-]\\d{1,2}(?:[/.-]\\d{2,4})?)\\b`,
      'gi',
    ),
    message: 'A date more precise than the year can identify a patient (birth, visit, surgery).',
  },
  {
    kind: 'address',
    re: new RegExp(`\\b\\d{1,6}\\s+(?:[A-Z][\\p{L}'-]*\\.?\\s+){1,3}${streetType}\\b\\.?|\\bP\\.?\\s?O\\.?\\s+Box\\s+\\d+`, 'giu'),
    message: 'A street address identifies where someone lives.',
  },
  {
    kind: 'zip_code',
    re: new RegExp(`\\b(?:(?:${states})\\s+\\d{5}(?:-\\d{4})?|zip(?:\\s*code)?:?\\s*\\d{5}(?:-\\d{4})?|\\d{5}-\\d{4})\\b`, 'g'),
    message: 'A ZIP code is a geographic identifier smaller than a state.',
  },
  {
    kind: 'record_number',
    re: /\b(?:MRN|medical record|record|chart|account|acct|member|policy|claim|patient)\s*(?:#|no\.?|number|id)?\s*[:#-]?\s*[A-Z0-9]*\d[A-Z0-9-]{2,}\b/gi,
    message: 'A record, account or member number identifies a patient.',
  },
  {
    kind: 'age_over_89',
    re: /\b(?:(?:9\d|1[0-4]\d)(?:\s*|-)(?:years?|yrs?)(?:\s*|-)old|age[sd]?\s+(?:9\d|1[0-4]\d)|(?:9\d|1[0-4]\d)(?:\s*|-)y\/?o)\b/gi,
    message: 'Ages over 89 are identifiers under HIPAA.',
  },
];

/** The ways a date of birth might be written. */
function birthDateForms(day: string): string[] {
  if (!isDay(day)) return [];
  const [y, m, d] = day.split('-');
  const mm = String(Number(m));
  const dd = String(Number(d));
  const en = formatDay(day, 'en');
  return [day, `${m}/${d}/${y}`, `${mm}/${dd}/${y}`, `${mm}/${dd}/${y!.slice(2)}`, en, en.replace(',', ''), formatDay(day, 'es')];
}

function patientFindings(text: string, p: PatientDetails): Finding[] {
  const out: Finding[] = [];
  const add = (kind: FindingKind, phrase: string, message: string) => {
    for (const [start, end] of findPhrase(text, phrase)) out.push({ kind, start, end, text: text.slice(start, end), message });
  };
  add('patient_name', `${p.firstName} ${p.lastName}`, 'The patient’s full name.');
  add('patient_name', p.lastName, 'The patient’s last name.');
  add('patient_name', p.firstName, 'The patient’s first name.');
  for (const form of p.dateOfBirth ? birthDateForms(p.dateOfBirth) : []) add('date_of_birth', form, 'The patient’s date of birth.');
  if (p.city) add('city', p.city, 'The city where the patient lives.');
  if (p.recordNumber) add('record_number', p.recordNumber, 'The patient’s record number.');
  return out;
}

export function scanForPhi(text: string, patient?: PatientDetails): Finding[] {
  const found: Finding[] = patient ? patientFindings(text, patient) : [];
  for (const { kind, re, message } of patterns) {
    for (const m of text.matchAll(re)) {
      found.push({ kind, start: m.index, end: m.index + m[0].length, text: m[0], message });
    }
  }
  // One finding per stretch of text: the longer match wins (an email that
  // holds the name is an email); on the same span, the patient's own detail
  // wins (a date that is the date of birth).
  const length = (f: Finding) => f.end - f.start;
  found.sort((a, b) => length(b) - length(a) || Number(isPatientSpecific(b)) - Number(isPatientSpecific(a)));
  const kept: Finding[] = [];
  for (const f of found) {
    if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start);
}

function isPatientSpecific(f: Finding): boolean {
  return f.kind === 'patient_name' || f.kind === 'date_of_birth' || f.kind === 'city';
}
