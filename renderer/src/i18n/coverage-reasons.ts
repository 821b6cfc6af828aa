import type { CoverageReason } from '../../../shared/posts/coverage';
import type { PostView } from '../../../shared/posts/dashboard';
import { formatDay } from './format';
import { translateKey } from './i18n';
import { channelName, patientLabels } from './labels';

const list = (items: readonly string[]) => items.join(', ');

/**
 * A reason of the coverage rule in the staff member's language, from its
 * code and parameters. A reason kept before the rule gave parameters (or a
 * code of a newer version) shows the rule's English sentence as recorded.
 */
export function coverageReasonText(reason: CoverageReason): string {
  const p = reason.params;
  const say = (key: string, values: Record<string, unknown> = {}) => translateKey(`posts:coverageReasons.${key}`, values);
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

/**
 * Why a published post is flagged (take down, or review), in the staff
 * member's language: the reasons of its verdict today, led, when it went
 * out on or after the day its revocation was received, by the sentence
 * saying so (post-checks.ts writes the same in English when it flags the
 * post). A post its consent covers again shows the reason as recorded.
 */
export function postFlagText(post: Pick<PostView, 'verdict' | 'publishedAt'>, recorded: string | null): string | null {
  if (post.verdict.covered || post.verdict.reasons.length === 0) return recorded;
  const texts = post.verdict.reasons.map(coverageReasonText);
  const received = post.verdict.reasons.find((r) => r.code === 'revoked')?.params?.day;
  if (received && post.publishedAt && post.publishedAt >= received) {
    texts.unshift(translateKey('posts:coverageReasons.publishedAfterRevocation', { published: formatDay(post.publishedAt), received: formatDay(received) }));
  }
  return texts.join(' ');
}

/** A report row's reasons (shared/compliance/uncovered-posts.ts), worded from their codes. */
export function reportReasonTexts(coverage: { reasons: CoverageReason[]; publishedAfterRevocation: { published: string; received: string } | null }): string[] {
  const texts = coverage.reasons.map(coverageReasonText);
  const after = coverage.publishedAfterRevocation;
  if (after) {
    texts.unshift(translateKey('posts:coverageReasons.publishedOnOrAfterRevocation', { published: formatDay(after.published), received: formatDay(after.received) }));
  }
  return texts;
}
