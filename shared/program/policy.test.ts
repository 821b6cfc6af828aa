import { describe, expect, it } from 'vitest';
import { policySectionKeys } from '../program-language';
import { builtInPolicy, policyProblems, policyTextIn, policyVersionTextSchema, tidyPolicy } from './policy';

describe('the social-media policy', () => {
  it('starts complete in English and Spanish, covering every topic', () => {
    expect(policyProblems(builtInPolicy)).toEqual([]);
    for (const language of ['en', 'es'] as const) {
      for (const key of policySectionKeys) expect(builtInPolicy[language].sections[key].body.length).toBeGreaterThan(100);
      expect(builtInPolicy[language].dos.length).toBe(builtInPolicy.en.dos.length);
      expect(builtInPolicy[language].donts.length).toBe(builtInPolicy.en.donts.length);
    }
  });

  it('names every gap by language and field', () => {
    const text = policyVersionTextSchema.parse({ en: { title: 'T' }, es: {} });
    const problems = policyProblems(text);
    expect(problems.filter((p) => p.language === 'en').map((p) => p.path)).toEqual([...policySectionKeys.flatMap((k) => [`sections.${k}.heading`, `sections.${k}.body`]), 'dos', 'donts']);
    expect(problems.find((p) => p.language === 'es')?.message).toBe('Spanish: give the policy a title.');
  });

  it('drops blank rules and fills the practice’s name into the text staff acknowledge', () => {
    const text = structuredClone(builtInPolicy);
    text.en.dos.push('', '  ');
    expect(tidyPolicy(policyVersionTextSchema.parse(text)).en.dos).toEqual(builtInPolicy.en.dos);
    const shown = policyTextIn(builtInPolicy, 'es', 'Clínica Río');
    expect(shown).toContain('todo el personal de Clínica Río');
    expect(shown).not.toContain('{practice}');
    expect(shown).toContain('\nSí\n');
  });
});
