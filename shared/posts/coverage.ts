import {
  channels,
  purposeLabels,
  type Channel,
  type ContentKind,
  type Purpose,
} from '../authorization/scope';
import { authorizationStatus } from '../authorization/status';
import { dayOf, formatDay, type Day } from '../calendar';
import type { ConsentScopeView } from './consent-scope';
import { foldText } from './content-use';

export type CoverageCode =
  | 'no_consent'
  | 'other_patient'
  | 'not_final'
  | 'revoked'
  | 'expired'
  | 'content'
  | 'channel'
  | 'purpose'
  | 'remuneration';

export interface CoverageReason {
  code: CoverageCode;
  message: string;
}

export interface CoverageVerdict {
  covered: boolean;
  reasons: CoverageReason[];
}

/**
 * What the rule reads of a consent. A `ConsentScopeView` has all of it; a
 * check of every post at once reads only these columns.
 */
export type CoverageConsent = Pick<ConsentScopeView, 'patientId' | 'stage' | 'scope' | 'expiration' | 'remuneration' | 'revokedAt' | 'expirationEventAt'>;

export interface CoverageQuestion {
  post: { patientId: string; channel: string; purpose: Purpose; thirdPartyPays: boolean };
  contentKinds: readonly ContentKind[];
  consent: CoverageConsent | null;
  today: Day;
}

/** Short channel names for sentences: "Instagram is not among…". */
const channelNames: Record<Channel, string> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
  x: 'X',
  tiktok: 'TikTok',
  youtube: 'YouTube',
  linkedin: 'LinkedIn',
  website: 'The practice website',
  email_newsletter: 'The email newsletter',
  printed_material: 'Printed material',
};

export function channelName(channel: string): string {
  return (channels as readonly string[]).includes(channel) ? channelNames[channel as Channel] : channel;
}

const contentPhrases: Record<ContentKind, string> = {
  written_testimonial: 'the patient’s written testimonial',
  first_name: 'the patient’s first name',
  full_name: 'the patient’s full name',
  photographs: 'photographs of the patient',
  video: 'video of the patient',
  audio: 'audio of the patient',
  before_after_images: 'before-and-after images',
  age: 'the patient’s age',
  city: 'the patient’s city',
  health_condition: 'the patient’s health condition or treatment',
};

const day = (iso: string) => formatDay(dayOf(new Date(iso)), 'en');

/**
 * The part of the rule that depends on the consent and the day only: what
 * its status says against any post relying on it (revoked, expired, not
 * signed), or nothing when it is in effect. `checkCoverage` works it out
 * for its one post; a check of many posts works it out once per consent
 * (formatting a revocation date costs more than the rest of the rule) and
 * asks `checkCoverageOn` for each post. Either way it is this code.
 */
export interface ConsentOnDay {
  consent: CoverageConsent;
  statusReason: CoverageReason | null;
}

export function consentOnDay(consent: CoverageConsent, today: Day): ConsentOnDay {
  const status = authorizationStatus(consent, today);
  let statusReason: CoverageReason | null = null;
  if (status === 'revoked') statusReason = { code: 'revoked', message: `The consent was revoked on ${day(consent.revokedAt!)}.` };
  else if (status === 'expired') {
    statusReason = {
      code: 'expired',
      message:
        consent.expiration.kind === 'date'
          ? `This consent expired on ${formatDay(consent.expiration.date, 'en')}.`
          : `This consent ended when its expiration event was recorded on ${day(consent.expirationEventAt!)}.`,
    };
  } else if (status !== 'active' && status !== 'expiring_soon') {
    statusReason = { code: 'not_final', message: 'The consent is not signed and witnessed yet.' };
  }
  return { consent, statusReason };
}

/** The sentences of the rule that depend on one code only, written once rather than per post. */
const contentMessages = new Map<string, string>(
  Object.entries(contentPhrases).map(([kind, phrase]) => [kind, `The consent does not include ${phrase}.`]),
);
const purposeMessages = new Map<string, string>(
  Object.entries(purposeLabels.en).map(([purpose, label]) => [purpose, `“${label}” is not among the purposes the patient allowed.`]),
);
const channelMessages = new Map<string, string>(
  channels.map((channel) => [channel, `${channelName(channel)} is not among the channels the patient allowed.`]),
);

/**
 * May this post go out on the strength of this consent today? Every failed
 * condition of the coverage rule is a reason, in words a marketing
 * coordinator understands; covered only when there are none.
 */
export function checkCoverage({ post, contentKinds, consent, today }: CoverageQuestion): CoverageVerdict {
  return checkCoverageOn(post, contentKinds, consent && consentOnDay(consent, today));
}

/** The coverage rule for one post, against its consent as it stands on the day (`consentOnDay`). */
export function checkCoverageOn(post: CoverageQuestion['post'], contentKinds: readonly ContentKind[], judged: ConsentOnDay | null): CoverageVerdict {
  const reasons: CoverageReason[] = [];
  if (!judged) {
    reasons.push({ code: 'no_consent', message: 'No consent is linked to this post.' });
    return { covered: false, reasons };
  }
  const { consent, statusReason } = judged;
  if (consent.patientId !== post.patientId) reasons.push({ code: 'other_patient', message: 'The consent belongs to another patient.' });
  if (statusReason) reasons.push({ code: statusReason.code, message: statusReason.message });
  const { scope } = consent;
  for (const kind of contentKinds) {
    if (!scope.contentKinds.includes(kind)) {
      reasons.push({ code: 'content', message: contentMessages.get(kind) ?? `The consent does not include ${contentPhrases[kind]}.` });
    }
  }
  const allowedChannel =
    (scope.channels as readonly string[]).includes(post.channel) ||
    scope.otherChannels.some((c) => foldText(c) === foldText(post.channel));
  if (!allowedChannel) {
    reasons.push({
      code: 'channel',
      message: channelMessages.get(post.channel) ?? `${channelName(post.channel)} is not among the channels the patient allowed.`,
    });
  }
  if (!scope.purposes.includes(post.purpose)) {
    reasons.push({
      code: 'purpose',
      message: purposeMessages.get(post.purpose) ?? `“${purposeLabels.en[post.purpose]}” is not among the purposes the patient allowed.`,
    });
  }
  if (post.thirdPartyPays && !consent.remuneration.thirdPartyPays) {
    reasons.push({ code: 'remuneration', message: 'A third party pays for this post, but the consent does not say that the practice is paid.' });
  }
  return { covered: reasons.length === 0, reasons };
}

