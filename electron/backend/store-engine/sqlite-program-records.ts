import { AppError } from '../../../shared/errors';
import * as policy from '../repositories/policy-repository';
import type { Db } from '../store/database';
import { policyVersionTakenMessage, type ProgramRecords } from '../store-pg/store-interface-program';

/**
 * The compliance program's policy over the encrypted SQLite file: today's
 * functions, unchanged, behind the interface both engines implement
 * (store-pg/store-interface-program.ts).
 */
export function createSqliteProgramRecords(): ProgramRecords<Db> {
  return {
    policy: {
      listPolicyVersions: async (db, timeZone) => policy.listPolicyVersions(db, timeZone),
      policyInForce: async (db, timeZone) => policy.policyInForce(db, timeZone),
      getPolicyVersion: async (db, id, timeZone) => policy.getPolicyVersion(db, id, timeZone),
      async insertPolicyVersion(db, v) {
        try {
          return policy.insertPolicyVersion(db, v);
        } catch (error) {
          // One writer at a time on the file, so only a caller's reused id reaches here.
          if (String((error as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT_') && String((error as Error).message).includes('policy_versions.')) {
            throw new AppError('conflict', policyVersionTakenMessage);
          }
          throw error;
        }
      },
      getPolicyDraft: async (db) => policy.getPolicyDraft(db),
      savePolicyDraft: async (db, text, at, by) => policy.savePolicyDraft(db, text, at, by),
      insertAcknowledgment: async (db, a) => policy.insertAcknowledgment(db, a),
      listAcknowledgments: async (db, filter) => policy.listAcknowledgments(db, filter),
    },
  };
}
