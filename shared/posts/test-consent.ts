import type { ConsentScopeView } from './consent-scope';

/** A final, active consent as marketing sees it, for tests; override what a test is about. */
export function scopeView(overrides: Partial<ConsentScopeView> = {}): ConsentScopeView {
  return {
    id: 'c1',
    patientId: 'p1',
    patientFirstName: 'Maria',
    patientLastName: 'Lopez',
    stage: 'final',
    status: 'active',
    language: 'en',
    scope: { contentKinds: ['written_testimonial', 'first_name', 'photographs'], channels: ['facebook'], otherChannels: ['Lobby screen'], purposes: ['advertising'], otherPurposes: [], conditions: [] },
    expiration: { kind: 'date', date: '2027-03-12' },
    remuneration: { thirdPartyPays: false, payer: '' },
    representativeAuthority: null,
    signedAt: '2026-01-10T10:00:00Z',
    witnessedAt: '2026-01-10T10:05:00Z',
    signedOn: '2026-01-10',
    witnessedOn: '2026-01-10',
    revokedAt: null,
    revocationReceivedOn: null,
    expirationEventAt: null,
    expirationEventOn: null,
    pdfSha256: 'a'.repeat(64),
    ...overrides,
  };
}
