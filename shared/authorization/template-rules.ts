import { patientLanguages } from '../patient-language';
import type { statementConcepts} from '../patient-language/patient-language';
import { type RequiredStatement } from '../patient-language/patient-language';
import type { Language } from './scope';
import type { TemplateText } from './template';
import { placeholderMeanings, placeholdersIn, type Placeholder } from './template-placeholders';

/**
 * The parts of a wording that 45 CFR 164.508(c) makes required, as codes
 * that messages and tests name. A version missing any of them would make
 * every authorization signed on it defective (164.508(b)(2)(ii)), so it is
 * never published.
 */
export const wordingElements = [
  'title',
  'intro',
  'information',
  'discloser',
  'recipients',
  'purposes',
  'expiration_date',
  'expiration_event',
  'remuneration',
  'representative',
  'revocation',
  'no_conditioning',
  'redisclosure',
  'copy',
  'signature',
  'signature_on_paper',
] as const;
export type WordingElement = (typeof wordingElements)[number];

/** Each element's name in messages, where it sits in the wording, and the placeholders it must keep. */
const elements: Record<WordingElement, { name: string; path: string; placeholders: Placeholder[]; statement?: RequiredStatement }> = {
  title: { name: 'The title', path: 'title', placeholders: [] },
  intro: { name: 'The introduction', path: 'intro', placeholders: [] },
  information: { name: 'Section 1, what information may be used', path: 'information', placeholders: ['information'] },
  discloser: { name: 'Section 2, who may use and share it (the practice)', path: 'discloser', placeholders: ['practice'] },
  recipients: { name: 'Section 3, where it may appear (the recipients)', path: 'recipients', placeholders: ['recipients'] },
  purposes: { name: 'Section 4, the purposes', path: 'purposes', placeholders: ['purposes'] },
  expiration_date: { name: 'The expiration sentence for a date', path: 'expiration.onDate', placeholders: ['lastDay'] },
  expiration_event: { name: 'The expiration sentence for an event', path: 'expiration.onEvent', placeholders: ['event'] },
  remuneration: { name: 'The payment statement (remuneration)', path: 'remuneration', placeholders: ['payer'] },
  representative: { name: 'The personal representative’s section', path: 'representative', placeholders: ['representative', 'authority'] },
  revocation: { name: 'The right-to-revoke statement', path: 'revocation', placeholders: ['revocationContact'], statement: 'revocation' },
  no_conditioning: { name: 'The statement that treatment does not depend on signing', path: 'noConditioning', placeholders: [], statement: 'noConditioning' },
  redisclosure: { name: 'The redisclosure statement', path: 'redisclosure', placeholders: [], statement: 'redisclosure' },
  copy: { name: 'The statement that the patient gets a copy', path: 'copy', placeholders: [], statement: 'copy' },
  signature: { name: 'The signature statement (electronic)', path: 'signature', placeholders: [], statement: 'signature' },
  signature_on_paper: { name: 'The signature statement for paper', path: 'signature.onPaper', placeholders: [], statement: 'signature' },
};

/** What each idea of a required statement means, in the words of the messages. */
const conceptMeanings: { [S in RequiredStatement]: Record<(typeof statementConcepts)[S][number], string> } = {
  revocation: {
    right: 'that the patient may revoke (cancel) it at any time',
    inWriting: 'that a revocation is made in writing',
    exception: 'that what was already done relying on it is not undone',
  },
  noConditioning: {
    treatment: 'that treatment is not affected',
    notConditioned: 'that nothing depends on signing',
  },
  redisclosure: {
    sharedAgain: 'that recipients may share the information again',
    noLongerProtected: 'that it may then no longer be protected by the privacy law',
  },
  copy: { copy: 'that the patient receives a copy' },
  signature: { sign: 'what signing means' },
};

export interface WordingProblem {
  element: WordingElement;
  /** Where to fix it in the wording form, e.g. `revocation.body`. */
  path: string;
  message: string;
}

/** The texts an element is made of, with their paths. */
function partsOf(text: TemplateText, element: WordingElement): { path: string; value: string }[] {
  switch (element) {
    case 'title':
      return [{ path: 'title', value: text.title }];
    case 'intro':
      return [{ path: 'intro', value: text.intro }];
    case 'expiration_date':
      return [
        { path: 'expiration.heading', value: text.expiration.heading },
        { path: 'expiration.onDate', value: text.expiration.onDate },
      ];
    case 'expiration_event':
      return [
        { path: 'expiration.heading', value: text.expiration.heading },
        { path: 'expiration.onEvent', value: text.expiration.onEvent },
      ];
    case 'signature':
      return [
        { path: 'signature.heading', value: text.signature.heading },
        { path: 'signature.body', value: text.signature.body },
      ];
    case 'signature_on_paper':
      return [{ path: 'signature.onPaper', value: text.signature.onPaper }];
    default: {
      const key = elements[element].path as Exclude<keyof TemplateText, 'title' | 'intro' | 'expiration' | 'signature'>;
      return [
        { path: `${key}.heading`, value: text[key].heading },
        { path: `${key}.body`, value: text[key].body },
      ];
    }
  }
}

/**
 * Everything that stops a wording from being published, each naming the
 * element: a blank part, a missing placeholder for a core element, a
 * required statement that does not say what it must, or an unknown
 * placeholder. Empty when the wording may be published.
 */
export function wordingProblems(language: Language, text: TemplateText): WordingProblem[] {
  const problems: WordingProblem[] = [];
  const concepts = patientLanguages[language].concepts;
  for (const element of wordingElements) {
    const { name, placeholders, statement } = elements[element];
    const parts = partsOf(text, element);
    const blank = parts.find((p) => p.value.trim() === '');
    if (blank) {
      problems.push({ element, path: blank.path, message: `${name} is missing: write its ${blank.path.endsWith('heading') ? 'heading' : 'text'}.` });
      continue;
    }
    const body = parts.at(-1)!;
    for (const placeholder of placeholders) {
      if (!placeholdersIn(body.value).includes(placeholder)) {
        problems.push({
          element,
          path: body.path,
          message: `${name} must contain {{${placeholder}}}, where ${placeholderMeanings[placeholder]} is filled in.`,
        });
      }
    }
    if (statement) {
      const said = parts.map((p) => p.value).join(' ');
      const missing = Object.entries(concepts[statement])
        .filter(([, pattern]) => !new RegExp(pattern, 'iu').test(said))
        .map(([concept]) => (conceptMeanings[statement] as Record<string, string>)[concept]!);
      if (missing.length) problems.push({ element, path: body.path, message: `${name} does not say ${missing.join(', nor ')}.` });
    }
  }
  for (const [path, value] of allTexts(text)) {
    for (const name of placeholdersIn(value)) {
      if (!(name in placeholderMeanings)) {
        problems.push({ element: elementOfPath(path), path, message: `{{${name}}} is not a placeholder Consent Desk knows; it would print as typed. Use one of: ${Object.keys(placeholderMeanings).map((p) => `{{${p}}}`).join(', ')}.` });
      }
    }
  }
  return problems;
}

function allTexts(text: TemplateText): [string, string][] {
  return Object.entries(text).flatMap(([key, value]) =>
    typeof value === 'string' ? [[key, value] as [string, string]] : Object.entries(value).map(([part, v]) => [`${key}.${part}`, v as string] as [string, string]),
  );
}

function elementOfPath(path: string): WordingElement {
  if (path === 'expiration.onEvent') return 'expiration_event';
  if (path.startsWith('expiration')) return 'expiration_date';
  if (path === 'signature.onPaper') return 'signature_on_paper';
  return wordingElements.find((e) => elements[e].path === path.split('.')[0]) ?? 'title';
}

/** The names of the elements, for screens that list them. */
export const wordingElementNames: Record<WordingElement, string> = Object.fromEntries(
  wordingElements.map((e) => [e, elements[e].name]),
) as Record<WordingElement, string>;
