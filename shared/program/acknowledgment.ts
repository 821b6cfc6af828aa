import { addDaysTo, type Day } from '../calendar';
import { addMonthsTo } from './program-days';

/**
 * Whether a staff member's acknowledgment of the social-media policy is
 * current. Everyone acknowledges the version in force (at their next
 * sign-in after it is published) and again every year:
 * - `no_policy`: nothing has been published yet, nothing to acknowledge;
 * - `current`: they acknowledged the version in force within the year;
 * - `renewal_due`: still current, but the year ends within 30 days;
 * - `missing`: they never acknowledged the version in force;
 * - `expired`: they did, more than a year ago.
 * `missing` and `expired` stop approving and publishing posts.
 */
export type AcknowledgmentState = 'no_policy' | 'current' | 'renewal_due' | 'missing' | 'expired';

export interface AcknowledgmentStatus {
  state: AcknowledgmentState;
  /** The version in force, if any. */
  version: number | null;
  /** The day they last acknowledged the version in force. */
  acknowledgedOn: Day | null;
  /** The day the acknowledgment must be renewed (a year after it), or null when none is current. */
  renewBy: Day | null;
  /** The last version they acknowledged, when it is an older one. */
  lastVersionAcknowledged: number | null;
}

/** An acknowledgment lasts this long. */
export const acknowledgmentMonths = 12;
/** Renewal is announced this many days ahead. */
export const renewalNoticeDays = 30;

export function acknowledgmentStatus(input: {
  inForce: { id: string; version: number } | null;
  /** Their latest acknowledgment of the version in force, if any (its practice day). */
  ofInForce: { acknowledgedOn: Day } | null;
  /** The newest version they ever acknowledged, if any. */
  lastVersionAcknowledged: number | null;
  today: Day;
}): AcknowledgmentStatus {
  const { inForce, ofInForce, today } = input;
  const older = input.lastVersionAcknowledged !== null && inForce !== null && input.lastVersionAcknowledged < inForce.version ? input.lastVersionAcknowledged : null;
  if (!inForce) return { state: 'no_policy', version: null, acknowledgedOn: null, renewBy: null, lastVersionAcknowledged: input.lastVersionAcknowledged };
  if (!ofInForce) return { state: 'missing', version: inForce.version, acknowledgedOn: null, renewBy: null, lastVersionAcknowledged: older };
  const renewBy = addMonthsTo(ofInForce.acknowledgedOn, acknowledgmentMonths);
  const base = { version: inForce.version, acknowledgedOn: ofInForce.acknowledgedOn, renewBy, lastVersionAcknowledged: older };
  if (today >= renewBy) return { ...base, state: 'expired' };
  if (today >= addDaysTo(renewBy, -renewalNoticeDays)) return { ...base, state: 'renewal_due' };
  return { ...base, state: 'current' };
}

/** Whether they must acknowledge before approving or publishing a post (and are asked at sign-in). */
export function mustAcknowledge(status: Pick<AcknowledgmentStatus, 'state'>): boolean {
  return status.state === 'missing' || status.state === 'expired';
}

/** Whether the sign-in should offer the policy: required, or renewal due soon. */
export function askAtSignIn(status: Pick<AcknowledgmentStatus, 'state'>): boolean {
  return mustAcknowledge(status) || status.state === 'renewal_due';
}

export const acknowledgmentStateLabels: Record<AcknowledgmentState, string> = {
  no_policy: 'No policy published',
  current: 'Current',
  renewal_due: 'Renewal due within 30 days',
  missing: 'Not acknowledged',
  expired: 'More than a year ago',
};
