import { patientLanguages, type PatientLanguageCode } from './index';

const wordsOf = (text: string) => text.toLocaleLowerCase().match(/\p{L}+/gu) ?? [];

/**
 * The language free text looks written in, when it is not `expected`: the
 * language whose frequent words it holds most of, and more of them than of
 * the expected language's. Null when it fits, or when there is too little
 * to tell (a single word, a name).
 */
export function looksWrittenIn(text: string, expected: PatientLanguageCode): PatientLanguageCode | null {
  const words = wordsOf(text);
  if (words.length < 2) return null;
  const hits = (code: PatientLanguageCode) => {
    const common = new Set(patientLanguages[code].freeText.commonWords);
    return words.filter((w) => common.has(w)).length;
  };
  const expectedHits = hits(expected);
  let best: { code: PatientLanguageCode; hits: number } | null = null;
  for (const code of Object.keys(patientLanguages) as PatientLanguageCode[]) {
    if (code === expected) continue;
    const n = hits(code);
    if (n > expectedHits && n >= 1 && (!best || n > best.hits)) best = { code, hits: n };
  }
  return best?.code ?? null;
}
