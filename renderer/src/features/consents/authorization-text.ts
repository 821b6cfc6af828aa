import type { AuthorizationSummary } from '../../../../shared/authorization/record';
import { languageNames } from '../../../../shared/authorization/scope';
import { formatDay, formatDayOf, formatMoment } from '../../i18n/format';
import { currentLanguage, i18n } from '../../i18n/i18n';

/** When it ends, for staff screens: "June 30, 2027" or "When: end of my treatment". */
export function expirationText(summary: Pick<AuthorizationSummary, 'terms' | 'expirationEventAt'>): string {
  const { expiration } = summary.terms;
  if (expiration.kind === 'date') return formatDay(expiration.date);
  const event = expiration.event || i18n.t('consents:authorizationText.eventNotDescribed');
  return summary.expirationEventAt
    ? i18n.t('consents:authorizationText.eventHappened', { event, day: dayOfInstant(summary.expirationEventAt) })
    : i18n.t('consents:authorizationText.whenEvent', { event });
}

export function languageText(summary: Pick<AuthorizationSummary, 'language'>): string {
  if (summary.language === 'en') return i18n.t('common:language.en');
  // Named in the staff member's language; an English screen adds the name the patient reads.
  return currentLanguage() === 'es' ? i18n.t('common:language.es') : `${i18n.t('common:language.es')} (${languageNames.es})`;
}

/** The practice's day of an instant the backend stored in UTC, for people. */
export function dayOfInstant(instant: string): string {
  return formatDayOf(instant);
}

export function momentOfInstant(instant: string): string {
  return formatMoment(instant);
}

/** Names one authorization among a patient's several, for buttons read out of context. */
export function authorizationLabel(summary: Pick<AuthorizationSummary, 'createdAt'>): string {
  return i18n.t('consents:authorizationText.preparedOn', { day: dayOfInstant(summary.createdAt) });
}
