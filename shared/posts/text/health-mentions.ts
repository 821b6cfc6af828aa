import { acronymTerms, everydayTerms, evidentCareTerms, healthLexicon, type HealthField } from './health-lexicon';
import { foldText, foldWithMap, matchFolded, phrasePattern } from './folded-text';

export interface HealthMention {
  start: number;
  end: number;
  text: string;
  concept: string;
  field: HealthField;
  specific: boolean;
}

/** Spaces and hyphens removed: "x-ray", "x ray" and "xray" are one key. */
const key = (text: string) => foldText(text).replace(/[\s-]+/g, '');

interface Lexicon {
  byKey: Map<string, (typeof healthLexicon)[number]>;
  acronyms: Set<string>;
  everyday: Set<string>;
  evident: Set<string>;
  pattern: RegExp;
}

let built: Lexicon | null = null;

/**
 * The lexicon's lookups and its one pattern, built with the first text
 * read (100 ms and more on a loaded machine) rather than when the module
 * loads: every sign-in and command loads the coverage rule, few read a caption.
 */
function lexicon(): Lexicon {
  if (built) return built;
  const byKey = new Map<string, (typeof healthLexicon)[number]>();
  for (const entry of healthLexicon) for (const term of [...entry.en, ...entry.es]) if (!byKey.has(key(term))) byKey.set(key(term), entry);
  built = {
    byKey,
    acronyms: new Set([...acronymTerms].map(key)),
    everyday: new Set([...everydayTerms].map(key)),
    evident: new Set([...evidentCareTerms].map(key)),
    pattern: phrasePattern(
      healthLexicon.flatMap((e) => [...e.en, ...e.es]),
      { plural: true },
    )!,
  };
  return built;
}

/**
 * Words just before a general or everyday term that make it about a
 * person's care: a personal pronoun or possessive, or "after", "without"…
 */
const personalBefore =
  /(?:^|[^\p{L}\p{N}])(?:her|his|my|your|their|she|he|i|i'm|i've|me|him|them|you|after|since|during|following|post|without|no more|free of|through|finished|completed|started|whole|entire|full|complete|speedy|quick|fast|su|sus|mi|mis|tu|tus|ella|yo|le|despues del|despues de(?: la| el| su| mi)?|tras(?: la| el| su| mi)?|durante(?: la| el| su| mi)?|todo el|toda la|desde(?: la| el| su| mi)?|sin|termino|termine|empezo|empece)\s+(?:[\p{L}'-]+\s+){0,3}$/u;

function lookup(matched: string) {
  const { byKey } = lexicon();
  const k = key(matched);
  return byKey.get(k) ?? byKey.get(k.replace(/'s$/, '')) ?? byKey.get(k.replace(/es$/, '')) ?? byKey.get(k.replace(/s$/, ''));
}

/**
 * Health conditions, treatments, procedures and billing words in a text.
 * `personalOnly`: general concepts (therapy, surgery, pain) count only when
 * the words before them point at someone ("her surgery", "after therapy");
 * specific ones (a root canal, diabetes) always count.
 */
export function findHealthMentions(text: string): HealthMention[] {
  const { acronyms, everyday, evident, pattern } = lexicon();
  const folded = foldWithMap(text);
  const out: HealthMention[] = [];
  for (const m of matchFolded(folded, pattern)) {
    const entry = lookup(m.text);
    if (!entry) continue;
    const k = key(m.text);
    const bare = k.replace(/(?:'s|es|s)$/, '');
    if (acronyms.has(k) || acronyms.has(bare)) {
      // "MS", "ADD": only in capitals.
      if (m.text !== m.text.toUpperCase()) continue;
    }
    const needsPerson = (!entry.specific || everyday.has(k) || everyday.has(bare)) && !evident.has(k) && !evident.has(bare);
    if (needsPerson && !personalBefore.test(foldText(text.slice(Math.max(0, m.start - 40), m.start)))) continue;
    out.push({ start: m.start, end: m.end, text: m.text, concept: entry.concept, field: entry.field, specific: entry.specific });
  }
  return out;
}

/** The concepts a scope's condition names ("knee replacement" → knee_replacement), however it is written. */
export function conceptsNamedBy(condition: string): string[] {
  const found = matchFolded(foldWithMap(condition), lexicon().pattern)
    .map((m) => lookup(m.text)?.concept)
    .filter((c): c is string => c !== undefined);
  return [...new Set(found)];
}
