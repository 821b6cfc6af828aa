import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { channels, contentKinds, purposes, representativeAuthorities } from '../../../shared/authorization/scope';
import { checkCoverage, type CoverageQuestion } from '../../../shared/posts/coverage';
import { identifierNames, type IdentifierKind } from '../../../shared/posts/phi-scanner';
import { scopeView } from '../../../shared/posts/test-consent';
import { coverageReasonText } from './coverage-reasons';
import { i18n } from './i18n';

const identifierKinds = Object.keys(identifierNames) as IdentifierKind[];
const day = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
const subset = <T>(items: readonly T[]) => fc.subarray([...items]);

/** Any post against any consent on any day: every reason the rule can give, with its parameters. */
const questions: fc.Arbitrary<CoverageQuestion> = fc.record({
  post: fc.record({
    patientId: fc.constantFrom('p1', 'p2'),
    channel: fc.oneof(fc.constantFrom(...channels), fc.constantFrom('Lobby screen', 'Radio')),
    purpose: fc.constantFrom(...purposes),
    thirdPartyPays: fc.boolean(),
    sponsor: fc.constantFrom('', 'Acme Orthopedics', 'Other Co'),
    identifiersApproved: fc.boolean(),
  }),
  disclosures: fc.record({
    contentKinds: subset(contentKinds),
    blockingIdentifiers: subset(identifierKinds),
    healthMentions: fc.constantFrom([], [{ concept: 'knee-replacement', term: 'knee replacement', specific: true }] as never),
  }),
  consent: fc.option(
    fc.record({
      stage: fc.constantFrom('final', 'signed', 'draft'),
      contentKinds: subset(contentKinds),
      channels: subset(channels),
      purposes: subset(purposes),
      conditions: fc.constantFrom<string[]>([], ['back pain']),
      expiration: fc.oneof(day.map((date) => ({ kind: 'date' as const, date })), fc.constant({ kind: 'event' as const, event: 'End of treatment' })),
      eventOn: fc.option(day, { nil: null }),
      revokedOn: fc.option(day, { nil: null }),
      payer: fc.constantFrom('', 'Acme Orthopedics, Inc.'),
      thirdPartyPays: fc.boolean(),
      representative: fc.option(fc.constantFrom(...representativeAuthorities), { nil: null }),
    }).map((c) =>
      scopeView({
        stage: c.stage as 'final',
        scope: { contentKinds: c.contentKinds, channels: c.channels, otherChannels: ['Lobby screen'], purposes: c.purposes, otherPurposes: [], conditions: c.conditions },
        expiration: c.expiration,
        expirationEventAt: c.expiration.kind === 'event' && c.eventOn ? `${c.eventOn}T12:00:00Z` : null,
        expirationEventOn: c.expiration.kind === 'event' ? c.eventOn : null,
        revokedAt: c.revokedOn ? `${c.revokedOn}T12:00:00Z` : null,
        revocationReceivedOn: c.revokedOn,
        remuneration: { thirdPartyPays: c.thirdPartyPays, payer: c.payer },
        representativeAuthority: c.representative,
      }),
    ),
    { nil: null },
  ),
  patient: fc.record({ dateOfBirth: fc.constantFrom('1984-05-17', '2010-06-01') }),
  settings: fc.constant({ ageOfMajority: 18 }),
  today: day,
});

afterAll(() => void i18n.changeLanguage('en'));

describe('coverage reasons, said from their codes', () => {
  it('read in English exactly as the rule’s own sentence (the CLI, PDFs and bundle keep using it)', () => {
    void i18n.changeLanguage('en');
    fc.assert(
      fc.property(questions, (q) => {
        for (const reason of checkCoverage(q).reasons) expect(coverageReasonText(reason)).toBe(reason.message);
      }),
      { numRuns: 400 },
    );
  });

  it('are all Spanish in Spanish: no English sentence, no missing key, no placeholder left', () => {
    void i18n.changeLanguage('es');
    const seen = new Set<string>();
    fc.assert(
      fc.property(questions, (q) => {
        for (const reason of checkCoverage(q).reasons) {
          const text = coverageReasonText(reason);
          seen.add(reason.code);
          expect(text).not.toBe(reason.message);
          expect(text).not.toMatch(/\{\{|coverageReasons\.|contentPhrases\.|identifierNames\./);
          expect(text).not.toMatch(/\b(?:the|consent|patient|post)\b/i);
        }
      }),
      { numRuns: 400 },
    );
    // The generator reaches every code the rule has.
    expect([...seen].sort()).toEqual(
      ['came_of_age', 'channel', 'condition', 'content', 'expired', 'identifier', 'no_consent', 'not_final', 'other_patient', 'purpose', 'remuneration', 'revoked', 'signer', 'sponsor'].sort(),
    );
  });

  it('falls back to the recorded sentence for a reason kept before the rule gave parameters', () => {
    void i18n.changeLanguage('es');
    expect(coverageReasonText({ code: 'channel', message: 'TikTok is not among the channels the patient allowed.' })).toBe('TikTok is not among the channels the patient allowed.');
    expect(coverageReasonText({ code: 'channel', message: 'x', params: { channel: 'tiktok' } })).toBe('TikTok no está entre los canales que el paciente permitió.');
  });
});
