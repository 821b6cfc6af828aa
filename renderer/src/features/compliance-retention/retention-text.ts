import { addDaysTo } from '../../../../shared/calendar';
import type { RetentionVerdict } from '../../../../shared/compliance/retention';
import { showDay } from '../compliance/compliance-format';
import { i18n } from '../../i18n/i18n';

/** When a record may be purged, in a few words: "From October 25, 2032", "Now", "Not while in effect", "Once its posts are taken down". */
export function purgeableFrom(verdict: RetentionVerdict): string {
  if (verdict.purgeable) return i18n.t('compliance-retention:purgeableFrom.now');
  if (verdict.reason === 'within_period' && verdict.keptThrough) return i18n.t('compliance-retention:purgeableFrom.from', { day: showDay(addDaysTo(verdict.keptThrough, 1)) });
  if (verdict.reason === 'in_effect') return i18n.t('compliance-retention:purgeableFrom.inEffect');
  if (verdict.reason === 'posts_to_take_down') return i18n.t('compliance-retention:purgeableFrom.postsToTakeDown');
  return i18n.t('compliance-retention:purgeableFrom.notApplicable');
}
