import { auditActionLabels } from '../../../../shared/audit-actions';
import { statusLabels } from '../../../../shared/authorization/status';
import { patientCopyLabels } from '../../../../shared/authorization/patient-copy';
import { channelNames } from '../../../../shared/posts/coverage';
import { postStateLabels } from '../../../../shared/posts/post';
import { replyConcernLabels } from '../../../../shared/posts/review-reply';
import { incidentTriggerLabels, sensitivityLabels } from '../../../../shared/program/incident';
import { periodStateLabels, reviewFrequencyLabels } from '../../../../shared/program/review-schedule';
import { contentKindNames } from '../../features/marketing/content-kind-names';

/** "session.signed_in" → { session: { signed_in } }: i18next reads dots as nesting. */
type Nested<T extends Record<string, string>> = {
  [Group in keyof T as Group extends `${infer Head}.${string}` ? Head : never]: {
    [Key in keyof T as Key extends `${Group & string}.${infer Rest}` ? Rest : never]: string;
  };
};
function nested<T extends Record<string, string>>(flat: T): Nested<T> {
  const tree: Record<string, Record<string, string>> = {};
  for (const [key, value] of Object.entries(flat)) {
    const [group, rest] = key.split(/\.(.*)/s) as [string, string];
    (tree[group] ??= {})[rest] = value;
  }
  return tree as Nested<T>;
}

/**
 * Names of things the shared rules list (statuses, states, audit actions),
 * in English as shared/ writes them: the tables stay where they are, and
 * the Spanish file must name every entry.
 */
export const labels = {
  authorizationStatus: statusLabels,
  postStates: postStateLabels,
  patientCopy: patientCopyLabels,
  replyConcerns: replyConcernLabels,
  incidentTriggers: incidentTriggerLabels,
  incidentSensitivities: sensitivityLabels,
  reviewFrequencies: reviewFrequencyLabels,
  periodStates: periodStateLabels,
  channels: channelNames,
  contentKinds: contentKindNames,
  and: 'and',
  auditActions: nested(auditActionLabels),
} as const;
