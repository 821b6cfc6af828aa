import { patientLanguages, type PatientLanguage } from '../patient-language';
import type { RequiredStatement } from '../patient-language/patient-language';
import { languages, type Language } from './scope';

/**
 * An independent reading of an authorization PDF's text (as `pdftotext`
 * extracts it), element by element of 45 CFR 164.508(c): what an auditor
 * or a privacy officer would look for, without trusting the app that made
 * it. It knows each language's built-in wording and the ideas each required
 * statement must express; wording an administrator rewrote is judged by
 * those ideas and by its section headings.
 */
export const checkedElements = [
  'information',
  'discloser',
  'recipients',
  'purposes',
  'expiration',
  'signature_and_date',
  'representative',
  'remuneration',
  'revocation',
  'revocation_contact',
  'no_conditioning',
  'redisclosure',
  'copy',
] as const;
export type CheckedElement = (typeof checkedElements)[number];

export const checkedElementLabels: Record<CheckedElement, string> = {
  information: '164.508(c)(1)(i) description of the information',
  discloser: '164.508(c)(1)(ii) who may disclose it',
  recipients: '164.508(c)(1)(iii) to whom it may be disclosed',
  purposes: '164.508(c)(1)(iv) the purposes',
  expiration: '164.508(c)(1)(v) expiration date or event',
  signature_and_date: '164.508(c)(1)(vi) signature and date',
  representative: '164.508(c)(1)(vi) representative and authority',
  remuneration: '164.508(a)(3)(ii) remuneration and payer',
  revocation: '164.508(c)(2)(i) right to revoke in writing, and the exception',
  revocation_contact: '164.508(c)(2)(i) how to revoke (address)',
  no_conditioning: '164.508(c)(2)(ii) no conditioning of treatment',
  redisclosure: '164.508(c)(2)(iii) redisclosure no longer protected',
  copy: '164.508(c)(4) a copy for the individual',
};

export type CheckStatus = 'present' | 'missing' | 'not_applicable';
export interface CheckedItem {
  element: CheckedElement;
  label: string;
  status: CheckStatus;
  /** What was found, or what is missing. */
  detail: string;
}
export interface AuthorizationCheck {
  language: Language | null;
  items: CheckedItem[];
  complete: boolean;
}

/** A capture that starts at the beginning of the text holds everything before it: keep its end. */
const tail = (s: string) => (s.length > 80 ? `…${s.slice(-80).trim()}` : s.trim());
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A wording sentence with its placeholders as captures: "ends on {{date}}." matches "ends on May 1, 2027." */
function sentencePattern(wording: string): RegExp {
  const parts = flat(wording).split(/\{\{\w+\}\}/);
  return new RegExp(parts.map((p) => escape(p).replace(/ /g, '\\s+')).join('(.+?)'), 'u');
}

/** The literal text of a wording before its first placeholder (the start of the sentence that carries it). */
const leadOf = (wording: string) => flat(wording.split(/\{\{\w+\}\}/)[0] ?? '');

function detectLanguage(text: string): Language | null {
  const scores = languages.map((l) => {
    const t = patientLanguages[l].template;
    const markers = [t.title, t.information.heading, t.revocation.heading, t.noConditioning.heading, t.signature.heading];
    return { l, score: markers.filter((m) => text.includes(flat(m))).length };
  });
  const best = scores.sort((a, b) => b.score - a.score)[0]!;
  return best.score > 0 ? best.l : null;
}

function concepts(pack: PatientLanguage, statement: RequiredStatement, text: string): string[] {
  return Object.entries(pack.concepts[statement])
    .filter(([, pattern]) => !new RegExp(pattern, 'iu').test(text))
    .map(([concept]) => concept);
}

/** Check an authorization's extracted text; `language` when known, otherwise found from the text. */
export function checkAuthorizationText(extracted: string, language?: Language): AuthorizationCheck {
  const text = flat(extracted);
  const lang = language ?? detectLanguage(text);
  if (!lang) {
    return {
      language: null,
      complete: false,
      items: checkedElements.map((element) => ({ element, label: checkedElementLabels[element], status: 'missing', detail: 'not an authorization in a language Consent Desk knows' })),
    };
  }
  const pack = patientLanguages[lang];
  const t = pack.template;
  const has = (s: string) => text.includes(flat(s));
  const items: CheckedItem[] = [];
  const report = (element: CheckedElement, ok: boolean | null, detail: string) =>
    items.push({ element, label: checkedElementLabels[element], status: ok === null ? 'not_applicable' : ok ? 'present' : 'missing', detail });
  const anyOf = (labels: Record<string, string>) => Object.values(labels).filter((l) => has(l));

  const kinds = anyOf(pack.labels.contentKinds);
  report('information', has(t.information.heading) && kinds.length > 0, kinds.length ? kinds.join('; ') : 'no kind of information listed');
  const discloser = sentencePattern(t.discloser.body).exec(text);
  report('discloser', has(t.discloser.heading) && Boolean(discloser?.[1]?.trim()), discloser?.[1] ? tail(discloser[1]) : 'no practice named');
  const channels = anyOf(pack.labels.channels);
  const recipientsLead = has(leadOf(t.recipients.body));
  report('recipients', has(t.recipients.heading) && (channels.length > 0 || recipientsLead), channels.join('; ') || (recipientsLead ? 'other places listed' : 'no place listed'));
  const purposes = anyOf(pack.labels.purposes);
  report('purposes', has(t.purposes.heading) && (purposes.length > 0 || has(leadOf(t.purposes.body))), purposes.join('; ') || 'purposes in other words');
  const onDate = sentencePattern(t.expiration.onDate).exec(text);
  const onEvent = sentencePattern(t.expiration.onEvent).exec(text);
  const ending = onDate?.[1] ?? onEvent?.[1];
  report('expiration', Boolean(ending?.trim()), ending ? `${onDate ? 'last day in effect' : 'event'}: ${ending}` : 'no expiration date or event');
  const signed = has(pack.pdf.dateSigned) || has(pack.pdf.paper.dateLine);
  report('signature_and_date', has(t.signature.heading) && signed, signed ? 'signature block with its date' : 'no signature block with a date');

  if (has(t.representative.heading)) {
    const rep = sentencePattern(t.representative.body).exec(text);
    const authority = anyOf(pack.labels.authorities);
    report('representative', Boolean(rep?.[1]?.trim()) && (authority.length > 0 || Boolean(rep?.at(-1)?.trim())), rep ? `${tail(rep[1] ?? '')}: ${authority.join('; ') || rep.at(-1)}` : 'representative not named');
  } else report('representative', null, 'signed by the patient');
  if (has(t.remuneration.heading)) {
    const paid = sentencePattern(t.remuneration.body).exec(text);
    report('remuneration', Boolean(paid?.[2]?.trim()), paid?.[2] ? `payer: ${paid[2]}` : 'payer not named');
  } else report('remuneration', null, 'no payment statement (no third party pays)');

  const missingRevocation = concepts(pack, 'revocation', text);
  report('revocation', missingRevocation.length === 0, missingRevocation.length ? `does not say: ${missingRevocation.join(', ')}` : 'right, in writing, exception');
  const contact = sentencePattern(t.revocation.body).exec(text);
  const address = contact?.[2]?.trim() ?? '';
  report('revocation_contact', /\d/.test(address), address ? `send to: ${address}` : 'no address to send a revocation to');
  for (const [element, statement] of [
    ['no_conditioning', 'noConditioning'],
    ['redisclosure', 'redisclosure'],
    ['copy', 'copy'],
  ] as const) {
    const missing = concepts(pack, statement, text);
    report(element, missing.length === 0, missing.length ? `does not say: ${missing.join(', ')}` : 'stated');
  }
  return { language: lang, items, complete: items.every((i) => i.status !== 'missing') };
}
