import type { CoverageReason } from '../../../shared/posts/coverage';
import { formatDay } from './format';
import { i18n } from './i18n';
import { channelName, patientLabels } from './labels';

const list = (items: readonly string[]) => items.join(', ');

/**
 * A reason of the coverage rule in the staff member's language, from its
 * code and parameters. A reason kept before the rule gave parameters (or a
 * code of a newer version) shows the rule's English sentence as recorded.
 */
export function coverageReasonText(reason: CoverageReason): string {
  const p = reason.params;
  // Keys made from codes: typed loosely here, checked by the tests against every code and the English rule.
  const translate = i18n.t as unknown as (key: string, values?: Record<string, unknown>) => string;
  const say = (key: string, values: Record<string, unknown> = {}) => translate(`posts:coverageReasons.${key}`, values);
  switch (reason.code) {
    case 'no_consent':
    case 'other_patient':
    case 'not_final':
    case 'signer':
    case 'came_of_age':
    case 'remuneration':
      return say(reason.code);
    case 'revoked':
      return !p ? reason.message : p.day ? say('revokedOn', { day: formatDay(p.day) }) : say('revoked');
    case 'expired':
      if (p?.ends === 'date' && p.day) return say('expiredOn', { day: formatDay(p.day) });
      if (p?.ends === 'event') return p.day ? say('endedByEventOn', { day: formatDay(p.day) }) : say('endedByEvent');
      return reason.message;
    case 'identifier':
      if (!p?.identifiers?.length) return reason.message;
      return say('identifier', { count: p.identifiers.length, names: list(p.identifiers.map((kind) => say(`identifierNames.${kind}`))) });
    case 'content':
      return p?.contentKind ? say('content', { phrase: say(`contentPhrases.${p.contentKind}`) }) : reason.message;
    case 'condition':
      return p?.conditions && p.terms ? say('condition', { conditions: list(p.conditions), terms: list(p.terms) }) : reason.message;
    case 'channel':
      return p?.channel ? say('channel', { channel: channelName(p.channel) }) : reason.message;
    case 'purpose':
      return p?.purpose ? say('purpose', { purpose: patientLabels().purposes[p.purpose] }) : reason.message;
    case 'sponsor':
      if (!p) return reason.message;
      return p.sponsor ? say('sponsorMismatch', { sponsor: p.sponsor, payer: p.payer || say('noPayer') }) : say('sponsorMissing');
    default:
      return reason.message;
  }
}
