import { describe, expect, it } from 'vitest';
import { acknowledgmentStatus, askAtSignIn, mustAcknowledge } from './acknowledgment';

const v2 = { id: 'v2', version: 2 };

describe('acknowledgment currency', () => {
  it('asks nothing before a policy exists', () => {
    const s = acknowledgmentStatus({ inForce: null, ofInForce: null, lastVersionAcknowledged: null, today: '2026-05-01' });
    expect(s.state).toBe('no_policy');
    expect(mustAcknowledge(s)).toBe(false);
  });

  it('is missing until the version in force is acknowledged, even when an older one was', () => {
    const s = acknowledgmentStatus({ inForce: v2, ofInForce: null, lastVersionAcknowledged: 1, today: '2026-05-01' });
    expect(s).toMatchObject({ state: 'missing', version: 2, lastVersionAcknowledged: 1, renewBy: null });
    expect(mustAcknowledge(s)).toBe(true);
  });

  it('lasts a year to the day: current, renewal due in the last 30 days, then expired', () => {
    const at = (today: string) => acknowledgmentStatus({ inForce: v2, ofInForce: { acknowledgedOn: '2026-03-15' }, lastVersionAcknowledged: 2, today });
    expect(at('2027-02-12')).toMatchObject({ state: 'current', renewBy: '2027-03-15', lastVersionAcknowledged: null });
    expect(at('2027-02-13').state).toBe('renewal_due');
    expect(askAtSignIn(at('2027-02-13'))).toBe(true);
    expect(mustAcknowledge(at('2027-03-14'))).toBe(false);
    expect(at('2027-03-15').state).toBe('expired');
    expect(mustAcknowledge(at('2027-03-15'))).toBe(true);
  });

  it('counts a year from February 29 to February 28', () => {
    expect(acknowledgmentStatus({ inForce: v2, ofInForce: { acknowledgedOn: '2028-02-29' }, lastVersionAcknowledged: 2, today: '2028-03-01' }).renewBy).toBe('2029-02-28');
  });
});
