import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { birthDayProblem, birthDaysOf, nameTokensOf, parsePatientQuery, sameNameKey, searchKeyOf } from './patient-search';

describe('patient search keys', () => {
  it('fold accents, case, and letters that do not decompose', () => {
    expect(searchKeyOf('María González')).toBe('maria gonzalez');
    expect(searchKeyOf('ÁNGELA Ñúñez')).toBe('angela nunez');
    expect(searchKeyOf('Straße Øster Łukasz')).toBe('strasse oster lukasz');
    expect(searchKeyOf("O'Brien-Núñez")).toBe('obrien nunez');
    // NFKD: compatibility forms fold too (full-width letters, ligatures).
    expect(searchKeyOf('ＭＡＲＩＡ ﬁnn')).toBe('maria finn');
  });

  it('give the same key to a name however it is typed, and never an empty word', () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        const tokens = nameTokensOf(name);
        expect(tokens.every((t) => t !== '' && !/\s/.test(t))).toBe(true);
        expect(nameTokensOf(name.normalize('NFD'))).toEqual(nameTokensOf(name.normalize('NFC')));
        expect(searchKeyOf(searchKeyOf(name))).toBe(searchKeyOf(name));
      }),
    );
  });

  it('see the same person in a different order of names and accents', () => {
    expect(sameNameKey({ firstName: 'María', lastName: 'González' })).toBe(sameNameKey({ firstName: 'gonzalez', lastName: 'MARIA' }));
    expect(sameNameKey({ firstName: 'María', lastName: 'González' })).not.toBe(sameNameKey({ firstName: 'Mario', lastName: 'González' }));
  });
});

describe('dates of birth as people type them', () => {
  const today = '2026-12-01';
  it('read ISO, month-first and day-first, two-digit years, and month names in English and Spanish', () => {
    expect(birthDaysOf('1980-04-23', today)).toEqual(['1980-04-23']);
    expect(birthDaysOf('04/23/1980', today)).toEqual(['1980-04-23']);
    expect(birthDaysOf('23/04/1980', today)).toEqual(['1980-04-23']);
    expect(birthDaysOf('4/3/80', today)).toEqual(['1980-03-04', '1980-04-03']);
    expect(birthDaysOf('04.23.1980', today)).toEqual(['1980-04-23']);
    expect(birthDaysOf('04231980', today)).toEqual(['1980-04-23']);
    expect(birthDaysOf('April 23, 1980', today)).toEqual(['1980-04-23']);
    expect(birthDaysOf('23 de abril de 1980', today)).toEqual(['1980-04-23']);
    expect(birthDaysOf('3/4/19', today)).toEqual(['2019-03-04', '2019-04-03']);
  });

  it('are not names, impossible days or days to come', () => {
    expect(birthDaysOf('maria', today)).toEqual([]);
    expect(birthDaysOf('02/30/1980', today)).toEqual([]);
    expect(birthDaysOf('12/31/2026', today)).toEqual([]);
    expect(parsePatientQuery('gonzalez maria', today)).toEqual({ birthDays: [], recordNumber: 'gonzalez maria', nameTokens: ['gonzalez', 'maria'] });
  });

  it('must be neither in the future nor implausibly long ago', () => {
    expect(birthDayProblem('2099-01-01', today)).toMatch(/future/);
    expect(birthDayProblem('1890-05-01', today)).toMatch(/older than 125/);
    expect(birthDayProblem('1950-05-01', today)).toBeNull();
    expect(birthDayProblem(today, today)).toBeNull();
  });
});
