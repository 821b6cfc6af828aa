import { escapeRegExp, foldText, foldWithMap, matchFolded, phrasePattern, wordChar } from './folded-text';

export type NameForm = 'full' | 'last' | 'initial_and_last' | 'first' | 'first_and_initial';

export interface NameMention {
  start: number;
  end: number;
  text: string;
  form: NameForm;
  /** Inside a hashtag or a handle (#MariaLopezStrong, @maria.lopez). */
  tagged: boolean;
}

/** Name particles that identify no one alone. */
const particles = new Set(['de', 'del', 'la', 'las', 'los', 'y', 'van', 'von', 'der', 'da', 'di', 'du', 'le', 'st', 'san', 'mc', 'bin', 'ibn', 'al', 'el']);

function parts(name: string): string[] {
  return foldText(name)
    .split(/[\s-]+/)
    .map((p) => p.replace(/[^\p{L}\p{N}']/gu, ''))
    .filter((p) => p.length >= 2 && !particles.has(p));
}

const tagPattern = /[#@][\p{L}\p{N}_.]+/gu;

/**
 * The patient's names in a text, in every usual form: full name, last name
 * alone ("Ms. Lopez", "the Lopez family", "Lopez's"), initial and last name
 * ("M. Lopez"), first name alone or with an initial ("Maria L."), and inside
 * hashtags and handles, where words run together (#MariaLopezStrong,
 * @maria_lopez). A last name in any form identifies the patient: it needs
 * the full name in the consent.
 */
export function findNameMentions(text: string, person: { firstName: string; lastName: string }): NameMention[] {
  const folded = foldWithMap(text);
  const out: NameMention[] = [];
  const first = parts(person.firstName);
  const last = parts(person.lastName);
  const add = (re: RegExp | null, form: NameForm) => {
    if (!re) return;
    for (const m of matchFolded(folded, re)) out.push({ start: m.start, end: m.end, text: m.text, form, tagged: false });
  };
  const fullName = `${person.firstName} ${person.lastName}`;
  add(phrasePattern([fullName]), 'full');
  if (last.length) {
    const initials = [...new Set(first.map((p) => p[0]!))].map(escapeRegExp).join('|');
    const lastAlt = last.map(escapeRegExp).join('|');
    if (initials) add(new RegExp(`(?<!${wordChar})(?:${initials})\\.?\\s*(?:${lastAlt})(?!${wordChar})`, 'gu'), 'initial_and_last');
    add(phrasePattern([person.lastName, ...last.filter((p) => p.length >= 3)], { plural: true }), 'last');
  }
  if (first.length) {
    const lastInitials = [...new Set(last.map((p) => p[0]!))].map(escapeRegExp).join('|');
    const firstAlt = [foldText(person.firstName.trim()), ...first].map(escapeRegExp).join('|');
    if (lastInitials) add(new RegExp(`(?<!${wordChar})(?:${firstAlt})\\s+(?:${lastInitials})\\.(?!${wordChar})`, 'gu'), 'first_and_initial');
    add(phrasePattern([person.firstName, ...first.filter((p) => p.length >= 3)], { plural: true }), 'first');
  }
  // Hashtags and handles: the words run together, so look inside them.
  for (const m of matchFolded(folded, tagPattern)) {
    const body = m.text.slice(1);
    const squashed = foldText(body).replace(/[_.]/g, '');
    const words = body
      .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
      .split(/[\s_.]+/)
      .map((w) => foldText(w));
    const has = (p: string) => words.includes(p) || (p.length >= 4 && squashed.includes(p));
    let form: NameForm | null = null;
    if (last.some(has)) form = first.some(has) ? 'full' : 'last';
    else if (first.some(has) || (first.length > 1 && squashed.includes(first.join('')))) form = 'first';
    if (form) out.push({ start: m.start, end: m.end, text: m.text, form, tagged: true });
  }
  return out;
}

/** Whether a form of the name needs the full name in the consent (any last name does). */
export function revealsLastName(form: NameForm): boolean {
  return form === 'full' || form === 'last' || form === 'initial_and_last';
}
