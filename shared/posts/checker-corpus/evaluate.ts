import { commonPlaceNames } from '../text/place-names';
import { derivePostDisclosures } from '../disclosures';
import { checkReviewReply } from '../review-reply';
import { captionCorpus } from './captions';
import { corpusPractice, type CorpusEntry } from './corpus-entry';
import { reviewReplyCorpus } from './review-replies';

/**
 * How well the checkers do on the corpus. A leaking text counts as found
 * when the checker flags it at all (recall); a safe text flagged at all is
 * a false positive. Per kind: of the texts marked with a kind, how many the
 * checker marks with that kind; and of the texts not marked with it, how
 * many it wrongly marks with it.
 */
export interface Rate {
  hits: number;
  of: number;
}

export interface CheckerScore {
  name: string;
  byLanguage: Record<string, { recall: Rate; falsePositives: Rate }>;
  byKind: Record<string, { recall: Rate; falsePositives: Rate }>;
  misses: string[];
}

/** Disclosure kinds of captions, as the corpus names them: the phone of "contact details" is a phone. */
function captionKinds(text: string): Set<string> {
  const d = derivePostDisclosures({
    caption: text,
    testimonial: null,
    media: [],
    patient: corpusPractice.patient,
    places: [...commonPlaceNames, ...corpusPractice.places],
    practice: { name: corpusPractice.name, contact: corpusPractice.contact },
    extraContentKinds: [],
  });
  return new Set(d.disclosures.filter((x) => x.kind !== 'url').map((x) => x.kind));
}

function replyKinds(text: string): Set<string> {
  const check = checkReviewReply(text, { practiceName: corpusPractice.name, contact: corpusPractice.contact });
  return new Set(check.concerns.map((c) => c.kind));
}

function score(name: string, corpus: readonly CorpusEntry[], kindsOf: (text: string) => Set<string>): CheckerScore {
  const rate = (): Rate => ({ hits: 0, of: 0 });
  const byLanguage: CheckerScore['byLanguage'] = {};
  const byKind: CheckerScore['byKind'] = {};
  const misses: string[] = [];
  const allKinds = new Set(corpus.flatMap((e) => e.kinds));
  for (const entry of corpus) {
    const found = kindsOf(entry.text);
    const lang = (byLanguage[entry.lang] ??= { recall: rate(), falsePositives: rate() });
    if (entry.kinds.length) {
      lang.recall.of += 1;
      if (found.size) lang.recall.hits += 1;
      else misses.push(`missed (${entry.lang}): ${entry.text}`);
    } else {
      lang.falsePositives.of += 1;
      if (found.size) {
        lang.falsePositives.hits += 1;
        misses.push(`false positive (${entry.lang}) ${[...found].join(', ')}: ${entry.text}`);
      }
    }
    for (const kind of allKinds) {
      const k = (byKind[kind] ??= { recall: rate(), falsePositives: rate() });
      if (entry.kinds.includes(kind)) {
        k.recall.of += 1;
        if (found.has(kind)) k.recall.hits += 1;
        else if (found.size) misses.push(`kind ${kind} not found (${entry.lang}): ${entry.text}`);
      } else {
        k.falsePositives.of += 1;
        if (found.has(kind)) k.falsePositives.hits += 1;
      }
    }
  }
  return { name, byLanguage, byKind, misses };
}

export function evaluateCheckers(): CheckerScore[] {
  return [score('Review replies', reviewReplyCorpus, replyKinds), score('Post captions', captionCorpus, captionKinds)];
}

export const percent = (r: Rate) => (r.of === 0 ? 'n/a' : `${((100 * r.hits) / r.of).toFixed(1)}%`);
