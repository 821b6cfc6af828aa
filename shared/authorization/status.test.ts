import { describe, expect, it } from 'vitest';
import { authorizationStatus, isInEffect, lastDayInEffect, type StatusFacts } from './status';

const final = (overrides: Partial<StatusFacts> = {}): StatusFacts => ({
  stage: 'final',
  expiration: { kind: 'date', date: '2027-03-12' },
  revokedAt: null,
  expirationEventAt: null,
  ...overrides,
});

describe('authorization status, derived from the record and the day', () => {
  it('moves from draft to awaiting witness to active', () => {
    expect(authorizationStatus(final({ stage: 'draft' }), '2026-12-01')).toBe('draft');
    expect(authorizationStatus(final({ stage: 'signed' }), '2026-12-01')).toBe('awaiting_witness');
    expect(authorizationStatus(final(), '2026-12-01')).toBe('active');
  });

  it('is expiring soon within N days of its date, and expired on the date itself', () => {
    expect(authorizationStatus(final(), '2027-02-09')).toBe('active');
    expect(authorizationStatus(final(), '2027-02-10')).toBe('expiring_soon');
    expect(authorizationStatus(final(), '2027-02-10', 10)).toBe('active');
    expect(authorizationStatus(final(), '2027-03-11')).toBe('expiring_soon');
    expect(authorizationStatus(final(), '2027-03-12')).toBe('expired');
    expect(lastDayInEffect(final().expiration)).toBe('2027-03-11');
  });

  it('expires while the app is open: the same record changes status as the day changes', () => {
    const record = final({ expiration: { kind: 'date', date: '2026-11-30' } });
    const seen = ['2026-11-28', '2026-11-29', '2026-11-30'].map((day) => authorizationStatus(record, day));
    expect(seen).toEqual(['expiring_soon', 'expiring_soon', 'expired']);
  });

  it('expires when its expiration event is recorded', () => {
    const onEvent = final({ expiration: { kind: 'event', event: 'End of treatment' } });
    expect(authorizationStatus(onEvent, '2040-01-01')).toBe('active');
    expect(authorizationStatus({ ...onEvent, expirationEventAt: '2027-01-05T10:00:00Z' }, '2027-01-05')).toBe('expired');
  });

  it('is revoked from the moment the revocation is recorded, whatever the date', () => {
    expect(authorizationStatus(final({ revokedAt: '2026-12-02T15:00:00Z' }), '2026-12-02')).toBe('revoked');
    expect(authorizationStatus(final({ revokedAt: '2026-12-02T15:00:00Z', stage: 'signed' }), '2026-12-02')).toBe('revoked');
  });

  it('is in effect only while active or expiring soon', () => {
    expect(['active', 'expiring_soon', 'expired', 'revoked', 'draft', 'awaiting_witness'].map((s) => isInEffect(s as never))).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});
