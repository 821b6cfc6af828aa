import type { PolicyDraft, PolicyVersion, PolicyVersionText } from '../../../shared/program/policy';
import type * as policy from '../repositories/policy-repository';
import type { StoredAcknowledgment } from '../repositories/policy-repository';

/**
 * The compliance program's policy behind the store interface, both engines:
 * the functions of `repositories/policy-repository.ts` made asynchronous,
 * the engine's transaction handle first. Implemented over `Db` by
 * `store-engine/sqlite-program-records.ts` and over PostgreSQL by
 * `store-pg/pg-program-repository.ts`. Training and channel reviews are
 * behind store-interface-program-reviews.ts (schema 6).
 */

export type PolicyVersionInput = Parameters<typeof policy.insertPolicyVersion>[1];
export type AcknowledgmentInput = Parameters<typeof policy.insertAcknowledgment>[1];
export type AcknowledgmentFilter = NonNullable<Parameters<typeof policy.listAcknowledgments>[1]>;

export const policyVersionTakenMessage = 'Someone else published the policy at the same moment. Reopen the policy to see their version, then publish yours again.';

export interface PolicyRepository<Tx> {
  /** Newest first. */
  listPolicyVersions(tx: Tx, timeZone: string): Promise<PolicyVersion[]>;
  policyInForce(tx: Tx, timeZone: string): Promise<PolicyVersion | null>;
  getPolicyVersion(tx: Tx, id: string, timeZone: string): Promise<PolicyVersion | null>;
  /** Publishes the next version and clears the draft; the version number. Another published meanwhile: `conflict`. */
  insertPolicyVersion(tx: Tx, v: PolicyVersionInput): Promise<number>;
  getPolicyDraft(tx: Tx): Promise<PolicyDraft | null>;
  savePolicyDraft(tx: Tx, text: PolicyVersionText, at: string, by: string): Promise<void>;
  insertAcknowledgment(tx: Tx, a: AcknowledgmentInput): Promise<void>;
  /** Oldest first (optionally of one person, or up to a day). */
  listAcknowledgments(tx: Tx, filter?: AcknowledgmentFilter): Promise<StoredAcknowledgment[]>;
}

export interface ProgramRecords<Tx> {
  policy: PolicyRepository<Tx>;
}
