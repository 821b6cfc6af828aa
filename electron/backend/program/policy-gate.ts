import { AppError } from '../../../shared/errors';
import { mustAcknowledge, type AcknowledgmentStatus } from '../../../shared/program/acknowledgment';
import { auditIn, type EngineCore } from '../engine-core';
import { acknowledgmentOn } from './program-queries';

/** The refusal's words: what is missing and what to do. */
function refusalOf(step: 'approve' | 'publish', status: AcknowledgmentStatus): AppError {
  const why = status.state === 'missing' ? `version ${status.version} of the social-media policy is not acknowledged yet` : 'your acknowledgment of the social-media policy is more than a year old';
  return new AppError(
    'forbidden',
    `You cannot ${step} posts yet: ${why}. Choose “Read and acknowledge the policy” at the top of the page, read it to the end and confirm with your password.`,
  );
}

/**
 * Whoever approves or publishes a post must have acknowledged the social-
 * media policy in force within the year: refused (and audited) otherwise,
 * saying what to do. Nothing is asked before a first policy is published.
 * On the store engine (`records.program`), inside the step's own
 * transaction `tx`: null when the step may go on; otherwise the refusal
 * is audited in `tx` and returned, for the caller to throw once `tx` has
 * committed (a throw inside would roll the audit event back with it).
 */
export async function policyRefusalIn(core: EngineCore, tx: unknown, staffId: string, step: 'approve' | 'publish', timeZone: string): Promise<AppError | null> {
  const policy = core.engine.records.program.policy;
  const status = acknowledgmentOn(await policy.listPolicyVersions(tx, timeZone), await policy.listAcknowledgments(tx, { staffId }), core.today());
  if (!mustAcknowledge(status)) return null;
  await auditIn(core, tx, { action: 'post.blocked_by_policy', detail: `${step}; policy version ${status.version}: ${status.state}` });
  return refusalOf(step, status);
}
