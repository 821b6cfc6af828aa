import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { contentKinds } from '../../../shared/authorization/scope';
import { derivePostDisclosures, type DisclosureInput } from '../../../shared/posts/disclosures';
import { disclosureHeadline, disclosureText } from './disclosure-text';
import { i18n } from './i18n';

/** Pieces of captions and quotes that reach every kind of disclosure the rules find. */
const pieces = [
  'Maria is back!',
  'maría LÓPEZ is back!',
  '#MariaLopezStrong',
  'Thank you, M. Lopez!',
  'Maria L. says hi.',
  'Lopez family day.',
  'A Springfield runner, 52 years old.',
  'At 93, Walter still walks every morning.',
  'after her knee replacement',
  'no copay and no deductible',
  'feeling healthy after her checkup',
  'Call 555-201-3344.',
  'maria.lopez@example.com',
  'https://example.com/maria',
  '12 Elm Street',
  'zip 62704',
  'SSN 123-45-6789',
  'MRN 8839201',
  'Blue Cross covered it',
  'on March 3, 2026',
  'from 192.168.1.20',
  'Great day at the clinic.',
];
const inputs: fc.Arbitrary<DisclosureInput> = fc.record({
  caption: fc.array(fc.constantFrom(...pieces), { maxLength: 5 }).map((p) => p.join(' ')),
  testimonial: fc.option(
    fc.record({ title: fc.constantFrom('Back on the stairs', 'Ana & the 5K'), quote: fc.array(fc.constantFrom(...pieces), { maxLength: 3 }).map((p) => p.join(' ')) }),
    { nil: null },
  ),
  media: fc.array(
    fc.record({ kind: fc.constantFrom('photo' as const, 'video' as const, 'audio' as const), beforeAfter: fc.boolean(), fileName: fc.option(fc.constantFrom('IMG_2041.jpg', 'clip.mp4'), { nil: undefined }) }),
    { maxLength: 2 },
  ),
  patient: fc.constant({ firstName: 'Maria', lastName: 'Lopez' }),
  places: fc.constant(['Springfield', 'Shelbyville']),
  extraContentKinds: fc.subarray([...contentKinds], { maxLength: 3 }),
});

afterAll(() => void i18n.changeLanguage('en'));

describe('what a post discloses, said from its kind and parameters', () => {
  it('reads in English exactly as the rule’s own sentence (the CLI, PDFs and bundle keep using it)', () => {
    void i18n.changeLanguage('en');
    fc.assert(
      fc.property(inputs, (input) => {
        for (const d of derivePostDisclosures(input).disclosures) expect(disclosureText(d)).toBe(d.message);
      }),
      { numRuns: 300 },
    );
  });

  it('is Spanish in Spanish: no English sentence, no missing key, no placeholder left; every kind reached', () => {
    void i18n.changeLanguage('es');
    const seen = new Set<string>();
    fc.assert(
      fc.property(inputs, (input) => {
        for (const d of derivePostDisclosures(input).disclosures) {
          const text = disclosureText(d);
          seen.add(`${d.kind}${d.blocking ? ' blocking' : ''}`);
          expect(text).not.toBe(d.message);
          expect(text).not.toMatch(/\{\{|disclosures\.|needed\.|identifiers\./);
          // English words of the sentences (titles and file names are the practice's own words, left as typed).
          expect(text.replace(d.text, '')).not.toMatch(/\b(?:the|needs|consent|patient|caption|an|is|can)\b/i);
        }
      }),
      { numRuns: 300 },
    );
    expect([...seen].sort()).toEqual(
      [
        'added',
        'address blocking',
        'age',
        'date blocking',
        'email blocking',
        'health',
        'insurance blocking',
        'ip_address blocking',
        'media',
        'patient_name',
        'phone blocking',
        'place',
        'record_number blocking',
        'ssn blocking',
        'testimonial',
        'url',
        'zip_code blocking',
      ].sort(),
    );
  });

  it('falls back to the recorded sentence for a disclosure kept before its parameters were recorded', () => {
    void i18n.changeLanguage('es');
    const [kept] = derivePostDisclosures({ caption: 'Maria is back!', testimonial: null, media: [], patient: { firstName: 'Maria', lastName: 'Lopez' }, places: [], extraContentKinds: [] }).disclosures;
    expect(disclosureText({ ...kept!, params: undefined })).toBe('The patient’s first name. Needs the first name in the consent.');
    expect(disclosureText(kept!)).toBe('El nombre de pila del paciente. El consentimiento debe incluir el nombre de pila.');
  });

  it('keeps the first sentence alone for the approval dialog', () => {
    void i18n.changeLanguage('en');
    const [phone] = derivePostDisclosures({ caption: 'Call 555-201-3344.', testimonial: null, media: [], patient: { firstName: 'Maria', lastName: 'Lopez' }, places: [], extraContentKinds: [] }).disclosures;
    expect(disclosureHeadline(phone!)).toBe('The caption contains a phone or fax number.');
  });
});
