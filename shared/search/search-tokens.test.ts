import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForSearch, nameTokens, recordNumberToken } from './search-tokens';

describe('foldForSearch', () => {
  it('drops accents, width and case the way a person typing would', () => {
    expect(foldForSearch('José')).toBe('jose');
    expect(foldForSearch('JOSÉ')).toBe('jose');
    expect(foldForSearch('Ｊｏｓｅ')).toBe('jose');
    expect(foldForSearch('Núñez')).toBe('nunez');
    expect(foldForSearch('Straße')).toBe('strasse');
    expect(foldForSearch('Łukasz Ørsted')).toBe('lukasz orsted');
    expect(foldForSearch('İlkay')).toBe('ilkay');
  });

  it('is idempotent and leaves no combining marks or capitals', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const once = foldForSearch(text);
        expect(foldForSearch(once)).toBe(once);
        expect(once).not.toMatch(/\p{M}/u);
        expect(once).toBe(once.toLowerCase());
      }),
    );
  });

  it('folds a name and its upper-case, decomposed or composed spellings alike', () => {
    const latin = fc.constantFrom(...'aeiounczAEIOUNCZáéíóúñçÁÉÍÓÚÑÇüÜ'.split(''));
    fc.assert(
      fc.property(fc.array(latin, { minLength: 1, maxLength: 20 }).map((c) => c.join('')), (name) => {
        expect(foldForSearch(name.toUpperCase())).toBe(foldForSearch(name));
        expect(foldForSearch(name.normalize('NFD'))).toBe(foldForSearch(name.normalize('NFC')));
      }),
    );
  });
});

describe('nameTokens', () => {
  it('splits compound names and joins apostrophes', () => {
    expect(nameTokens('María José García-López')).toEqual(['maria', 'jose', 'garcia', 'lopez']);
    expect(nameTokens("O'Brien")).toEqual(['obrien']);
    expect(nameTokens('O’Brien  obrien')).toEqual(['obrien']);
    expect(nameTokens('  ')).toEqual([]);
  });

  it('gives tokens that are non-empty, folded, unique and free of separators', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (name) => {
        const tokens = nameTokens(name);
        expect(new Set(tokens).size).toBe(tokens.length);
        for (const t of tokens) {
          expect(t).not.toBe('');
          expect(t).toMatch(/^[\p{L}\p{N}]+$/u);
          expect(foldForSearch(t)).toBe(t);
        }
      }),
    );
  });
});

describe('recordNumberToken', () => {
  it('keeps only letters and digits, folded', () => {
    expect(recordNumberToken('MRN-00 123')).toBe('mrn00123');
    expect(recordNumberToken('mrn00123')).toBe('mrn00123');
    expect(recordNumberToken('--')).toBe('');
  });
});
