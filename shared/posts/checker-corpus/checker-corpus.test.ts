import { describe, expect, it } from 'vitest';
import { captionCorpus } from './captions';
import { evaluateCheckers, percent } from './evaluate';
import { reviewReplyCorpus } from './review-replies';

describe('the checkers’ corpus', () => {
  it('holds at least 150 replies and 150 captions, about half leaking, in English and Spanish', () => {
    for (const corpus of [reviewReplyCorpus, captionCorpus]) {
      expect(corpus.length).toBeGreaterThanOrEqual(150);
      for (const lang of ['en', 'es'] as const) {
        const own = corpus.filter((e) => e.lang === lang);
        const leaking = own.filter((e) => e.kinds.length > 0).length;
        expect(own.length).toBeGreaterThanOrEqual(75);
        expect(Math.abs(leaking - (own.length - leaking))).toBeLessThanOrEqual(4);
      }
    }
  });

  it('meets the targets in each language: recall at least 95%, false positives at most 5%', () => {
    for (const score of evaluateCheckers()) {
      for (const [lang, r] of Object.entries(score.byLanguage)) {
        const label = `${score.name} (${lang}): recall ${percent(r.recall)}, false positives ${percent(r.falsePositives)}\n${score.misses.join('\n')}`;
        expect(r.recall.hits / r.recall.of, label).toBeGreaterThanOrEqual(0.95);
        expect(r.falsePositives.hits / r.falsePositives.of, label).toBeLessThanOrEqual(0.05);
      }
    }
  });
});
