import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { foldForSearch, nameTokens } from '../../../shared/search/search-tokens';
import { BlindIndex, FieldCipher, FieldDecryptionError, maxPrefix, type BlindQuery, type FieldContext } from './field-crypto';

const keyA = crypto.randomBytes(32);
const keyB = crypto.randomBytes(32);
const cipher = new FieldCipher([{ keyId: 1, dataKey: keyA }], 1);
const context: FieldContext = { table: 'patients', column: 'last_name', recordId: '8b0f3a9e-0d6c-4a54-9a55-0d7b6f1f6a10' };

const contextArb = fc.record({ table: fc.string(), column: fc.string(), recordId: fc.string() });
const plaintextArb = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.uint8Array({ maxLength: 300 }));

function failureOf(run: () => unknown): FieldDecryptionError {
  try {
    run();
  } catch (error) {
    if (error instanceof FieldDecryptionError) return error;
    throw error;
  }
  throw new Error('expected a FieldDecryptionError, but the value opened');
}

describe('FieldCipher', () => {
  it('opens what it sealed, text or bytes, in any row and column', () => {
    fc.assert(
      fc.property(plaintextArb, contextArb, (plaintext, where) => {
        const sealed = cipher.encrypt(plaintext, where);
        const opened = cipher.decrypt(sealed, where);
        if (typeof plaintext === 'string') expect(cipher.decryptText(sealed, where)).toBe(plaintext);
        else expect(Buffer.compare(opened, Buffer.from(plaintext))).toBe(0);
      }),
    );
  });

  it('keeps empty, long and optional values', () => {
    expect(cipher.decryptText(cipher.encrypt('', context), context)).toBe('');
    const pdf = crypto.randomBytes(3 * 1024 * 1024);
    expect(cipher.decrypt(cipher.encrypt(pdf, context), context).equals(pdf)).toBe(true);
    expect(cipher.encryptOptionalText(null, context)).toBeNull();
    expect(cipher.decryptOptionalText(cipher.encryptOptionalText('555-0100', context), context)).toBe('555-0100');
  });

  it('refuses an envelope with any one bit flipped, with a typed store_damaged error', () => {
    fc.assert(
      fc.property(plaintextArb, fc.nat(), fc.integer({ min: 0, max: 7 }), (plaintext, at, bit) => {
        const sealed = cipher.encrypt(plaintext, context);
        const index = at % sealed.length;
        sealed[index] = sealed[index]! ^ (1 << bit);
        const failure = failureOf(() => cipher.decrypt(sealed, context));
        expect(failure).toBeInstanceOf(AppError);
        expect(failure.code).toBe('store_damaged');
        const expected = index === 0 ? 'unsupported_version' : index < 5 ? 'unknown_key' : 'not_authentic';
        expect(failure.reason).toBe(expected);
        expect(failure.message).not.toMatch(/patients|last_name/);
      }),
    );
  });

  it('refuses a value moved to another row, column or table', () => {
    // One part changed at a time: another row of the same column is the swap that matters most.
    const part = fc.constantFrom<keyof FieldContext>('table', 'column', 'recordId');
    fc.assert(
      fc.property(fc.string(), contextArb, part, fc.string(), (plaintext, from, changed, value) => {
        fc.pre(from[changed] !== value);
        const sealed = cipher.encrypt(plaintext, from);
        expect(failureOf(() => cipher.decrypt(sealed, { ...from, [changed]: value })).reason).toBe('not_authentic');
      }),
    );
    const other = { ...context, recordId: '0c4f6f0e-5b1e-4a8e-8c51-3d0c9e8c2b77' };
    expect(failureOf(() => cipher.decrypt(cipher.encrypt('Lopez', context), other)).reason).toBe('not_authentic');
    // The parts are length-prefixed: moving a character from one part to the next is still another place.
    const sealed = cipher.encrypt('Lopez', { table: 'patients', column: 'ab', recordId: 'c' });
    expect(failureOf(() => cipher.decrypt(sealed, { table: 'patients', column: 'a', recordId: 'bc' })).reason).toBe('not_authentic');
  });

  it('refuses truncated, extended and foreign bytes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.integer({ min: 1, max: 200 }), (plaintext, cut) => {
        const sealed = cipher.encrypt(plaintext, context);
        failureOf(() => cipher.decrypt(sealed.subarray(0, Math.max(0, sealed.length - cut)), context));
        failureOf(() => cipher.decrypt(Buffer.concat([sealed, crypto.randomBytes(cut)]), context));
      }),
    );
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (junk) => void failureOf(() => cipher.decrypt(junk, context))));
  });

  it('refuses a value sealed by another practice (another data key under the same key id)', () => {
    const other = new FieldCipher([{ keyId: 1, dataKey: keyB }], 1);
    expect(failureOf(() => cipher.decrypt(other.encrypt('Lopez', context), context)).reason).toBe('not_authentic');
  });

  it('rotates keys: old values still open, re-sealing moves them to the new key, a retired key opens nothing', () => {
    const before = cipher.encrypt('García', context);
    expect(FieldCipher.keyIdOf(before)).toBe(1);
    const rotating = new FieldCipher([{ keyId: 1, dataKey: keyA }, { keyId: 2, dataKey: keyB }], 2);
    expect(rotating.decryptText(before, context)).toBe('García');
    const after = rotating.reencrypt(before, context);
    expect(FieldCipher.keyIdOf(after)).toBe(2);
    const rotated = new FieldCipher([{ keyId: 2, dataKey: keyB }], 2);
    expect(rotated.decryptText(after, context)).toBe('García');
    const refused = failureOf(() => rotated.decrypt(before, context));
    expect(refused.reason).toBe('unknown_key');
    expect(refused.message).toMatch(/key this computer does not have/);
  });

  it('checks its keys', () => {
    expect(() => new FieldCipher([{ keyId: 1, dataKey: crypto.randomBytes(16) }], 1)).toThrow(/32 bytes/);
    expect(() => new FieldCipher([{ keyId: 1, dataKey: keyA }], 2)).toThrow(/current key id/);
    expect(() => new FieldCipher([{ keyId: -1, dataKey: keyA }], -1)).toThrow(/32-bit/);
    expect(() => new FieldCipher([{ keyId: 1, dataKey: keyA }, { keyId: 1, dataKey: keyB }], 1)).toThrow(/twice/);
  });

  it('writes no plaintext: no word of it in the envelope, a fresh nonce each time, the length only to 32 bytes', () => {
    const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzáéñ'.split('')), minLength: 6, maxLength: 30 });
    fc.assert(
      fc.property(word, (name) => {
        const one = cipher.encrypt(name, context);
        const two = cipher.encrypt(name, context);
        expect(one.equals(two)).toBe(false);
        for (const sealed of [one, two]) {
          expect(sealed.includes(Buffer.from(name, 'utf8'))).toBe(false);
          expect(sealed.includes(Buffer.from(name, 'latin1'))).toBe(false);
          expect(sealed.includes(Buffer.from(name, 'utf16le'))).toBe(false);
        }
        // Every name of up to 31 bytes has the same envelope length.
        if (Buffer.byteLength(name) < 32) expect(one.length).toBe(cipher.encrypt('Al', context).length);
      }),
    );
  });
});

function matches(stored: Buffer[], query: BlindQuery): boolean {
  const hex = new Set(stored.map((t) => t.toString('hex')));
  return query.groups.length > 0 && query.groups.every((group) => group.some((t) => hex.has(t.toString('hex'))));
}

const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzáéíóúñüç'.split(''));
const wordArb = fc.array(letter, { minLength: 1, maxLength: 14 }).map((l) => l.join(''));
const nameArb = fc
  .tuple(fc.array(wordArb, { minLength: 1, maxLength: 4 }), fc.constantFrom(' ', '-', "'", ' - '))
  .map(([words, separator]) => words.join(separator));

describe('BlindIndex', () => {
  const index = new BlindIndex(cipher);

  it('finds a name by any word, typed with any case and accents', () => {
    const stored = index.termsToStore('patient.name', 'María José García-López');
    for (const typed of ['maria', 'MARÍA', 'garcia lopez', 'José', 'lop', 'g', 'Garc Mar']) {
      expect(matches(stored, index.prefixQuery('patient.name', typed))).toBe(true);
    }
    for (const typed of ['mario', 'arcia', 'lopez x', 'josé smith']) {
      expect(matches(stored, index.prefixQuery('patient.name', typed))).toBe(false);
    }
  });

  it('matches every prefix of every word, and no word that starts no stored word', () => {
    fc.assert(
      fc.property(nameArb, wordArb, fc.nat(), (name, other, cut) => {
        const stored = index.termsToStore('patient.name', name);
        const tokens = nameTokens(name);
        const token = tokens[cut % tokens.length]!;
        const prefix = [...token].slice(0, 1 + (cut % [...token].length)).join('');
        expect(matches(stored, index.prefixQuery('patient.name', prefix.toUpperCase()))).toBe(true);
        const typed = foldForSearch(other);
        const startsAWord = tokens.some((t) => t.startsWith([...typed].slice(0, maxPrefix).join('')));
        expect(matches(stored, index.prefixQuery('patient.name', other))).toBe(startsAWord);
      }),
    );
  });

  it('says when a long word must be confirmed after decryption', () => {
    expect(index.prefixQuery('patient.name', 'garcia').needsConfirmation).toBe(false);
    expect(index.prefixQuery('patient.name', 'Christophersen').needsConfirmation).toBe(true);
  });

  it('gives equal exact terms for equal normalised values only', () => {
    expect(index.exact('patient.record_number', 'MRN-00123').equals(index.exact('patient.record_number', 'mrn 00123'))).toBe(true);
    fc.assert(
      fc.property(wordArb, wordArb, (a, b) => {
        const same = foldForSearch(a) === foldForSearch(b);
        expect(index.exact('patient.name', a).equals(index.exact('patient.name', b))).toBe(same);
      }),
    );
  });

  it('keeps fields apart and keys apart', () => {
    expect(index.exact('patient.name', 'smith').equals(index.exact('patient.record_number', 'smith'))).toBe(false);
    const otherPractice = new BlindIndex(new FieldCipher([{ keyId: 1, dataKey: keyB }], 1));
    expect(index.exact('patient.name', 'smith').equals(otherPractice.exact('patient.name', 'smith'))).toBe(false);
  });

  it('finds a date of birth by day, month or year, never by a partial number', () => {
    const stored = index.termsToStore('patient.date_of_birth', '1980-04-23');
    for (const typed of ['1980', '1980-04', '1980-04-23']) expect(matches(stored, index.prefixQuery('patient.date_of_birth', typed))).toBe(true);
    for (const typed of ['198', '1980-0', '1980-04-24', '1981']) expect(matches(stored, index.prefixQuery('patient.date_of_birth', typed))).toBe(false);
  });

  it('finds rows indexed under the old key during a rekey', () => {
    const stored = index.termsToStore('patient.name', 'Nuñez');
    const rotating = new BlindIndex(new FieldCipher([{ keyId: 1, dataKey: keyA }, { keyId: 2, dataKey: keyB }], 2));
    expect(matches(stored, rotating.prefixQuery('patient.name', 'nun'))).toBe(true);
    expect(rotating.exactAnyKey('patient.name', 'NUÑEZ').some((t) => t.equals(index.exact('patient.name', 'nunez')))).toBe(true);
    const rotated = new BlindIndex(new FieldCipher([{ keyId: 2, dataKey: keyB }], 2));
    expect(matches(stored, rotated.prefixQuery('patient.name', 'nun'))).toBe(false);
  });

  it('stores terms of fixed size that carry no plaintext', () => {
    fc.assert(
      fc.property(nameArb, (name) => {
        for (const term of index.termsToStore('patient.name', name)) {
          expect(term.length).toBe(16);
          for (const token of nameTokens(name)) if (token.length >= 4) expect(term.includes(Buffer.from(token))).toBe(false);
        }
      }),
    );
  });
});
