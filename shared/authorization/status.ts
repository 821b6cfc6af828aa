import { addDaysTo, type Day } from '../calendar';
import type { Expiration } from './scope';

/**
 * The life of an authorization:
 * - `draft`: being prepared; can be edited or discarded;
 * - `awaiting_witness`: the patient signed; staff must confirm as witness;
 * - `active` / `expiring_soon`: final and in effect;
 * - `expired`: past its date, or its expiration event was recorded;
 * - `revoked`: the patient's written revocation was recorded.
 * It is always derived from the record and a day, never stored.
 */
export type AuthorizationStatus = 'draft' | 'awaiting_witness' | 'active' | 'expiring_soon' | 'expired' | 'revoked';

export interface StatusFacts {
  stage: 'draft' | 'signed' | 'final';
  expiration: Expiration;
  /** When the written revocation was recorded (an instant), if it was. */
  revokedAt: string | null;
  /** When the expiration event was recorded as having happened, if it was. */
  expirationEventAt: string | null;
}

export const defaultExpiringSoonDays = 30;

/** The last day the authorization is in effect, when it expires on a date. */
export function lastDayInEffect(expiration: Expiration): Day | null {
  return expiration.kind === 'date' ? addDaysTo(expiration.date, -1) : null;
}

/**
 * `today` is before the expiration date: an authorization that "expires on
 * 12 March" may be relied on up to 11 March and not on the 12th.
 */
export function authorizationStatus(facts: StatusFacts, today: Day, soonDays = defaultExpiringSoonDays): AuthorizationStatus {
  if (facts.stage === 'draft') return 'draft';
  if (facts.revokedAt) return 'revoked';
  if (facts.expiration.kind === 'date' && today >= facts.expiration.date) return 'expired';
  if (facts.expiration.kind === 'event' && facts.expirationEventAt) return 'expired';
  if (facts.stage === 'signed') return 'awaiting_witness';
  if (facts.expiration.kind === 'date' && facts.expiration.date <= addDaysTo(today, soonDays)) return 'expiring_soon';
  return 'active';
}

/** Whether uses may rely on the authorization today. */
export function isInEffect(status: AuthorizationStatus): boolean {
  return status === 'active' || status === 'expiring_soon';
}

export const statusLabels: Record<AuthorizationStatus, string> = {
  draft: 'Draft',
  awaiting_witness: 'Awaiting witness',
  active: 'Active',
  expiring_soon: 'Expiring soon',
  expired: 'Expired',
  revoked: 'Revoked',
};
