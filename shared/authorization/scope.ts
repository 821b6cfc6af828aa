import { z } from 'zod';
import { patientLanguages, perLanguage, type PatientLanguageCode } from '../patient-language';

/**
 * What a marketing authorization can cover: the vocabulary the front desk
 * picks from, the coverage check compares, and the document spells out.
 * Codes are stable (stored in records); labels are for people, per language.
 */
export const languages = Object.keys(patientLanguages) as [PatientLanguageCode, ...PatientLanguageCode[]];
export type Language = PatientLanguageCode;
export const languageNames = perLanguage((l) => l.nativeName);

export const contentKinds = [
  'written_testimonial',
  'first_name',
  'full_name',
  'photographs',
  'video',
  'audio',
  'before_after_images',
  'age',
  'city',
  'health_condition',
] as const;
export type ContentKind = (typeof contentKinds)[number];

export const channels = [
  'facebook',
  'instagram',
  'x',
  'tiktok',
  'youtube',
  'linkedin',
  'website',
  'email_newsletter',
  'printed_material',
] as const;
export type Channel = (typeof channels)[number];

export const purposes = ['advertising', 'patient_education', 'community_awareness'] as const;
export type Purpose = (typeof purposes)[number];

export const representativeAuthorities = [
  'parent_of_minor',
  'legal_guardian',
  'health_care_agent',
  'power_of_attorney',
  'other',
] as const;
export type RepresentativeAuthority = (typeof representativeAuthorities)[number];

/** Labels for people, per language, from the patient-facing catalogue. */
export const contentKindLabels = perLanguage((l) => l.labels.contentKinds);
export const channelLabels = perLanguage((l) => l.labels.channels);
export const purposeLabels = perLanguage((l) => l.labels.purposes);
export const authorityLabels = perLanguage((l) => l.labels.authorities);

const freeText = (max: number) => z.string().trim().min(1).max(max);

export const scopeSchema = z
  .object({
    contentKinds: z.array(z.enum(contentKinds)).max(contentKinds.length),
    channels: z.array(z.enum(channels)).max(channels.length),
    /** Channels beyond the list, in the coordinator's words. */
    otherChannels: z.array(freeText(120)).max(10).default([]),
    purposes: z.array(z.enum(purposes)).max(purposes.length),
    otherPurposes: z.array(freeText(200)).max(5).default([]),
    /**
     * The health conditions or treatments the authorization covers, when it
     * names them ("knee replacement"): a post naming another is outside it.
     * Empty: any (when health information is allowed at all).
     */
    conditions: z.array(freeText(120)).max(10).optional(),
  })
  .strict();
export type Scope = z.output<typeof scopeSchema>;

export const expirationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('date'), date: z.iso.date('Use a date such as 2027-12-31.') }).strict(),
  z.object({ kind: z.literal('event'), event: z.string().trim().max(300) }).strict(),
]);
export type Expiration = z.output<typeof expirationSchema>;

export const remunerationSchema = z
  .object({
    thirdPartyPays: z.boolean(),
    /** Who pays, when someone does. */
    payer: z.string().trim().max(200).default(''),
  })
  .strict();
export type Remuneration = z.output<typeof remunerationSchema>;

export const representativeSchema = z
  .object({
    name: z.string().trim().max(200),
    authority: z.enum(representativeAuthorities).nullable(),
    /** Required for "other"; optional detail otherwise (e.g. court order number). */
    authorityDetail: z.string().trim().max(300).default(''),
  })
  .strict();
export type Representative = z.output<typeof representativeSchema>;

/** The part of an authorization the front desk prepares before the patient signs. */
export const authorizationTermsSchema = z
  .object({
    language: z.enum(languages),
    scope: scopeSchema,
    expiration: expirationSchema,
    remuneration: remunerationSchema,
    /** Null when the patient signs for themself. */
    representative: representativeSchema.nullable(),
    /**
     * Other forms this document would be combined with. A marketing
     * authorization must stand alone (45 CFR 164.508(b)(3)), so anything here
     * makes the draft unsignable; it exists so the rule is explicit.
     */
    combinedWith: z.array(z.string().trim().max(200)).max(5).default([]),
    /**
     * Recorded by staff when a minor may sign for themself under state law
     * (an emancipated minor, a service the minor consents to), with the reason.
     */
    minorSignsAlone: z
      .object({ reason: z.string().trim().min(5, 'Give the reason, such as “emancipated minor, court order 24-117”.').max(300) })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();
export type AuthorizationTerms = z.output<typeof authorizationTermsSchema>;
