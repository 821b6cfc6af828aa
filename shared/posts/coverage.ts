import {
  channels,
  purposeLabels,
  type Channel,
  type ContentKind,
  type Purpose,
} from '../authorization/scope';
import { authorizationStatus, type AuthorizationStatus } from '../authorization/status';
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

export interface CoverageQuestion {
  post: { patientId: string; channel: string; purpose: Purpose; thirdPartyPays: boolean };
  contentKinds: ContentKind[];
  consent: ConsentScopeView | null;
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

/** A consent's status for a day, computed once per consent object and day. */
const statusCache = new WeakMap<ConsentScopeView, { today: Day; status: AuthorizationStatus }>();
function statusOn(consent: ConsentScopeView, today: Day): AuthorizationStatus {
  const cached = statusCache.get(consent);
  if (cached?.today === today) return cached.status;
  const status = authorizationStatus(consent, today);
  statusCache.set(consent, { today, status });
  return status;
}

/**
 * May this post go out on the strength of this consent today? Every failed
 * condition of the coverage rule is a reason, in words a marketing
 * coordinator understands; covered only when there are none.
 */
export function checkCoverage({ post, contentKinds, consent, today }: CoverageQuestion): CoverageVerdict {
  const reasons: CoverageReason[] = [];
  const add = (code: CoverageCode, message: string) => reasons.push({ code, message });
  if (!consent) {
    add('no_consent', 'No consent is linked to this post.');
    return { covered: false, reasons };
  }
  if (consent.patientId !== post.patientId) add('other_patient', 'The consent belongs to another patient.');
  const status = statusOn(consent, today);
  if (status === 'revoked') add('revoked', `The consent was revoked on ${day(consent.revokedAt!)}.`);
  else if (status === 'expired') {
    add(
      'expired',
      consent.expiration.kind === 'date'
        ? `This consent expired on ${formatDay(consent.expiration.date, 'en')}.`
        : `This consent ended when its expiration event was recorded on ${day(consent.expirationEventAt!)}.`,
    );
  } else if (status !== 'active' && status !== 'expiring_soon') {
    add('not_final', 'The consent is not signed and witnessed yet.');
  }
  for (const kind of contentKinds) {
    if (!consent.scope.contentKinds.includes(kind)) add('content', `The consent does not include ${contentPhrases[kind]}.`);
  }
  const allowedChannel =
    (consent.scope.channels as readonly string[]).includes(post.channel) ||
    consent.scope.otherChannels.some((c) => foldText(c) === foldText(post.channel));
  if (!allowedChannel) add('channel', `${channelName(post.channel)} is not among the channels the patient allowed.`);
  if (!consent.scope.purposes.includes(post.purpose)) {
    add('purpose', `“${purposeLabels.en[post.purpose]}” is not among the purposes the patient allowed.`);
  }
  if (post.thirdPartyPays && !consent.remuneration.thirdPartyPays) {
    add('remuneration', 'A third party pays for this post, but the consent does not say that the practice is paid.');
  }
  return { covered: reasons.length === 0, reasons };
}

