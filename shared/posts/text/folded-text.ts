/**
 * Text compared without case or accents ("José" matches "jose"), with a map
 * back to the original positions, so a match found in the folded text marks
 * the right characters of what the person typed (folding can change a
 * string's length: "İ" lower-cases to two code units).
 */
export interface FoldedText {
  original: string;
  folded: string;
  /** The original index of each folded index (one past the end included). */
  originalIndex: number[];
}

export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’‘`´]/g, "'");
}

export function foldWithMap(original: string): FoldedText {
  let folded = '';
  const originalIndex: number[] = [];
  for (let i = 0; i < original.length; ) {
    const codePoint = original.codePointAt(i)!;
    const char = String.fromCodePoint(codePoint);
    const f = foldText(char);
    for (let k = 0; k < f.length; k += 1) originalIndex.push(i);
    folded += f;
    i += char.length;
  }
  originalIndex.push(original.length);
  return { original, folded, originalIndex };
}

export interface TextMatch {
  start: number;
  end: number;
  text: string;
  /** The regular expression's groups, folded. */
  groups: (string | undefined)[];
}

/** Every match of a global regular expression run on the folded text, in original positions. */
export function matchFolded(text: FoldedText, re: RegExp): TextMatch[] {
  const out: TextMatch[] = [];
  for (const m of text.folded.matchAll(re)) {
    if (m[0].length === 0) continue;
    const start = text.originalIndex[m.index]!;
    const end = text.originalIndex[m.index + m[0].length]!;
    out.push({ start, end, text: text.original.slice(start, end), groups: m.slice(1) });
  }
  return out;
}

/** A literal for a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Letters and digits in any script: what a word boundary means here ("Maria's" has one, "Mariachi" does not). */
export const wordChar = '[\\p{L}\\p{N}]';

/** A whole-word, whole-phrase pattern for one of several phrases (folded), with spaces or hyphens between words. */
export function phrasePattern(phrases: readonly string[], { plural = false }: { plural?: boolean } = {}): RegExp | null {
  const parts = [...new Set(phrases.map((p) => foldText(p.trim())).filter((p) => p.length >= 2))]
    .sort((a, b) => b.length - a.length)
    .map((p) =>
      p
        .split(/\s+/)
        .map((word) => escapeRegExp(word).replace(/-/g, '[\\s-]*'))
        .join('[\\s-]+'),
    );
  if (parts.length === 0) return null;
  const suffix = plural ? "(?:s|es|'s)?" : '';
  return new RegExp(`(?<!${wordChar})(?:${parts.join('|')})${suffix}(?!${wordChar})`, 'gu');
}

/** Where a whole word or phrase occurs in text, compared folded; [start, end) pairs in the original. */
export function findPhrase(text: string, phrase: string): [number, number][] {
  const re = phrasePattern([phrase]);
  if (!re) return [];
  return matchFolded(foldWithMap(text), re).map((m) => [m.start, m.end]);
}
