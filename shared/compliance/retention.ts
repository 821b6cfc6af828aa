import { addYears } from 'date-fns/addYears';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import type { Stage } from '../authorization/record';
import type { Expiration } from '../authorization/scope';
import { lastDayInEffect } from '../authorization/status';
import { dayOf, formatDay, type Day } from '../calendar';

/**
 * 45 CFR 164.508(b)(6) and 164.530(j): a signed authorization, and any
 * revocation, is kept six years from the date it was created or the date it
 * was last in effect, whichever is later.
 */
export const retentionYears = 6;

/** What the rule needs to know of an authorization: its dates, nothing else. */
export interface RetentionFacts {
  stage: Stage;
  expiration: Expiration;
  /** When the record was created (the draft), an instant. */
  createdAt: string;
  signedAt: string | null;
  witnessedAt: string | null;
  /** When the revocation was recorded (an instant) and the day it was received. */
  revokedAt: string | null;
  revocationReceivedOn: string | null;
  /** When the expiration event was recorded (an instant) and the day it happened. */
  expirationEventAt: string | null;
  expirationEventOn: string | null;
  /**
   * Posts relying on it that are approved, published or waiting to be taken
   * down: their history must keep the consent they stood on, so these block
   * a purge until the take-down is recorded.
   */
  postsToTakeDown: number;
}

/** The post states that block a purge until the take-down is recorded (`RetentionFacts.postsToTakeDown`). */
export const postStatesBlockingPurge: readonly string[] = ['approved', 'published', 'takedown_required'];

/** What the rule reads of an authorization as stored, with the count of its posts in `postStatesBlockingPurge`. */
export function retentionFactsOfRecord(
  record: Omit<RetentionFacts, 'expiration' | 'postsToTakeDown'> & { terms: { expiration: Expiration } },
  postsToTakeDown: number,
): RetentionFacts {
  return {
    postsToTakeDown,
    stage: record.stage,
    expiration: record.terms.expiration,
    createdAt: record.createdAt,
    signedAt: record.signedAt,
    witnessedAt: record.witnessedAt,
    revokedAt: record.revokedAt,
    revocationReceivedOn: record.revocationReceivedOn,
    expirationEventAt: record.expirationEventAt,
    expirationEventOn: record.expirationEventOn,
  };
}

export type RetentionVerdict =
  | {
      purgeable: true;
      /** The later of creation, the last day in effect and the revocation's own record. */
      anchor: Day;
      lastDayInEffect: Day | null;
      /** The last day the record must be kept; it may be purged from the next day. */
      keptThrough: Day;
      message: string;
    }
  | {
      purgeable: false;
      reason: 'draft' | 'in_effect' | 'within_period' | 'posts_to_take_down';
      anchor: Day | null;
      lastDayInEffect: Day | null;
      keptThrough: Day | null;
      message: string;
    };

const later = (days: (Day | null)[]): Day => days.filter((d): d is Day => d !== null).sort().at(-1)!;
const earlier = (days: Day[]): Day | null => [...days].sort()[0] ?? null;

/**
 * The day an authorization stopped being in effect, or null when it has not
 * stopped (it is still in effect, or could still become so). Whatever ended
 * it first counts: the day before its expiration date, the day its
 * revocation was received or recorded (whichever is later: the product
 * relies on it until the revocation is recorded), or the day its expiration
 * event happened or was recorded (likewise).
 */
export function endOfEffect(facts: RetentionFacts, today: Day, timeZone: string): Day | null {
  if (facts.stage === 'draft') return null;
  const ends: Day[] = [];
  if (facts.revokedAt) ends.push(later([facts.revocationReceivedOn, dayOf(new Date(facts.revokedAt), timeZone)]));
  if (facts.expiration.kind === 'event' && facts.expirationEventAt) {
    ends.push(later([facts.expirationEventOn, dayOf(new Date(facts.expirationEventAt), timeZone)]));
  }
  if (facts.expiration.kind === 'date' && today >= facts.expiration.date) ends.push(lastDayInEffect(facts.expiration)!);
  return earlier(ends);
}

/**
 * May this authorization (with its revocation) be deleted today? Only when
 * it is no longer in effect and six whole years have passed since the later
 * of its creation, its last day in effect and the records made about it
 * (a revocation or expiration event recorded even after it had lapsed
 * starts its own six years). An authorization still in effect is never
 * purgeable, however old; nor is one with posts still to take down.
 */
/** `timeZone`: the practice's, which decides the day of each recorded instant. */
export function retentionVerdict(facts: RetentionFacts, today: Day, timeZone: string): RetentionVerdict {
  if (facts.stage === 'draft') {
    return {
      purgeable: false,
      reason: 'draft',
      anchor: null,
      lastDayInEffect: null,
      keptThrough: null,
      message: 'This is an unsigned draft: discard it instead; retention applies to signed authorizations.',
    };
  }
  const end = endOfEffect(facts, today, timeZone);
  if (end === null) {
    return {
      purgeable: false,
      reason: 'in_effect',
      anchor: null,
      lastDayInEffect: null,
      keptThrough: null,
      message:
        facts.stage === 'signed'
          ? 'The patient signed this authorization and it has not lapsed: it can still be witnessed, so it is kept.'
          : 'This authorization is still in effect; an authorization in effect is never purged.',
    };
  }
  const instantDay = (iso: string | null) => (iso ? dayOf(new Date(iso), timeZone) : null);
  const anchor = later([
    instantDay(facts.createdAt),
    instantDay(facts.signedAt),
    instantDay(facts.witnessedAt),
    end,
    instantDay(facts.revokedAt),
    instantDay(facts.expirationEventAt),
  ]);
  const keptThrough = format(addYears(parseISO(anchor), retentionYears), 'yyyy-MM-dd');
  const why = anchor === end ? 'its last day in effect' : 'the last record made about it';
  if (today <= keptThrough) {
    return {
      purgeable: false,
      reason: 'within_period',
      anchor,
      lastDayInEffect: end,
      keptThrough,
      message: `This authorization must be kept through ${formatDay(keptThrough, 'en')}: six years after ${formatDay(anchor, 'en')}, ${why}. It cannot be purged before then.`,
    };
  }
  if (facts.postsToTakeDown > 0) {
    return {
      purgeable: false,
      reason: 'posts_to_take_down',
      anchor,
      lastDayInEffect: end,
      keptThrough,
      message: `Its six years are over, but ${facts.postsToTakeDown} post(s) relying on it still need taking down. Record the take-down first: their history must show the consent they were published under.`,
    };
  }
  return {
    purgeable: true,
    anchor,
    lastDayInEffect: end,
    keptThrough,
    message: `Kept through ${formatDay(keptThrough, 'en')} (six years after ${formatDay(anchor, 'en')}, ${why}); it may now be purged.`,
  };
}

/** One signed authorization as the retention review lists it. */
export interface RetentionRow {
  authorizationId: string;
  patientId: string;
  patientName: string;
  signedAt: string | null;
  revokedAt: string | null;
  verdict: RetentionVerdict;
}

export interface RetentionReview {
  today: Day;
  /** Signed authorizations reviewed, and how many may be purged today. */
  reviewed: number;
  purgeable: number;
  /** The rows asked for: the purgeable ones, or all. */
  rows: RetentionRow[];
}

/** What a purge removed and what it kept. */
export interface PurgeResult {
  authorizationId: string;
  purgedAt: string;
  keptThrough: Day;
  /** Posts that relied on it: kept, with the purged consent's id and PDF hash. */
  postsKept: number;
}
