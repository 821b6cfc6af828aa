import { describe, expect, it } from 'vitest';
import { checkCoverage, type CoverageQuestion } from './coverage';
import { contentKindsUsed } from './content-use';
import { scopeView } from './test-consent';


const question = (overrides: Partial<CoverageQuestion> = {}, post: Partial<CoverageQuestion['post']> = {}): CoverageQuestion => ({
  post: { patientId: 'p1', channel: 'facebook', purpose: 'advertising', thirdPartyPays: false, ...post },
  contentKinds: ['photographs', 'first_name'],
  consent: scopeView(),
  today: '2026-11-29',
  ...overrides,
});

const messages = (q: CoverageQuestion) => checkCoverage(q).reasons.map((r) => r.message);

describe('the coverage check', () => {
  it('passes a post inside the consent’s scope', () => {
    expect(checkCoverage(question())).toEqual({ covered: true, reasons: [] });
  });

  it('says in plain words what is outside the scope', () => {
    expect(messages(question({ contentKinds: ['full_name', 'photographs'] }))).toEqual(['The consent does not include the patient’s full name.']);
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
    expect(messages(question({ consent: scopeView({ revokedAt: '2026-05-02T14:00:00' }) }))).toEqual(['The consent was revoked on May 2, 2026.']);
    expect(messages(question({ consent: null }))).toEqual(['No consent is linked to this post.']);
  });

  it('lists every failed condition, not only the first', () => {
    const reasons = checkCoverage(question({ contentKinds: ['video', 'age'], today: '2027-04-01' }, { channel: 'tiktok' })).reasons;
    expect(reasons.map((r) => r.code)).toEqual(['expired', 'content', 'content', 'channel']);
  });
});

describe('which content a post uses', () => {
  const base = { patient: { firstName: 'Maria', lastName: 'Lopez', city: 'Springfield' }, quote: 'I can climb stairs again without pain. Thank you all!', extraContentKinds: [] };

  it('derives kinds from media', () => {
    expect(contentKindsUsed({ ...base, caption: '', media: [{ kind: 'photo', beforeAfter: false }, { kind: 'video', beforeAfter: false }] })).toEqual(['photographs', 'video']);
    expect(contentKindsUsed({ ...base, caption: '', media: [{ kind: 'photo', beforeAfter: true }] })).toEqual(['before_after_images']);
  });

  it('derives kinds from the caption: names, city, age, the testimonial’s words', () => {
    expect(contentKindsUsed({ ...base, caption: 'Maria is back!', media: [] })).toEqual(['first_name']);
    expect(contentKindsUsed({ ...base, caption: 'maría LÓPEZ is back!', media: [] })).toEqual(['full_name']);
    expect(contentKindsUsed({ ...base, caption: 'A Springfield runner, 52 years old.', media: [] })).toEqual(['age', 'city']);
    expect(contentKindsUsed({ ...base, caption: '“I can climb stairs again without pain.”', media: [] })).toEqual(['written_testimonial']);
  });

  it('adds what the coordinator marked', () => {
    expect(contentKindsUsed({ ...base, caption: '', media: [], extraContentKinds: ['health_condition'] })).toEqual(['health_condition']);
  });
});
