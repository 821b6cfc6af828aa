import { describe, expect, it } from 'vitest';
import { checkCoverage, onlyEndsNewUses, payerKey, type CoverageQuestion } from './coverage';
import { derivePostDisclosures, type DisclosureInput } from './disclosures';
import { scopeView } from './test-consent';

const question = (overrides: Partial<CoverageQuestion> = {}, post: Partial<CoverageQuestion['post']> = {}): CoverageQuestion => ({
  post: { patientId: 'p1', channel: 'facebook', purpose: 'advertising', thirdPartyPays: false, sponsor: '', identifiersApproved: false, ...post },
  disclosures: { contentKinds: ['photographs', 'first_name'], blockingIdentifiers: [], healthMentions: [] },
  consent: scopeView(),
  patient: { dateOfBirth: '1984-05-17' },
  settings: { ageOfMajority: 18 },
  today: '2026-11-29',
  ...overrides,
});
const kinds = (contentKinds: CoverageQuestion['disclosures']['contentKinds']) => ({ disclosures: { contentKinds, blockingIdentifiers: [], healthMentions: [] } });

const messages = (q: CoverageQuestion) => checkCoverage(q).reasons.map((r) => r.message);
const codes = (q: CoverageQuestion) => checkCoverage(q).reasons.map((r) => r.code);

describe('the coverage check', () => {
  it('passes a post inside the consent’s scope', () => {
    expect(checkCoverage(question())).toEqual({ covered: true, reasons: [] });
  });

  it('says in plain words what is outside the scope', () => {
    expect(messages(question(kinds(['full_name', 'photographs'])))).toEqual(['The consent does not include the patient’s full name.']);
    expect(messages(question({}, { channel: 'instagram' }))).toEqual(['Instagram is not among the channels the patient allowed.']);
    expect(messages(question({}, { purpose: 'patient_education' }))).toEqual([
      '“Educating patients and the public about care” is not among the purposes the patient allowed.',
    ]);
    expect(messages(question({}, { thirdPartyPays: true }))).toEqual([
      'A third party pays for this post, but the consent does not say that the practice is paid.',
    ]);
  });

  it('accepts a channel the coordinator named in words, ignoring case', () => {
    expect(checkCoverage(question({}, { channel: 'lobby SCREEN' })).covered).toBe(true);
  });

  it('refuses another patient’s, an unsigned, an expired or a revoked consent', () => {
    expect(messages(question({}, { patientId: 'p2' }))).toEqual(['The consent belongs to another patient.']);
    expect(messages(question({ consent: scopeView({ stage: 'signed' }) }))).toEqual(['The consent is not signed and witnessed yet.']);
    expect(messages(question({ today: '2027-03-12' }))).toEqual(['This consent expired on March 12, 2027.']);
    expect(messages(question({ consent: scopeView({ revokedAt: '2026-05-02T14:00:00Z', revocationReceivedOn: '2026-04-28' }) }))).toEqual([
      'The consent was revoked: the patient’s revocation was received on April 28, 2026.',
    ]);
    expect(messages(question({ consent: null }))).toEqual(['No consent is linked to this post.']);
  });

  it('lists every failed condition, not only the first', () => {
    expect(codes(question({ ...kinds(['video', 'age']), today: '2027-04-01' }, { channel: 'tiktok' }))).toEqual(['expired', 'content', 'content', 'channel']);
  });

  it('blocks identifiers that no marketing authorization should carry, until an administrator approves them', () => {
    const q = question({ disclosures: { contentKinds: ['first_name'], blockingIdentifiers: ['date', 'record_number'], healthMentions: [] } });
    expect(messages(q)).toEqual([
      'The post contains a date more precise than the year, a record, account or member number: no marketing authorization should carry them. Remove them, or ask an administrator to approve with a written reason.',
    ]);
    expect(checkCoverage({ ...q, post: { ...q.post, identifiersApproved: true } }).covered).toBe(true);
    // Approval of identifiers never stands in for the consent itself.
    expect(codes({ ...q, post: { ...q.post, identifiersApproved: true }, consent: null })).toEqual(['no_consent']);
  });

  it('keeps health information to the conditions the scope names', () => {
    const scope = { ...scopeView().scope, contentKinds: [...scopeView().scope.contentKinds, 'health_condition' as const], conditions: ['Knee replacement'] };
    const consent = scopeView({ scope });
    const mention = (concept: string, term: string, specific = true) => ({ disclosures: { contentKinds: ['health_condition' as const], blockingIdentifiers: [], healthMentions: [{ concept, term, specific }] } });
    expect(checkCoverage(question({ consent, ...mention('knee_replacement', 'knee replacement') })).covered).toBe(true);
    // The same concept in Spanish, and general words of care, are inside it.
    expect(checkCoverage(question({ consent, ...mention('knee_replacement', 'reemplazo de rodilla') })).covered).toBe(true);
    expect(checkCoverage(question({ consent, ...mention('physical_therapy', 'physical therapy', false) })).covered).toBe(true);
    expect(messages(question({ consent, ...mention('hip_replacement', 'hip replacement') }))).toEqual([
      'The consent covers health information only about Knee replacement; the post mentions hip replacement.',
    ]);
  });

  it('covers a paid post only under a consent naming its sponsor as the payer', () => {
    const consent = scopeView({ remuneration: { thirdPartyPays: true, payer: 'Acme Orthopedics, Inc.' } });
    expect(checkCoverage(question({ consent }, { thirdPartyPays: true, sponsor: 'acme orthopedics' })).covered).toBe(true);
    expect(messages(question({ consent }, { thirdPartyPays: true, sponsor: 'Zenith Implants LLC' }))).toEqual([
      'This post is paid for by Zenith Implants LLC, but the consent names Acme Orthopedics, Inc. as the one who pays.',
    ]);
    expect(codes(question({ consent }, { thirdPartyPays: true, sponsor: '' }))).toEqual(['sponsor']);
    expect(payerKey('ACME Orthopédics Co.')).toBe('acme orthopedics');
  });

  it('ends a parent’s authorization for new uses on the day the patient comes of age', () => {
    const consent = scopeView({ representativeAuthority: 'parent_of_minor', signedOn: '2025-01-10' });
    const patient = { dateOfBirth: '2008-11-29' };
    expect(checkCoverage(question({ consent, patient, today: '2026-11-28' })).covered).toBe(true);
    const onTheDay = checkCoverage(question({ consent, patient, today: '2026-11-29' }));
    expect(onTheDay.reasons.map((r) => r.code)).toEqual(['came_of_age']);
    expect(onTheDay.reasons[0]!.message).not.toMatch(/2008|November 29/);
    expect(onlyEndsNewUses(onTheDay)).toBe(true);
    // A legal guardian's or the patient's own consent is not affected.
    expect(checkCoverage(question({ consent: scopeView({ representativeAuthority: 'legal_guardian', signedOn: '2025-01-10' }), patient, today: '2027-01-01' })).covered).toBe(true);
  });

  it('refuses a consent signed by a "parent of a minor" for a patient who was of age', () => {
    const consent = scopeView({ representativeAuthority: 'parent_of_minor', signedOn: '2026-01-10' });
    expect(codes(question({ consent, patient: { dateOfBirth: '1990-01-01' } }))).toEqual(['signer']);
  });
});

describe('what a post discloses', () => {
  const base: DisclosureInput = {
    caption: '',
    testimonial: null,
    media: [],
    patient: { firstName: 'Maria', lastName: 'Lopez' },
    places: ['Springfield', 'Shelbyville'],
    extraContentKinds: [],
  };
  const derived = (overrides: Partial<DisclosureInput>) => derivePostDisclosures({ ...base, ...overrides });

  it('derives kinds from media', () => {
    expect(derived({ media: [{ kind: 'photo', beforeAfter: false }, { kind: 'video', beforeAfter: false }] }).contentKinds).toEqual(['photographs', 'video']);
    expect(derived({ media: [{ kind: 'photo', beforeAfter: true }] }).contentKinds).toEqual(['before_after_images']);
  });

  it('reads the patient’s name in every form, health, ages and places from the caption', () => {
    expect(derived({ caption: 'Maria is back!' }).contentKinds).toEqual(['first_name']);
    expect(derived({ caption: 'maría LÓPEZ is back!' }).contentKinds).toEqual(['full_name']);
    expect(derived({ caption: '#MariaLopezStrong' }).contentKinds).toEqual(['full_name']);
    expect(derived({ caption: 'Thank you, M. Lopez!' }).contentKinds).toEqual(['full_name']);
    expect(derived({ caption: 'A Springfield runner, 52 years old.' }).contentKinds).toEqual(['age', 'city']);
    expect(derived({ caption: 'At 93, Walter still walks every morning.' }).contentKinds).toEqual(['age']);
    expect(derived({ caption: 'Maria is walking three miles a day after her knee replacement' }).contentKinds).toEqual(['first_name', 'health_condition']);
  });

  it('counts the testimonial’s quote as written testimonial, paraphrased or not, and what it says', () => {
    const d = derived({ caption: 'Maria says stairs are easy now.', testimonial: { title: 'Stairs', quote: 'After my hip replacement I can climb stairs again.' } });
    expect(d.contentKinds).toEqual(['first_name', 'health_condition', 'written_testimonial']);
    expect(d.healthMentions.map((m) => m.concept)).toEqual(['hip_replacement']);
    expect(derived({ caption: 'Maria!', testimonial: { title: 'Photos only', quote: '' } }).contentKinds).toEqual(['first_name']);
  });

  it('marks identifiers that block approval, whoever they belong to', () => {
    const d = derived({ caption: 'Born 05/17/1984, MRN-20417, call (555) 201-3344, her Medicaid covered it.' });
    expect(d.blockingIdentifiers).toEqual(['date', 'insurance', 'phone', 'record_number']);
    expect(d.disclosures.filter((x) => x.blocking).every((x) => x.contentKind === null)).toBe(true);
  });

  it('adds what the coordinator marked', () => {
    expect(derived({ extraContentKinds: ['health_condition'] }).contentKinds).toEqual(['health_condition']);
  });
});
