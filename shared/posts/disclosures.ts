import type { ContentKind } from '../authorization/scope';
import type { PracticeContact } from '../settings';
import { blockingIdentifiers, findPlaces, identifierNames, longestFirst, scanForPhi, type FindingKind, type IdentifierKind } from './phi-scanner';
import type { MediaKind } from './post';
import { findAgeMentions } from './text/age-mentions';
import { findHealthMentions } from './text/health-mentions';
import { findNameMentions, revealsLastName } from './text/name-mentions';

/**
 * What a post discloses, derived from everything it puts out: its caption,
 * the testimonial it uses (its quote) and its media. Each disclosure names
 * the content kind of the authorization it needs, or is an identifier that
 * no marketing authorization should carry (it blocks approval until an
 * administrator decides otherwise).
 */
export type DisclosureKind = FindingKind | 'testimonial' | 'media' | 'added';
export type DisclosureSource = 'caption' | 'testimonial' | 'media' | 'added';

export interface Disclosure {
  kind: DisclosureKind;
  source: DisclosureSource;
  /** [start, end) in the caption or the quote (its source); 0, 0 for media and additions. */
  start: number;
  end: number;
  text: string;
  message: string;
  /** The content kind the consent must include, or null for an identifier that needs none (it blocks, or only asks for a look). */
  contentKind: ContentKind | null;
  /** No marketing authorization should carry it: approval waits for an administrator's decision. */
  blocking: boolean;
  /** For health information: the concept of the lexicon, and whether it names a condition. */
  concept?: string;
  specific?: boolean;
  /** What the message's words depend on beyond the fields above, so the screen can word it in the staff member's language. */
  params?: DisclosureParams;
}

/** The facts behind a disclosure's sentence (absent on disclosures kept before they were recorded). */
export interface DisclosureParams {
  /** A patient's name: which part shows, and in what form. */
  name?: 'first_name' | 'last_name' | 'full_name';
  nameForm?: 'plain' | 'tagged' | 'initial_and_last' | 'first_and_initial';
  /** Health information: billing for care (an insurance claim, a bill) rather than care itself. */
  billing?: boolean;
  /** An age over 89, itself an identifier under HIPAA. */
  over89?: boolean;
  /** A media item: whether `text` is its file name (false: it has none, and `text` is its kind). */
  named?: boolean;
}

/** A health mention as the coverage rule weighs it against a scope's named conditions. */
export interface HealthMentionSummary {
  concept: string;
  term: string;
  specific: boolean;
}

export interface PostDisclosures {
  disclosures: Disclosure[];
  contentKinds: ContentKind[];
  blockingIdentifiers: IdentifierKind[];
  healthMentions: HealthMentionSummary[];
}

export interface DisclosureInput {
  caption: string;
  /** The testimonial the post uses; its quote goes out with it. */
  testimonial: { title: string; quote: string } | null;
  media: readonly { kind: MediaKind; beforeAfter: boolean; fileName?: string }[];
  patient: { firstName: string; lastName: string };
  /** Place names to look for: common ones and every city in the practice's records (never only this patient's). */
  places: readonly string[];
  practice?: { name: string; contact: PracticeContact };
  extraContentKinds: readonly ContentKind[];
}

/** What the consent must include for each content kind, as the needs sentence says it (the English catalogue reuses it). */
export const contentNeeded: Record<ContentKind, string> = {
  written_testimonial: 'the written testimonial',
  first_name: 'the first name',
  full_name: 'the full name',
  photographs: 'photographs',
  video: 'video',
  audio: 'audio',
  before_after_images: 'before-and-after images',
  age: 'the age',
  city: 'the city',
  health_condition: 'the health condition or treatment',
};

export function needsMessage(kind: ContentKind): string {
  return `Needs ${contentNeeded[kind]} in the consent.`;
}

export const nameWords: Record<NonNullable<DisclosureParams['name']>, string> = { first_name: 'first name', last_name: 'last name', full_name: 'full name' };
export const nameFormWords: Record<NonNullable<DisclosureParams['nameForm']>, string> = {
  plain: '',
  tagged: ' (in a hashtag or handle)',
  initial_and_last: ' (initial and last name)',
  first_and_initial: ' (first name and initial)',
};

function textDisclosures(text: string, source: 'caption' | 'testimonial', input: DisclosureInput): Disclosure[] {
  const found: Disclosure[] = [];
  const where = source === 'caption' ? 'The caption' : 'The testimonial’s quote';
  const add = (d: Omit<Disclosure, 'source'>) => found.push({ ...d, source });
  for (const m of findNameMentions(text, input.patient)) {
    const full = revealsLastName(m.form);
    const contentKind: ContentKind = full ? 'full_name' : 'first_name';
    const nameForm = m.tagged ? 'tagged' : m.form === 'initial_and_last' || m.form === 'first_and_initial' ? m.form : 'plain';
    const name = m.form === 'full' ? 'full_name' : full ? 'last_name' : 'first_name';
    add({
      kind: 'patient_name',
      start: m.start,
      end: m.end,
      text: m.text,
      contentKind,
      blocking: false,
      params: { name, nameForm },
      message: `The patient’s ${nameWords[name]}${nameFormWords[nameForm]}. ${needsMessage(contentKind)}`,
    });
  }
  for (const m of findHealthMentions(text)) {
    add({
      kind: 'health',
      start: m.start,
      end: m.end,
      text: m.text,
      contentKind: 'health_condition',
      blocking: false,
      concept: m.concept,
      specific: m.specific,
      params: { billing: m.field === 'billing' },
      message: `${m.field === 'billing' ? 'Billing for care' : m.specific ? 'A health condition, treatment or procedure' : 'Health care'}: health information. ${needsMessage('health_condition')}`,
    });
  }
  for (const m of findAgeMentions(text)) {
    const over89 = m.years !== null && m.years > 89;
    const note = over89 ? ' Ages over 89 are identifiers under HIPAA.' : '';
    add({ kind: 'age', start: m.start, end: m.end, text: m.text, contentKind: 'age', blocking: false, params: { over89 }, message: `An age.${note} ${needsMessage('age')}` });
  }
  const notPlaces = input.practice ? [input.practice.name, input.patient.firstName, input.patient.lastName] : [input.patient.firstName, input.patient.lastName];
  for (const m of findPlaces(text, input.places, notPlaces)) {
    add({ kind: 'place', start: m.start, end: m.end, text: m.text, contentKind: 'city', blocking: false, message: `A place name (a city, town or neighbourhood): it can tell where the patient lives. ${needsMessage('city')}` });
  }
  for (const f of scanForPhi(text, { practice: input.practice?.contact })) {
    const kind = f.kind as IdentifierKind;
    const blocking = blockingIdentifiers.includes(kind);
    add({
      kind,
      start: f.start,
      end: f.end,
      text: f.text,
      contentKind: null,
      blocking,
      message: blocking
        ? `${where} contains ${identifierNames[kind]}. ${f.message} No marketing authorization should carry it: remove it, or ask an administrator to approve it with a written reason.`
        : f.message,
    });
  }
  // One disclosure per stretch and kind: the longer wins. Different kinds may overlap: a name inside an email is both.
  const kinds = [...new Set(found.map((d) => d.kind))];
  return kinds.flatMap((kind) => longestFirst(found.filter((d) => d.kind === kind))).sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Everything the post discloses, and what its consent must therefore include. */
export function derivePostDisclosures(input: DisclosureInput): PostDisclosures {
  const disclosures: Disclosure[] = textDisclosures(input.caption, 'caption', input);
  const quote = input.testimonial?.quote.trim() ?? '';
  if (input.testimonial && quote) {
    // A paraphrase cannot be told from new words: a post that uses a
    // testimonial uses its quote, and what the quote says.
    disclosures.push({
      kind: 'testimonial',
      source: 'testimonial',
      start: 0,
      end: 0,
      text: input.testimonial.title,
      contentKind: 'written_testimonial',
      blocking: false,
      message: `The post uses the testimonial “${input.testimonial.title}”: its quote goes out with it, quoted or retold. ${needsMessage('written_testimonial')}`,
    });
    disclosures.push(...textDisclosures(quote, 'testimonial', input));
  }
  for (const m of input.media) {
    const kinds: ContentKind[] = m.kind === 'photo' ? [m.beforeAfter ? 'before_after_images' : 'photographs'] : m.kind === 'video' ? ['video'] : ['audio'];
    if (m.beforeAfter && m.kind !== 'photo') kinds.push('before_after_images');
    for (const kind of kinds) {
      disclosures.push({
        kind: 'media',
        source: 'media',
        start: 0,
        end: 0,
        text: m.fileName ?? m.kind,
        contentKind: kind,
        blocking: false,
        params: { named: typeof m.fileName === 'string' },
        message: `${m.fileName ?? 'A media file'}. ${needsMessage(kind)}`,
      });
    }
  }
  for (const kind of input.extraContentKinds) {
    disclosures.push({ kind: 'added', source: 'added', start: 0, end: 0, text: '', contentKind: kind, blocking: false, message: `Added by the coordinator. ${needsMessage(kind)}` });
  }
  const contentKinds = [...new Set(disclosures.map((d) => d.contentKind).filter((k): k is ContentKind => k !== null))].sort();
  const blocking = [...new Set(disclosures.filter((d) => d.blocking).map((d) => d.kind as IdentifierKind))].sort();
  const health = new Map<string, HealthMentionSummary>();
  for (const d of disclosures) if (d.kind === 'health' && d.concept && !health.has(d.concept)) health.set(d.concept, { concept: d.concept, term: d.text, specific: d.specific ?? false });
  return { disclosures, contentKinds, blockingIdentifiers: blocking, healthMentions: [...health.values()] };
}
