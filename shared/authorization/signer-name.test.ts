import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameSignerName, signerNameKey } from './signer-name';

describe('sameSignerName', () => {
  it('accepts the name without accents, in another case or spacing', () => {
    expect(sameSignerName('Lucia Fernandez', 'Lucía Fernández')).toBe(true);
    expect(sameSignerName('  lucía   FERNÁNDEZ ', 'Lucía Fernández')).toBe(true);
    expect(sameSignerName('Ñúñez', 'nunez')).toBe(true);
    expect(sameSignerName('O’Brien', "O'Brien")).toBe(true);
    expect(sameSignerName('Ana‐María', 'Ana-Maria')).toBe(true);
    // Composed and decomposed forms of the same letters.
    expect(sameSignerName('Lucia\u0301', 'Lucía')).toBe(true);
  });

  it('refuses another name, a partial name and an empty one', () => {
    expect(sameSignerName('Lucia Fernandes', 'Lucía Fernández')).toBe(false);
    expect(sameSignerName('Lucía', 'Lucía Fernández')).toBe(false);
    expect(sameSignerName('Luis Fernández', 'Lucía Fernández')).toBe(false);
    expect(sameSignerName('   ', '')).toBe(false);
  });

  it('is unchanged by adding accents or case to any name', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (name) => {
        const accented = name.replace(/[aeiou]/g, (v) => `${v}\u0301`).toUpperCase();
        expect(signerNameKey(accented)).toBe(signerNameKey(name.toUpperCase()));
      }),
    );
  });
});
