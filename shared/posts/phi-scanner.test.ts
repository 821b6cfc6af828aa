import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PracticeContact } from '../settings';
import { scanForPhi } from './phi-scanner';

const kinds = (text: string, practice?: PracticeContact) => scanForPhi(text, { practice }).map((f) => f.kind);

describe('the identifier scanner', () => {
  it('finds the identifiers of 164.514(b)(2) a pattern can recognise', () => {
    expect(kinds('Call her at (555) 201-3344 or maria.lopez@example.com.')).toEqual(['phone', 'email']);
    expect(kinds('She lives at 42 Elm Street, IL 62704.')).toEqual(['address', 'zip_code']);
    expect(kinds('SSN 123-45-6789, MRN-20417, Member ID: XQH449821, #20417')).toEqual(['ssn', 'record_number', 'record_number', 'record_number']);
    expect(kinds('Her Medicaid covered it; su seguro médico pagó.')).toEqual(['insurance', 'insurance']);
    expect(kinds('Photos at https://photos.example.com/maria from 10.20.30.40')).toEqual(['url', 'ip_address']);
  });

  it('reports any date more precise than the year, in English and Spanish', () => {
    for (const text of ['May 17, 1984', '17 May 1984', '05/17/1984', '5-17-84', '1984-05-17', 'March 3', 'the 12th of January', '3 de marzo de 2025', 'March 2014', 'marzo de 2014']) {
      expect(kinds(`Seen on ${text}.`), text).toEqual(['date']);
    }
    for (const text of ['in 2025', 'May your holidays be restful', 'open 8 to 6']) expect(kinds(text), text).toEqual([]);
  });

  it('never tells one date from another: every full date is found alike, so none can be confirmed', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }), (d) => {
        const [y, m, day] = d.toISOString().slice(0, 10).split('-');
        for (const form of [`${y}-${m}-${day}`, `${Number(m)}/${Number(day)}/${y}`]) {
          const found = scanForPhi(`Born ${form}!`);
          expect(found.map((f) => [f.kind, f.message])).toEqual([['date', 'A date more precise than the year can identify a patient (birth, visit, surgery).']]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('leaves quantities and years alone', () => {
    expect(kinds('Our team walked 10000 steps for charity in 2025, and 10,000 more.')).toEqual([]);
  });

  it('does not flag the practice’s own contact details', () => {
    const practice = { phone: '(555) 010-2000', email: 'hello@riversidept.com', website: 'https://www.riversidept.com', address: '100 Main Street, Springfield, IL 62704' };
    expect(kinds('Call us at 555-010-2000, write to hello@riversidept.com, visit riversidept.com or 100 Main Street.', practice)).toEqual([]);
    expect(kinds('Call 555-201-3344.', practice)).toEqual(['phone']);
  });

  it('reports positions in the text as typed, accents included', () => {
    const text = 'José: ¿(555) 201-3344?';
    const [f] = scanForPhi(text);
    expect(text.slice(f!.start, f!.end)).toBe('(555) 201-3344');
  });
});
