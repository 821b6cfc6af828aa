import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksWrittenIn } from './language-guess';
import { patientLanguages } from './index';

describe('free text in the wrong language', () => {
  it.each([
    ['Lobby display screen in the waiting room', 'es', 'en'],
    ['the end of my treatment', 'es', 'en'],
    ['Facebook group of the practice', 'es', 'en'],
    ['el fin de mi tratamiento de ortodoncia', 'en', 'es'],
  ] as const)('flags “%s” for a %s document as %s', (text, expected, found) => {
    expect(looksWrittenIn(text, expected)).toBe(found);
  });

  it.each([
    ['Boletín comunitario de la clínica', 'es'],
    ['La pantalla de la sala de espera', 'es'],
    ['Lobby', 'es'],
    ['Acme Orthotics', 'es'],
    ['Court order 2024-GU-118', 'en'],
    ['', 'es'],
  ] as const)('lets “%s” stand in a %s document', (text, expected) => {
    expect(looksWrittenIn(text, expected)).toBeNull();
  });

  it('accepts every example hint of its own language, and never throws on any text', () => {
    for (const [code, pack] of Object.entries(patientLanguages)) {
      for (const example of Object.values(pack.freeText.examples)) expect(looksWrittenIn(example, code as 'en' | 'es'), example).toBeNull();
    }
    fc.assert(fc.property(fc.string(), fc.constantFrom('en', 'es' as const), (text, code) => {
      const found = looksWrittenIn(text, code);
      expect(found === null || found !== code).toBe(true);
    }));
  });
});
