import type { BackendCallName, CallOutput, ParsedInput } from '../../../shared/contract';
import { postStatesBlockingPurge, retentionFactsOfRecord, retentionVerdict, type RetentionFacts } from '../../../shared/compliance/retention';
import { AppError } from '../../../shared/errors';
import { auditIn, type SessionCore } from '../engine-core';
import type { AuthorizationRecord } from '../repositories/authorization-repository';

/**
 * The retention review and the purge on the store engine (issue 15,
 * switch-over step 3). The review is read in one read-only transaction
 * (REPEATABLE READ on PostgreSQL: one snapshot), then who looked is recorded
 * in a write of its own, before the names are answered. A purge is ONE
 * write: the rule checked on the record as it is, a refusal's event kept
 * (the refusal is thrown once it is committed), or the purge (which checks
 * the rule again, on PostgreSQL with the row and its posts locked) and its
 * event together.
 */

type RetentionCall = 'retention.review' | 'retention.purge';

/** Written against `SessionCore`, not `BackendCore`: the same handlers run on either engine (retention-handlers.engines.test.ts). */
export type RetentionHandlers<K extends BackendCallName> = { [P in K]: (core: SessionCore, input: ParsedInput<P>) => Promise<CallOutput<P>> };

/** What the rule reads of one authorization and its posts, inside `tx` (retention/purge.ts's `retentionFactsOf`). */
async function retentionFactsIn(core: SessionCore, tx: unknown, record: AuthorizationRecord): Promise<RetentionFacts> {
  const posts = await core.engine.records.reports.postsOfConsents(tx, [record.id]);
  return retentionFactsOfRecord(record, posts.filter((p) => postStatesBlockingPurge.includes(p.state)).length);
}

export const retentionHandlers: RetentionHandlers<RetentionCall> = {
  'retention.review': async (core, { purgeableOnly }) => {
    const today = core.today();
    const rows = await core.engine.read((tx) => core.engine.records.programReviews.purges.retentionRows(tx, today, core.timeZone), { isolation: 'repeatable read' });
    const purgeable = rows.filter((r) => r.verdict.purgeable);
    // The review lists patients' names: who looked is on the record.
    await core.engine.write((tx) => auditIn(core, tx, { action: 'retention.reviewed', detail: `${rows.length} reviewed, ${purgeable.length} may be purged` }));
    return { today, reviewed: rows.length, purgeable: purgeable.length, rows: purgeableOnly ? purgeable : rows };
  },

  'retention.purge': async (core, { id }) => {
    const today = core.today();
    const outcome = await core.engine.write(async (tx) => {
      const record = await core.engine.records.consents.getAuthorization(tx, id);
      if (!record) throw new AppError('not_found', 'That authorization does not exist.');
      const verdict = retentionVerdict(await retentionFactsIn(core, tx, record), today, core.timeZone);
      if (!verdict.purgeable) {
        // The refusal is on the record too: someone tried to delete a record the law says to keep. Kept, then refused.
        await auditIn(core, tx, {
          action: 'consent.purge_refused',
          subjectType: 'authorization',
          subjectId: id,
          detail: verdict.keptThrough ? `${verdict.reason}; kept through ${verdict.keptThrough}` : verdict.reason,
        });
        return { refused: true, message: verdict.message } as const;
      }
      const staff = core.requireSession();
      // The rule is checked again by the purge, on the record and its posts as they are (locked, on PostgreSQL).
      const result = await core.engine.records.programReviews.purges.purgeAuthorization(tx, id, { staffId: staff.id, at: core.nowIso(), today, timeZone: core.timeZone });
      await auditIn(core, tx, {
        action: 'consent.purged',
        subjectType: 'authorization',
        subjectId: id,
        detail:
          `patient ${record.patientId}; kept through ${result.keptThrough}; PDF SHA-256 ${record.pdfSha256 ?? 'none'}; ` +
          `revocation SHA-256 ${record.revocationPdfSha256 ?? 'none'}; ${result.postsKept} post(s) kept with their history`,
      });
      return { refused: false, result } as const;
    });
    if (outcome.refused) throw new AppError('conflict', outcome.message);
    return outcome.result;
  },
};
