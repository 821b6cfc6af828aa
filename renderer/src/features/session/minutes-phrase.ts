import { i18n } from '../../i18n/i18n';
/** "1 minute", "5 minutes": the idle time as the staff screens say it. */
export function minutesPhrase(minutes: number): string {
  return i18n.t('common:minutes', { count: minutes });
}
