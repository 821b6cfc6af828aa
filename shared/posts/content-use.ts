import type { ContentKind } from '../authorization/scope';
import type { MediaKind } from './post';

/** Lower case, accents removed: "José" matches "jose". */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Where a whole word or phrase occurs in text, compared folded; [start, end) pairs. */
export function findPhrase(text: string, phrase: string): [number, number][] {
  const needle = foldText(phrase.trim());
  if (needle.length < 2) return [];
  const folded = foldText(text);
  const hits: [number, number][] = [];
  const boundary = /[\p{L}\p{N}]/u;
  for (let at = folded.indexOf(needle); at !== -1; at = folded.indexOf(needle, at + 1)) {
    const before = folded[at - 1];
    const after = folded[at + needle.length];
    if ((!before || !boundary.test(before)) && (!after || !boundary.test(after))) hits.push([at, at + needle.length]);
  }
  return hits;
}

const ageMention = /\b(?:age[sd]?\s*\d{1,3}|\d{1,3}\s*(?:-|\s)?(?:years?|yrs?)(?:\s*|-)old|\d{1,3}\s*y\/?o)\b/i;

export interface ContentUseInput {
  caption: string;
  media: { kind: MediaKind; beforeAfter: boolean }[];
  patient: { firstName: string; lastName: string; city?: string | null };
  /** The testimonial's words: quoting them uses the written testimonial. */
  quote: string;
  extraContentKinds: ContentKind[];
}

/**
 * The kinds of content a post uses, derived from its media and caption
 * where a rule can tell (a photo uses "photographs", the last name in the
 * caption uses "full name"), plus what the coordinator added.
 */
export function contentKindsUsed(input: ContentUseInput): ContentKind[] {
  const used = new Set<ContentKind>(input.extraContentKinds);
  for (const m of input.media) {
    if (m.kind === 'photo') used.add(m.beforeAfter ? 'before_after_images' : 'photographs');
    if (m.kind === 'video') used.add('video');
    if (m.kind === 'audio') used.add('audio');
    if (m.beforeAfter) used.add('before_after_images');
  }
  const { caption, patient } = input;
  if (findPhrase(caption, patient.lastName).length) used.add('full_name');
  else if (findPhrase(caption, patient.firstName).length) used.add('first_name');
  if (patient.city && findPhrase(caption, patient.city).length) used.add('city');
  if (ageMention.test(caption)) used.add('age');
  const sentences = input.quote.split(/(?<=[.!?])\s+/).map((s) => s.trim()).filter((s) => s.length >= 15);
  if (sentences.some((s) => foldText(caption).includes(foldText(s.replace(/[.!?]+$/, ''))))) used.add('written_testimonial');
  return [...used].sort();
}
