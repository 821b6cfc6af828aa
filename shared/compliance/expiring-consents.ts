import { daysBetween, type Day } from '../calendar';
import type { ConsentScopeView } from '../posts/consent-scope';
import type { PostState } from '../posts/post';

export interface ExpiringConsentRow {
  consentId: string;
  patientId: string;
  patientName: string;
  expiresOn: Day;
  /** Days until the expiration date (1 = it expires tomorrow, so today is its last day). */
  daysLeft: number;
  /** Posts relying on it that are still planned or up. */
  posts: { id: string; state: PostState; channel: string }[];
}

export interface ExpiringConsentsReport {
  generatedOn: Day;
  within30: ExpiringConsentRow[];
  within60: ExpiringConsentRow[];
  within90: ExpiringConsentRow[];
}

const stillUsed = (state: PostState) => state !== 'taken_down';

/**
 * Consents in effect whose expiration date is 1 to 30, 31 to 60 or 61 to 90
 * days away, soonest first, each with the posts that would lose their
 * cover. Revoked, lapsed and event-ending consents are not expiring by date.
 */
export function expiringConsentsReport(
  consents: ConsentScopeView[],
  posts: { id: string; consentId: string | null; state: PostState; channel: string }[],
  today: Day,
): ExpiringConsentsReport {
  const rows: ExpiringConsentRow[] = [];
  for (const c of consents) {
    if (c.stage !== 'final' || c.revokedAt || c.expiration.kind !== 'date') continue;
    const daysLeft = daysBetween(today, c.expiration.date);
    if (daysLeft < 1 || daysLeft > 90) continue;
    rows.push({
      consentId: c.id,
      patientId: c.patientId,
      patientName: `${c.patientFirstName} ${c.patientLastName}`,
      expiresOn: c.expiration.date,
      daysLeft,
      posts: posts.filter((p) => p.consentId === c.id && stillUsed(p.state)).map(({ id, state, channel }) => ({ id, state, channel })),
    });
  }
  rows.sort((a, b) => a.daysLeft - b.daysLeft || a.consentId.localeCompare(b.consentId));
  return {
    generatedOn: today,
    within30: rows.filter((r) => r.daysLeft <= 30),
    within60: rows.filter((r) => r.daysLeft > 30 && r.daysLeft <= 60),
    within90: rows.filter((r) => r.daysLeft > 60),
  };
}
