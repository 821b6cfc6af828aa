import type { AuthorizationTerms } from './scope';

/** Complete terms for tests; override what a test is about. */
export function completeTerms(overrides: Partial<AuthorizationTerms> = {}): AuthorizationTerms {
  return {
    language: 'en',
    scope: {
      contentKinds: ['written_testimonial', 'first_name', 'photographs'],
      channels: ['facebook', 'instagram'],
      otherChannels: [],
      purposes: ['advertising'],
      otherPurposes: [],
      conditions: [],
    },
    expiration: { kind: 'date', date: '2027-06-30' },
    remuneration: { thirdPartyPays: false, payer: '' },
    representative: null,
    combinedWith: [],
    minorSignsAlone: null,
    ...overrides,
  };
}
