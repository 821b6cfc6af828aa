import { addDaysTo } from '../../../../shared/calendar';
import type { RetentionVerdict } from '../../../../shared/compliance/retention';
import { showDay } from '../compliance/compliance-format';

/** When a record may be purged, in a few words: "From October 25, 2032", "Now", "Not while in effect", "Once its posts are taken down". */
export function purgeableFrom(verdict: RetentionVerdict): string {
  if (verdict.purgeable) return 'Now';
  if (verdict.reason === 'within_period' && verdict.keptThrough) return `From ${showDay(addDaysTo(verdict.keptThrough, 1))}`;
  if (verdict.reason === 'in_effect') return 'Not while it is in effect';
  if (verdict.reason === 'posts_to_take_down') return 'Once its posts are taken down';
  return 'Not applicable';
}
