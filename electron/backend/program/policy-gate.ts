import { AppError } from '../../../shared/errors';
import { mustAcknowledge, type AcknowledgmentStatus } from '../../../shared/program/acknowledgment';
import type { BackendCore } from '../backend-core';
import { listAcknowledgments, listPolicyVersions } from '../repositories/policy-repository';
import { acknowledgmentOn } from './program-queries';

/** The signed-in person's acknowledgment of the policy in force, today. */
export function myAcknowledgment(core: BackendCore): AcknowledgmentStatus {
  const db = core.requireStore().db;
  const staff = core.requireSession();
  return acknowledgmentOn(listPolicyVersions(db, core.timeZone), listAcknowledgments(db, { staffId: staff.id }), core.today());
}

/**
 * Whoever approves or publishes a post must have acknowledged the social-
 * media policy in force within the year: refused (and audited) otherwise,
 * saying what to do. Nothing is asked before a first policy is published.
 */
export function requirePolicyAcknowledged(core: BackendCore, step: 'approve' | 'publish'): void {
  const status = myAcknowledgment(core);
  if (!mustAcknowledge(status)) return;
  const store = core.requireStore();
  store.write(() => core.audit({ action: 'post.blocked_by_policy', detail: `${step}; policy version ${status.version}: ${status.state}` }));
  const why = status.state === 'missing' ? `version ${status.version} of the social-media policy is not acknowledged yet` : 'your acknowledgment of the social-media policy is more than a year old';
  throw new AppError(
    'forbidden',
    `You cannot ${step} posts yet: ${why}. Choose “Read and acknowledge the policy” at the top of the page, read it to the end and confirm with your password.`,
  );
}
