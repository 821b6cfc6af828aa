import { channels, type Channel, type ContentKind } from '../../../shared/authorization/scope';
import type { AuthorizationStatus } from '../../../shared/authorization/status';
import type { PatientCopyMethod } from '../../../shared/authorization/patient-copy';
import type { PostState } from '../../../shared/posts/post';
import type { IncidentTrigger } from '../../../shared/program/incident';
import type { PeriodState, ReviewFrequency } from '../../../shared/program/review-schedule';
import type { Role, Permission } from '../../../shared/roles';
import { patientLanguages } from '../../../shared/patient-language';
import { currentLanguage, i18n } from './i18n';

/**
 * The shared tables' names in the staff member's language. Lists that the
 * patient also reads (purposes, revocation methods, authorities) come from
 * the patient-language catalogue, which already holds both languages.
 */
export const roleLabel = (role: Role): string => i18n.t(`common:roles.${role}`);
export const permissionLabel = (permission: Permission): string => i18n.t(`common:permissions.${permission}`);
export const statusLabel = (status: AuthorizationStatus): string => i18n.t(`labels:authorizationStatus.${status}`);
export const postStateLabel = (state: PostState): string => i18n.t(`labels:postStates.${state}`);
export const patientCopyLabel = (method: PatientCopyMethod): string => i18n.t(`labels:patientCopy.${method}`);
export const incidentTriggerLabel = (trigger: IncidentTrigger): string => i18n.t(`labels:incidentTriggers.${trigger}`);
export const reviewFrequencyLabel = (frequency: ReviewFrequency): string => i18n.t(`labels:reviewFrequencies.${frequency}`);
export const periodStateLabel = (state: PeriodState): string => i18n.t(`labels:periodStates.${state}`);
/** A reply checker's concern by its kind; a kind this version does not know shows the label it came with. */
export function replyConcernLabel(kind: string, label: string): string {
  return i18n.exists(`labels:replyConcerns.${kind}`) ? String(i18n.t(`labels:replyConcerns.${kind}` as 'labels:and')) : label;
}
export const contentKindName = (kind: ContentKind): string => i18n.t(`labels:contentKinds.${kind}`);

/** A listed channel's name, or the words someone typed for another. */
export function channelName(channel: string): string {
  return (channels as readonly string[]).includes(channel) ? i18n.t(`labels:channels.${channel as Channel}`) : channel;
}

/** The label of a stored audit action; an unknown code (from a newer version) shows as itself. */
export function auditActionLabel(action: string): string {
  return i18n.exists(`labels:auditActions.${action}`) ? String(i18n.t(`labels:auditActions.${action}` as 'labels:and')) : action;
}

export function patientLabels() {
  return patientLanguages[currentLanguage()].labels;
}

/** "photographs, first name and written testimonial": for sentences. */
export function contentKindList(kinds: readonly ContentKind[]): string {
  const names = kinds.map((kind) => contentKindName(kind).replace(/ \(.*\)$/, '').toLowerCase());
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${i18n.t('labels:and')} ${names.at(-1)}`;
}

/** "English" / "Inglés": a language's name in the staff member's language. */
export function languageName(language: 'en' | 'es'): string {
  return i18n.t(`common:language.${language}`);
}
