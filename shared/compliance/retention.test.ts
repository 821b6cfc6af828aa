import { describe, expect, it } from 'vitest';
import { endOfEffect, retentionVerdict, type RetentionFacts } from './retention';

/** Noon UTC keeps the local day the same in every time zone from UTC-11 to UTC+11. */
const at = (day: string) => `${day}T12:00:00.000Z`;

const signed: RetentionFacts = {
  stage: 'final',
  expiration: { kind: 'date', date: '2020-06-30' },
  createdAt: at('2019-03-01'),
  signedAt: at('2019-03-02'),
  witnessedAt: at('2019-03-02'),
  revokedAt: null,
  revocationReceivedOn: null,
  expirationEventAt: null,
  expirationEventOn: null,
  postsToTakeDown: 0,
};

describe('the retention rule (six years from the later of creation and last day in effect)', () => {
  it('never purges an authorization still in effect, however old', () => {
    const forever = { ...signed, expiration: { kind: 'event' as const, event: 'I revoke it' } };
    expect(retentionVerdict(forever, '2060-01-01', 'UTC')).toMatchObject({ purgeable: false, reason: 'in_effect' });
    const longDate = { ...signed, expiration: { kind: 'date' as const, date: '2099-01-01' } };
    expect(retentionVerdict(longDate, '2060-01-01', 'UTC')).toMatchObject({ purgeable: false, reason: 'in_effect' });
  });

  it('counts from the day before the expiration date', () => {
    expect(endOfEffect(signed, '2024-01-01', 'UTC')).toBe('2020-06-29');
    expect(retentionVerdict(signed, '2026-06-29', 'UTC')).toMatchObject({ purgeable: false, reason: 'within_period', keptThrough: '2026-06-29' });
    expect(retentionVerdict(signed, '2026-06-30', 'UTC')).toMatchObject({ purgeable: true, anchor: '2020-06-29', keptThrough: '2026-06-29' });
  });

  it('waits, after the six years, for the posts that relied on it to be taken down', () => {
    expect(retentionVerdict({ ...signed, postsToTakeDown: 2 }, '2026-06-30', 'UTC')).toMatchObject({
      purgeable: false,
      reason: 'posts_to_take_down',
      keptThrough: '2026-06-29',
      message: expect.stringMatching(/2 post\(s\) relying on it still need taking down/),
    });
    // Inside the window, the window is the reason given.
    expect(retentionVerdict({ ...signed, postsToTakeDown: 2 }, '2026-06-29', 'UTC')).toMatchObject({ reason: 'within_period' });
  });

  it('dates a revocation recorded in the evening by the practice’s own day', () => {
    // 10:30 pm in Los Angeles on 9 September is 05:30 UTC on the 10th.
    const evening = { ...signed, expiration: { kind: 'date' as const, date: '2030-01-01' }, revokedAt: '2019-09-10T05:30:00.000Z', revocationReceivedOn: '2019-09-09' };
    expect(endOfEffect(evening, '2040-01-01', 'America/Los_Angeles')).toBe('2019-09-09');
    expect(endOfEffect(evening, '2040-01-01', 'UTC')).toBe('2019-09-10');
    expect(retentionVerdict(evening, '2025-09-10', 'America/Los_Angeles')).toMatchObject({ purgeable: true, keptThrough: '2025-09-09' });
    expect(retentionVerdict(evening, '2025-09-10', 'Pacific/Auckland')).toMatchObject({ purgeable: false, keptThrough: '2025-09-10' });
  });

  it('counts from the revocation when it ended the authorization first', () => {
    const revoked = { ...signed, expiration: { kind: 'date' as const, date: '2030-01-01' }, revokedAt: at('2019-09-10'), revocationReceivedOn: '2019-09-08' };
    expect(endOfEffect(revoked, '2040-01-01', 'UTC')).toBe('2019-09-10');
    expect(retentionVerdict(revoked, '2025-09-10', 'UTC')).toMatchObject({ purgeable: false, keptThrough: '2025-09-10' });
    expect(retentionVerdict(revoked, '2025-09-11', 'UTC')).toMatchObject({ purgeable: true });
  });

  it('keeps a revocation recorded after the authorization lapsed for six years from that record', () => {
    const late = { ...signed, revokedAt: at('2022-02-01'), revocationReceivedOn: '2022-02-01' };
    expect(endOfEffect(late, '2030-01-01', 'UTC')).toBe('2020-06-29');
    const verdict = retentionVerdict(late, '2027-01-01', 'UTC');
    expect(verdict).toMatchObject({ purgeable: false, anchor: '2022-02-01', keptThrough: '2028-02-01' });
    expect(verdict.message).toContain('the last record made about it');
  });

  it('counts from the later of the expiration event and its record', () => {
    const event = {
      ...signed,
      expiration: { kind: 'event' as const, event: 'End of the campaign' },
      expirationEventOn: '2020-01-10',
      expirationEventAt: at('2020-01-15'),
    };
    expect(endOfEffect(event, '2030-01-01', 'UTC')).toBe('2020-01-15');
    expect(retentionVerdict(event, '2026-01-15', 'UTC').purgeable).toBe(false);
    expect(retentionVerdict(event, '2026-01-16', 'UTC').purgeable).toBe(true);
  });

  it('keeps the full six years from creation when the authorization lapsed quickly', () => {
    const short = { ...signed, createdAt: at('2019-03-01'), expiration: { kind: 'date' as const, date: '2019-03-02' } };
    // Signed and witnessed on the 2nd, the day it expired: the records are the later dates.
    expect(retentionVerdict(short, '2025-03-02', 'UTC')).toMatchObject({ purgeable: false, anchor: '2019-03-02', keptThrough: '2025-03-02' });
  });

  it('handles 29 February', () => {
    const leap = { ...signed, createdAt: at('2019-01-01'), signedAt: at('2019-01-01'), witnessedAt: at('2019-01-01'), expiration: { kind: 'date' as const, date: '2020-03-01' } };
    expect(retentionVerdict(leap, '2026-02-28', 'UTC')).toMatchObject({ purgeable: false, anchor: '2020-02-29', keptThrough: '2026-02-28' });
    expect(retentionVerdict(leap, '2026-03-01', 'UTC').purgeable).toBe(true);
  });

  it('does not apply to drafts, and keeps signed-but-unwitnessed records that have not lapsed', () => {
    expect(retentionVerdict({ ...signed, stage: 'draft' }, '2060-01-01', 'UTC')).toMatchObject({ purgeable: false, reason: 'draft' });
    const pending = { ...signed, stage: 'signed' as const, witnessedAt: null, expiration: { kind: 'event' as const, event: 'x' } };
    expect(retentionVerdict(pending, '2060-01-01', 'UTC')).toMatchObject({ purgeable: false, reason: 'in_effect' });
  });
});
