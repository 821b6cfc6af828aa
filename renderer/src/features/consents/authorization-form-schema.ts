import { z } from 'zod';
import { addDaysTo, isDay, type Day } from '../../../../shared/calendar';
import {
  authorizationTermsSchema,
  channels,
  contentKinds,
  languages,
  purposes,
  representativeAuthorities,
  type AuthorizationTerms,
} from '../../../../shared/authorization/scope';
import { presetEndDay, type ScopePreset } from '../../../../shared/authorization/scope-preset';
import { i18n } from '../../i18n/i18n';

const entry = (max: number) => z.object({ text: z.string().max(max, { error: () => i18n.t('validation:atMostCharacters', { max }) }) });

/**
 * The form the front desk fills in: the terms laid out as checkboxes,
 * pickers and free-text rows. Its output goes through the contract's own
 * `authorizationTermsSchema`, so what the form accepts is exactly what
 * `consents.createDraft` and `consents.updateDraft` accept.
 */
const authorizationFormShape = z
  .object({
    language: z.enum(languages, { error: () => i18n.t('validation:authorization.language') }),
    contentKinds: z.array(z.enum(contentKinds)),
    channels: z.array(z.enum(channels)),
    otherChannels: z.array(entry(120)).max(10, { error: () => i18n.t('validation:authorization.otherChannels') }),
    purposes: z.array(z.enum(purposes)),
    otherPurposes: z.array(entry(200)).max(5, { error: () => i18n.t('validation:authorization.otherPurposes') }),
    conditions: z.array(entry(120)).max(10, { error: () => i18n.t('validation:authorization.conditions') }),
    expirationKind: z.enum(['date', 'event']),
    expirationDate: z.string(),
    expirationEvent: z.string().max(300, { error: () => i18n.t('validation:atMostCharacters', { max: 300 }) }),
    thirdPartyPays: z.boolean(),
    payer: z.string().max(200, { error: () => i18n.t('validation:atMostCharacters', { max: 200 }) }),
    signsForPatient: z.boolean(),
    representativeName: z.string().max(200, { error: () => i18n.t('validation:atMostCharacters', { max: 200 }) }),
    authority: z.enum([...representativeAuthorities, '']),
    authorityDetail: z.string().max(300, { error: () => i18n.t('validation:atMostCharacters', { max: 300 }) }),
    minorSignsAlone: z.boolean(),
    minorSignsAloneReason: z.string().max(300, { error: () => i18n.t('validation:atMostCharacters', { max: 300 }) }),
  })
  .superRefine((values, ctx) => {
    if (values.expirationKind === 'date' && !isDay(values.expirationDate)) {
      ctx.addIssue({ code: 'custom', path: ['expirationDate'], message: i18n.t('validation:authorization.expirationDate') });
    }
  });

export type AuthorizationFormValues = z.input<typeof authorizationFormShape>;
export type AuthorizationFormField = keyof AuthorizationFormValues;

const filled = (entries: { text: string }[]) => entries.map((e) => e.text.trim()).filter((text) => text !== '');

/** The terms a filled-in form stands for: empty free-text rows are left out, unused answers dropped. */
export function termsOfForm(values: z.output<typeof authorizationFormShape>): z.input<typeof authorizationTermsSchema> {
  return {
    language: values.language,
    scope: {
      contentKinds: values.contentKinds,
      channels: values.channels,
      otherChannels: filled(values.otherChannels),
      purposes: values.purposes,
      otherPurposes: filled(values.otherPurposes),
      conditions: values.contentKinds.includes('health_condition') ? filled(values.conditions) : [],
    },
    expiration:
      values.expirationKind === 'date'
        ? { kind: 'date', date: values.expirationDate }
        : { kind: 'event', event: values.expirationEvent.trim() },
    remuneration: { thirdPartyPays: values.thirdPartyPays, payer: values.thirdPartyPays ? values.payer.trim() : '' },
    representative: values.signsForPatient
      ? {
          name: values.representativeName.trim(),
          authority: values.authority === '' ? null : values.authority,
          authorityDetail: values.authorityDetail.trim(),
        }
      : null,
    combinedWith: [],
    minorSignsAlone: !values.signsForPatient && values.minorSignsAlone ? { reason: values.minorSignsAloneReason.trim() } : null,
  };
}

export const authorizationFormSchema = authorizationFormShape.transform(termsOfForm).pipe(authorizationTermsSchema);

/** A new authorization: nothing chosen yet, ending a year from today unless the coordinator changes it. */
export function newAuthorizationForm(today: Day): AuthorizationFormValues {
  return {
    language: 'en',
    contentKinds: [],
    channels: [],
    otherChannels: [],
    purposes: [],
    otherPurposes: [],
    conditions: [],
    expirationKind: 'date',
    expirationDate: addDaysTo(today, 365),
    expirationEvent: '',
    thirdPartyPays: false,
    payer: '',
    signsForPatient: false,
    representativeName: '',
    authority: '',
    authorityDetail: '',
    minorSignsAlone: false,
    minorSignsAloneReason: '',
  };
}

/** A saved draft's terms, back in the form's layout. */
export function formOfTerms(terms: AuthorizationTerms, today: Day): AuthorizationFormValues {
  return {
    language: terms.language,
    contentKinds: [...terms.scope.contentKinds],
    channels: [...terms.scope.channels],
    otherChannels: terms.scope.otherChannels.map((text) => ({ text })),
    purposes: [...terms.scope.purposes],
    otherPurposes: terms.scope.otherPurposes.map((text) => ({ text })),
    conditions: (terms.scope.conditions ?? []).map((text) => ({ text })),
    expirationKind: terms.expiration.kind,
    expirationDate: terms.expiration.kind === 'date' ? terms.expiration.date : addDaysTo(today, 365),
    expirationEvent: terms.expiration.kind === 'event' ? terms.expiration.event : '',
    thirdPartyPays: terms.remuneration.thirdPartyPays,
    payer: terms.remuneration.payer,
    signsForPatient: terms.representative !== null,
    representativeName: terms.representative?.name ?? '',
    authority: terms.representative?.authority ?? '',
    authorityDetail: terms.representative?.authorityDetail ?? '',
    minorSignsAlone: Boolean(terms.minorSignsAlone),
    minorSignsAloneReason: terms.minorSignsAlone?.reason ?? '',
  };
}

/**
 * Which form field a path names: the backend's problems and issues use the
 * terms' paths (`scope.channels`, `terms.expiration.date`).
 */
export function formFieldOf(path: string): AuthorizationFormField | null {
  const bare = path.replace(/^terms\./, '');
  const [head, second] = bare.split('.');
  switch (head) {
    case 'language':
      return 'language';
    case 'scope':
      return second === 'contentKinds' || second === 'channels' || second === 'otherChannels' || second === 'purposes' || second === 'otherPurposes' || second === 'conditions'
        ? second
        : null;
    case 'minorSignsAlone':
      return 'minorSignsAloneReason';
    case 'expiration':
      return second === 'event' ? 'expirationEvent' : 'expirationDate';
    case 'remuneration':
      return second === 'payer' ? 'payer' : 'thirdPartyPays';
    case 'representative':
      return second === 'authority' ? 'authority' : second === 'authorityDetail' ? 'authorityDetail' : 'representativeName';
    default:
      return null;
  }
}

/** The form after a preset filled it in: its scope and, for a preset with a duration, the end date from today (everything else kept). */
export function formWithPreset(values: AuthorizationFormValues, preset: Pick<ScopePreset, 'scope' | 'duration'>, today: Day): AuthorizationFormValues {
  return {
    ...values,
    contentKinds: [...preset.scope.contentKinds],
    channels: [...preset.scope.channels],
    otherChannels: preset.scope.otherChannels.map((text) => ({ text })),
    purposes: [...preset.scope.purposes],
    otherPurposes: preset.scope.otherPurposes.map((text) => ({ text })),
    conditions: (preset.scope.conditions ?? []).map((text) => ({ text })),
    ...(preset.duration.kind === 'months' ? { expirationKind: 'date' as const, expirationDate: presetEndDay(today, preset.duration.months) } : {}),
  };
}
