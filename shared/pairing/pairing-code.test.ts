import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPairingCode, pairingAlphabet, pairingCodeFromBytes, parsePairingCode, type PairingCode } from './pairing-code';

const codes = fc.uint8Array({ minLength: 15, maxLength: 15 }).map(pairingCodeFromBytes);
const compact = (code: PairingCode) => formatPairingCode(code).replace(/-/g, '');

describe('pairing codes', () => {
  it('reads back what it formats: four groups of four, id then secret', () => {
    expect(formatPairingCode({ id: '7KQ2M', secret: 'X4P9ZR2CHT' })).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    fc.assert(
      fc.property(codes, (code) => {
        const text = formatPairingCode(code);
        expect(text).toMatch(new RegExp(`^([${pairingAlphabet}]{4}-){3}[${pairingAlphabet}]{4}$`));
        expect(parsePairingCode(text)).toEqual({ ok: true, code });
      }),
    );
  });

  it('forgives case, spaces, hyphens and the look-alike letters I, L and O', () => {
    const spacing = fc.constantFrom('', ' ', '  ', '-', ' - ', '\t', '.', '–', '\u00a0');
    fc.assert(
      fc.property(codes, fc.array(spacing, { minLength: 17, maxLength: 17 }), fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }), (code, gaps, lower) => {
        const characters = [...compact(code)].map((c, i) => {
          const lookAlike = c === '1' ? (lower[i] ? 'l' : 'I') : c === '0' ? 'O' : c;
          return lower[i] ? lookAlike.toLowerCase() : lookAlike;
        });
        const typed = gaps[0] + characters.map((c, i) => c + gaps[i + 1]).join('');
        expect(parsePairingCode(typed)).toEqual({ ok: true, code });
      }),
    );
  });

  it('refuses any one mistyped character as a typo, before the server is asked', () => {
    fc.assert(
      fc.property(codes, fc.nat(15), fc.nat(31), (code, at, shift) => {
        const chars = [...compact(code)];
        const wrong = pairingAlphabet[(pairingAlphabet.indexOf(chars[at]!) + 1 + (shift % 31)) % 32]!;
        chars[at] = wrong;
        expect(parsePairingCode(chars.join(''))).toEqual({ ok: false, problem: 'typo' });
      }),
    );
  });

  it('refuses two neighbours swapped, but for the one pair Luhn mod 32 cannot see (0 and Z)', () => {
    fc.assert(
      fc.property(codes, fc.nat(14), (code, at) => {
        const chars = [...compact(code)];
        const [a, b] = [chars[at]!, chars[at + 1]!];
        fc.pre(a !== b);
        [chars[at], chars[at + 1]] = [b, a];
        const blind = [a, b].sort().join('') === '0Z';
        expect(parsePairingCode(chars.join('')).ok).toBe(blind);
      }),
    );
  });

  it('refuses a wrong length and characters no code holds', () => {
    fc.assert(
      fc.property(codes, fc.integer({ min: 1, max: 15 }), (code, keep) => {
        expect(parsePairingCode(compact(code).slice(0, keep))).toEqual({ ok: false, problem: 'length' });
        expect(parsePairingCode(`${compact(code)}7`)).toEqual({ ok: false, problem: 'length' });
      }),
    );
    fc.assert(
      fc.property(codes, fc.nat(15), fc.constantFrom('U', 'u', '!', '#', 'Ñ', 'ü', '*', '?', 'Ж'), (code, at, bad) => {
        const chars = [...compact(code)];
        chars[at] = bad;
        expect(parsePairingCode(chars.join(''))).toEqual({ ok: false, problem: 'character' });
      }),
    );
    expect(parsePairingCode('')).toEqual({ ok: false, problem: 'length' });
  });
});
