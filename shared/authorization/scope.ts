import { z } from 'zod';

/**
 * What a marketing authorization can cover: the vocabulary the front desk
 * picks from, the coverage check compares, and the document spells out.
 * Codes are stable (stored in records); labels are for people, per language.
 */
export const languages = ['en', 'es'] as const;
export type Language = (typeof languages)[number];
export const languageNames: Record<Language, string> = { en: 'English', es: 'Español' };

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

type Labels<T extends string> = Record<Language, Record<T, string>>;

export const contentKindLabels: Labels<ContentKind> = {
  en: {
    written_testimonial: 'My written testimonial (quote or story)',
    first_name: 'My first name only',
    full_name: 'My full name',
    photographs: 'Photographs of me',
    video: 'Video recordings of me',
    audio: 'Audio recordings of my voice',
    before_after_images: 'Before-and-after images',
    age: 'My age',
    city: 'The city where I live',
    health_condition: 'My health condition or treatment',
  },
  es: {
    written_testimonial: 'Mi testimonio escrito (cita o historia)',
    first_name: 'Solo mi nombre de pila',
    full_name: 'Mi nombre completo',
    photographs: 'Fotografías de mí',
    video: 'Grabaciones de video de mí',
    audio: 'Grabaciones de audio de mi voz',
    before_after_images: 'Imágenes de antes y después',
    age: 'Mi edad',
    city: 'La ciudad donde vivo',
    health_condition: 'Mi condición de salud o tratamiento',
  },
};

export const channelLabels: Labels<Channel> = {
  en: {
    facebook: 'The practice’s Facebook page',
    instagram: 'The practice’s Instagram account',
    x: 'The practice’s X (Twitter) account',
    tiktok: 'The practice’s TikTok account',
    youtube: 'The practice’s YouTube channel',
    linkedin: 'The practice’s LinkedIn page',
    website: 'The practice’s website',
    email_newsletter: 'The practice’s email newsletter',
    printed_material: 'Printed material (brochures, posters, mailings)',
  },
  es: {
    facebook: 'La página de Facebook de la práctica',
    instagram: 'La cuenta de Instagram de la práctica',
    x: 'La cuenta de X (Twitter) de la práctica',
    tiktok: 'La cuenta de TikTok de la práctica',
    youtube: 'El canal de YouTube de la práctica',
    linkedin: 'La página de LinkedIn de la práctica',
    website: 'El sitio web de la práctica',
    email_newsletter: 'El boletín por correo electrónico de la práctica',
    printed_material: 'Material impreso (folletos, carteles, correo)',
  },
};

export const purposeLabels: Labels<Purpose> = {
  en: {
    advertising: 'Advertising and promotion of the practice',
    patient_education: 'Educating patients and the public about care',
    community_awareness: 'Community and health awareness campaigns',
  },
  es: {
    advertising: 'Publicidad y promoción de la práctica',
    patient_education: 'Educación de pacientes y del público sobre la atención',
    community_awareness: 'Campañas comunitarias y de concientización sobre la salud',
  },
};

export const authorityLabels: Labels<RepresentativeAuthority> = {
  en: {
    parent_of_minor: 'Parent of a minor',
    legal_guardian: 'Legal guardian',
    health_care_agent: 'Health-care agent',
    power_of_attorney: 'Holder of a power of attorney',
    other: 'Other legal authority',
  },
  es: {
    parent_of_minor: 'Padre o madre de un menor',
    legal_guardian: 'Tutor legal',
    health_care_agent: 'Agente de atención médica',
    power_of_attorney: 'Apoderado con poder notarial',
    other: 'Otra autoridad legal',
  },
};

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
