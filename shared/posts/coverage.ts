import {
  channels,
  purposeLabels,
  type Channel,
  type ContentKind,
  type Purpose,
  type RepresentativeAuthority,
} from '../authorization/scope';
import { parentalAuthorityEnds, signerProblem } from '../authorization/signer-authority';
import { authorizationStatus } from '../authorization/status';
import { formatDay, type Day } from '../calendar';
import type { ConsentScopeView } from './consent-scope';
import type { HealthMentionSummary } from './disclosures';
import { identifierNames, type IdentifierKind } from './phi-scanner';
import { foldText } from './text/folded-text';
import { conceptsNamedBy } from './text/health-mentions';

export type CoverageCode =
  | 'no_consent'
  | 'other_patient'
  | 'not_final'
  | 'revoked'
  | 'expired'
  | 'signer'
  | 'came_of_age'
  | 'identifier'
  | 'content'
  | 'condition'
  | 'channel'
  | 'purpose'
  | 'remuneration'
  | 'sponsor';

/**
 * What a reason's sentence names, so a screen can say it in its own
 * language from the code (the renderer's catalogues); `message` is the
 * English sentence for the CLI, the PDFs and the bundle.
 */
export interface CoverageParams {
  /** revoked: the day the revocation was received; expired: the end date, or the day of the ending event. */
  day?: Day;
  /** expired: by its date, or by its expiration event. */
  ends?: 'date' | 'event';
  channel?: string;
  purpose?: Purpose;
  contentKind?: ContentKind;
  identifiers?: IdentifierKind[];
  /** condition: the conditions the consent names, and the terms of the post outside them. */
  conditions?: string[];
  terms?: string[];
  /** sponsor: the sponsor the post names (absent: none named), and the payer the consent names. */
  sponsor?: string;
  payer?: string;
}

export interface CoverageReason {
  code: CoverageCode;
  message: string;
  params?: CoverageParams;
}

export interface CoverageVerdict {
  covered: boolean;
  reasons: CoverageReason[];
}

/**
 * What the rule reads of a consent. A `ConsentScopeView` has all of it; a
 * check of every post at once reads only these columns.
 */
export type CoverageConsent = Pick<
  ConsentScopeView,
  | 'patientId'
  | 'stage'
  | 'scope'
  | 'expiration'
  | 'remuneration'
  | 'representativeAuthority'
  | 'signedOn'
  | 'revokedAt'
  | 'revocationReceivedOn'
  | 'expirationEventAt'
  | 'expirationEventOn'
>;

/** What the rule needs of the post itself. */
export interface CoveragePost {
  patientId: string;
  channel: string;
  purpose: Purpose;
  thirdPartyPays: boolean;
  /** Who pays, for a paid post. */
  sponsor: string;
  /** An administrator approved the identifiers in this exact caption and quote, with a reason. */
  identifiersApproved: boolean;
}

/** What the post discloses (derived from its caption, testimonial and media: `derivePostDisclosures`). */
export interface CoverageDisclosures {
  contentKinds: readonly ContentKind[];
  blockingIdentifiers: readonly IdentifierKind[];
  healthMentions: readonly HealthMentionSummary[];
}

/** What the rule needs of the patient, which marketing never sees: only the backend passes it. */
export interface CoveragePatient {
  dateOfBirth: Day | null;
}

export interface CoverageSettings {
  ageOfMajority: number;
}

export interface CoverageQuestion {
  post: CoveragePost;
  disclosures: CoverageDisclosures;
  consent: CoverageConsent | null;
  patient: CoveragePatient;
  settings: CoverageSettings;
  today: Day;
}

/** Short channel names for sentences ("Instagram is not among…"), in English; the renderer's English catalogue uses them too. */
export const channelNames: Record<Channel, string> = {
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

export const contentPhrases: Record<ContentKind, string> = {
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

const showDay = (day: Day) => formatDay(day, 'en');

/**
 * The part of the rule that depends on the consent, the patient and the
 * day only: what its status says against any post relying on it (revoked,
 * expired, not signed, signed by someone without authority, a parent's
 * authority ended), and the conditions its scope names. `checkCoverage`
 * works it out for its one post; a check of many posts works it out once
 * per consent and asks `checkCoverageOn` for each post.
 */
export interface ConsentOnDay {
  consent: CoverageConsent;
  statusReasons: CoverageReason[];
  /** The lexicon concepts of the conditions the scope names (empty: none named). */
  namedConcepts: Set<string>;
}

/**
 * The consent's status on a day. A revocation takes effect on the day it
 * was received (45 CFR 164.508(b)(5)), whenever it was typed in; an
 * expiration event on the day it happened.
 */
export function consentOnDay(consent: CoverageConsent, today: Day, patient: CoveragePatient, settings: CoverageSettings): ConsentOnDay {
  const status = authorizationStatus(consent, today);
  const statusReasons: CoverageReason[] = [];
  if (status === 'revoked') {
    statusReasons.push({
      code: 'revoked',
      message: consent.revocationReceivedOn
        ? `The consent was revoked: the patient’s revocation was received on ${showDay(consent.revocationReceivedOn)}.`
        : 'The consent was revoked.',
      params: consent.revocationReceivedOn ? { day: consent.revocationReceivedOn } : {},
    });
  } else if (status === 'expired') {
    statusReasons.push({
      code: 'expired',
      message:
        consent.expiration.kind === 'date'
          ? `This consent expired on ${formatDay(consent.expiration.date, 'en')}.`
          : `This consent ended with its expiration event${consent.expirationEventOn ? `, on ${showDay(consent.expirationEventOn)}` : ''}.`,
      params:
        consent.expiration.kind === 'date'
          ? { ends: 'date', day: consent.expiration.date }
          : { ends: 'event', ...(consent.expirationEventOn ? { day: consent.expirationEventOn } : {}) },
    });
  } else if (status !== 'active' && status !== 'expiring_soon') {
    statusReasons.push({ code: 'not_final', message: 'The consent is not signed and witnessed yet.' });
  }
  const representative = consent.representativeAuthority ? { name: '', authority: consent.representativeAuthority, authorityDetail: '' } : null;
  if (consent.stage !== 'draft' && consent.signedOn) {
    // Known-false material information makes it defective (164.508(b)(2)(v)), e.g. "parent of a minor" for an adult.
    const problem = signerProblem({
      dateOfBirth: patient.dateOfBirth,
      representative,
      minorSignsAlone: { reason: 'checked when signed' },
      ageConfirmed: true,
      day: consent.signedOn,
      ageOfMajority: settings.ageOfMajority,
    });
    if (problem && representative) statusReasons.push({ code: 'signer', message: 'The person who signed this consent did not have the authority to sign it for the patient on that day. Ask the front desk for a new authorization.' });
  }
  const ends = parentalAuthorityEnds({ dateOfBirth: patient.dateOfBirth, representative, ageOfMajority: settings.ageOfMajority });
  if (ends !== null && today >= ends && !statusReasons.some((r) => r.code === 'signer')) {
    statusReasons.push({
      code: 'came_of_age',
      message:
        'The patient has come of age since a parent signed this consent, so it no longer covers new approvals or publications. ' +
        'Posts already published under it are listed for review rather than taken down: what the practice did in reliance on the parent’s authorization stays lawful. ' +
        'Ask the front desk for a new authorization signed by the patient.',
    });
  }
  const namedConcepts = new Set((consent.scope.conditions ?? []).flatMap(conceptsNamedBy));
  return { consent, statusReasons, namedConcepts };
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

/** "Acme Orthopedics, Inc." and "acme orthopedics" are one payer. */
export function payerKey(name: string): string {
  return foldText(name)
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\b(?:inc|incorporated|llc|ltd|limited|corp|corporation|co|company|plc|sa|de cv|s de rl)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The payers a remuneration statement names: one per line or separated by semicolons. */
function namedPayers(payer: string): string[] {
  return payer.split(/[;\n]+/).map(payerKey).filter(Boolean);
}

/**
 * May this post go out on the strength of this consent today? Every failed
 * condition of the coverage rule is a reason, in words a marketing
 * coordinator understands; covered only when there are none.
 */
export function checkCoverage({ post, disclosures, consent, patient, settings, today }: CoverageQuestion): CoverageVerdict {
  return checkCoverageOn(post, disclosures, consent && consentOnDay(consent, today, patient, settings));
}

/** The coverage rule for one post, against its consent as it stands on the day (`consentOnDay`). */
export function checkCoverageOn(post: CoveragePost, disclosures: CoverageDisclosures, judged: ConsentOnDay | null): CoverageVerdict {
  const reasons: CoverageReason[] = [];
  if (disclosures.blockingIdentifiers.length && !post.identifiersApproved) {
    const names = disclosures.blockingIdentifiers.map((k) => identifierNames[k]);
    reasons.push({
      code: 'identifier',
      message: `The post contains ${names.join(', ')}: no marketing authorization should carry ${names.length === 1 ? 'it' : 'them'}. Remove ${names.length === 1 ? 'it' : 'them'}, or ask an administrator to approve with a written reason.`,
      params: { identifiers: [...disclosures.blockingIdentifiers] },
    });
  }
  if (!judged) {
    reasons.unshift({ code: 'no_consent', message: 'No consent is linked to this post.' });
    return { covered: false, reasons };
  }
  const { consent, statusReasons, namedConcepts } = judged;
  const front: CoverageReason[] = [];
  if (consent.patientId !== post.patientId) front.push({ code: 'other_patient', message: 'The consent belongs to another patient.' });
  front.push(...statusReasons);
  reasons.unshift(...front);
  const { scope } = consent;
  for (const kind of disclosures.contentKinds) {
    if (!scope.contentKinds.includes(kind)) reasons.push({ code: 'content', message: contentMessages.get(kind)!, params: { contentKind: kind } });
  }
  const conditions = scope.conditions ?? [];
  if (conditions.length && scope.contentKinds.includes('health_condition')) {
    const scopeText = foldText(conditions.join(' | '));
    const outside = disclosures.healthMentions.filter(
      (m) => m.specific && !namedConcepts.has(m.concept) && !scopeText.includes(foldText(m.term)),
    );
    if (outside.length) {
      reasons.push({
        code: 'condition',
        message: `The consent covers health information only about ${conditions.join(', ')}; the post mentions ${outside.map((m) => m.term).join(', ')}.`,
        params: { conditions: [...conditions], terms: outside.map((m) => m.term) },
      });
    }
  }
  const allowedChannel =
    (scope.channels as readonly string[]).includes(post.channel) || scope.otherChannels.some((c) => foldText(c) === foldText(post.channel));
  if (!allowedChannel) {
    reasons.push({
      code: 'channel',
      message: channelMessages.get(post.channel) ?? `${channelName(post.channel)} is not among the channels the patient allowed.`,
      params: { channel: post.channel },
    });
  }
  if (!scope.purposes.includes(post.purpose)) {
    reasons.push({
      code: 'purpose',
      message: purposeMessages.get(post.purpose) ?? `“${purposeLabels.en[post.purpose]}” is not among the purposes the patient allowed.`,
      params: { purpose: post.purpose },
    });
  }
  if (post.thirdPartyPays) {
    if (!consent.remuneration.thirdPartyPays) {
      reasons.push({ code: 'remuneration', message: 'A third party pays for this post, but the consent does not say that the practice is paid.' });
    } else if (!post.sponsor.trim()) {
      reasons.push({ code: 'sponsor', message: 'A third party pays for this post: name the sponsor, so it can be checked against the payer the consent names.', params: {} });
    } else if (!namedPayers(consent.remuneration.payer).includes(payerKey(post.sponsor))) {
      reasons.push({
        code: 'sponsor',
        message: `This post is paid for by ${post.sponsor.trim()}, but the consent names ${consent.remuneration.payer.trim() || 'no payer'} as the one who pays.`,
        params: { sponsor: post.sponsor.trim(), payer: consent.remuneration.payer.trim() },
      });
    }
  }
  return { covered: reasons.length === 0, reasons };
}

/**
 * Reasons that end new uses but leave what is already published standing:
 * a parent's authorization once the patient comes of age. A published post
 * with only these is listed for review, not taken down.
 */
export function onlyEndsNewUses(verdict: CoverageVerdict): boolean {
  return !verdict.covered && verdict.reasons.every((r) => r.code === 'came_of_age');
}

export type { RepresentativeAuthority };
