import { shared as english } from './en/shared';
import { currentLanguage } from './i18n';
import { resources } from './resources';

/**
 * The shared rules' English sentences (zod messages in shared/, the issues
 * of the backend's validation errors) said in the screen's language. The
 * English sentence is the key (gettext's msgid): shared/ and the backend
 * stay free of translations, and a sentence nobody translated is left as it
 * is, so the caller decides what to show instead.
 */

/** What the wording reads from an issue: zod's own (code, origin, bounds), or only a message from the backend. */
export interface IssueWords {
  message: string;
  code?: string;
  origin?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
}

type Msgid = keyof typeof english;

const placeholder = /\{\{(\w+)\}\}/g;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each msgid with a part that varies, as a pattern that reads that part back. */
const patterns = (Object.keys(english) as Msgid[])
  .filter((msgid) => msgid.includes('{{'))
  .map((msgid) => ({
    msgid,
    names: [...msgid.matchAll(placeholder)].map((m) => m[1]!),
    pattern: new RegExp(`^${escape(msgid).replace(/\\\{\\\{\w+\\\}\\\}/g, '(.+?)')}$`, 'u'),
  }));

const englishNumber = /^(?:\d{1,3}(?:,\d{3})+|\d+)$/;

/** A number as the screen's language writes it ("5,000" reads "5000" in Spanish); any other part as it came. */
function localValue(value: string | number | bigint): string {
  const text = String(value);
  if (!englishNumber.test(text)) return text;
  return new Intl.NumberFormat(currentLanguage()).format(Number(text.replace(/,/g, '')));
}

function say(msgid: Msgid, values: Record<string, string | number | bigint> = {}): string {
  const catalogue: Record<string, string> = resources[currentLanguage()].shared;
  return (catalogue[msgid] ?? msgid).replace(placeholder, (whole, name: string) => (name in values ? localValue(values[name]!) : whole));
}

function fromPattern(message: string, only?: Msgid): string | undefined {
  for (const { msgid, names, pattern } of patterns) {
    if (only && msgid !== only) continue;
    const found = pattern.exec(message);
    if (found) return say(msgid, Object.fromEntries(names.map((name, i) => [name, found[i + 1]!])));
  }
  return undefined;
}

/** A shared sentence in the screen's language, or undefined when the catalogue does not know it. */
export function sharedText(message: string): string | undefined {
  const text = message.trim();
  if (Object.hasOwn(english, text)) return say(text as Msgid);
  return fromPattern(text);
}

const atMost: Msgid = 'Use at most {{max}} characters.';
const atLeast: Msgid = 'Use at least {{min}} characters.';
/** zod's own wording when a schema gives none ("Too big: expected string to have <=100 characters"). */
const zodsOwn = (message: string) => /^Too (big|small):/.test(message);

/**
 * What a form shows for one issue: the catalogue's sentence for a message it
 * knows; for a length rule, the bound zod reports (its code, not the
 * message's digits); otherwise the message unchanged (the renderer's own
 * schemas already speak the screen's language).
 */
export function wordIssue(issue: IssueWords): string {
  const text = issue.message.trim();
  if (Object.hasOwn(english, text)) return say(text as Msgid);
  if (issue.origin === 'string') {
    if (issue.code === 'too_big' && issue.maximum !== undefined && (zodsOwn(text) || fromPattern(text, atMost))) return say(atMost, { max: issue.maximum });
    if (issue.code === 'too_small' && issue.minimum !== undefined && (zodsOwn(text) || fromPattern(text, atLeast))) return say(atLeast, { min: issue.minimum });
  }
  return fromPattern(text) ?? issue.message;
}
