import { retentionVerdict } from '../../../shared/compliance/retention';
import { AppError } from '../../../shared/errors';
import { getAuthorization } from '../repositories/authorization-repository';
import { purgeAuthorization, retentionFactsOf, retentionRows } from '../retention/purge';
import type { Handlers } from './handler';

export const retentionHandlers = {
  'retention.review': (core, { purgeableOnly }) => {
    const today = core.today();
    const store = core.requireStore();
    const rows = retentionRows(store.db, today, core.timeZone);
    const purgeable = rows.filter((r) => r.verdict.purgeable);
    // The review lists patients' names: who looked is on the record.
    store.write(() => core.audit({ action: 'retention.reviewed', detail: `${rows.length} reviewed, ${purgeable.length} may be purged` }));
    return { today, reviewed: rows.length, purgeable: purgeable.length, rows: purgeableOnly ? purgeable : rows };
  },

  'retention.purge': (core, { id }) => {
    const store = core.requireStore();
    const record = getAuthorization(store.db, id);
    if (!record) throw new AppError('not_found', 'That authorization does not exist.');
    const today = core.today();
    const verdict = retentionVerdict(retentionFactsOf(store.db, record), today, core.timeZone);
    if (!verdict.purgeable) {
      // The refusal is on the record too: someone tried to delete a record the law says to keep.
      store.write(() =>
        core.audit({
          action: 'consent.purge_refused',
          subjectType: 'authorization',
          subjectId: id,
          detail: verdict.keptThrough ? `${verdict.reason}; kept through ${verdict.keptThrough}` : verdict.reason,
        }),
      );
      throw new AppError('conflict', verdict.message);
    }
    const staff = core.requireSession();
    return store.write(() => {
      const result = purgeAuthorization(store.db, id, { staffId: staff.id, at: core.nowIso(), today, timeZone: core.timeZone });
      core.audit({
        action: 'consent.purged',
        subjectType: 'authorization',
        subjectId: id,
        detail:
          `patient ${record.patientId}; kept through ${result.keptThrough}; PDF SHA-256 ${record.pdfSha256 ?? 'none'}; ` +
          `revocation SHA-256 ${record.revocationPdfSha256 ?? 'none'}; ${result.postsKept} post(s) kept with their history`,
      });
      return result;
    });
  },
} satisfies Partial<Handlers>;
