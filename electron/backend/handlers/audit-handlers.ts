import type { BackendCallName, CallOutput, ParsedInput } from '../../../shared/contract';
import { verifyAuditChainSince } from '../audit/audit-log';
import { auditIn, type EngineCore } from '../engine-core';
import { recordCounts } from '../repositories/record-counts';
import { schemaVersionOf } from '../store/migrate';
import { lastCheck, lastVerifiedChainPoint } from '../store/store-check';
import { auditSubjectIn, englishSubjectName } from '../audit/audit-subjects';
import type { Handlers } from './handler';

/**
 * The audit trail's list and the chain's verification on the store engine
 * (issue 15, switch-over step 3). A page and its subjects' names are read in
 * one read-only transaction; the whole chain is walked in one snapshot
 * (REPEATABLE READ on PostgreSQL), then the verification is recorded in a
 * write of its own, as before the port (the answer waits for it).
 */

type AuditCall = 'audit.list' | 'audit.verify';

/** Written against `EngineCore`, not `BackendCore`: the same handlers run on either engine (audit-handlers.engines.test.ts). */
export type AuditEngineHandlers<K extends BackendCallName> = { [P in K]: (core: EngineCore, input: ParsedInput<P>) => Promise<CallOutput<P>> };

export const auditEngineHandlers: AuditEngineHandlers<AuditCall> = {
  'audit.list': (core, filter) =>
    core.engine.read(
      async (tx) => {
        const records = core.engine.records;
        const page = await records.audit.auditPage(tx, filter);
        const events = [];
        for (const event of page.events) {
          const subject = await auditSubjectIn(records, tx, event.subjectType, event.subjectId);
          events.push({ ...event, subject, subjectName: englishSubjectName(subject) });
        }
        return { ...page, events };
      },
      { isolation: 'repeatable read' },
    ),

  'audit.verify': async (core) => {
    const result = await core.engine.read((tx) => core.engine.records.audit.verifyChain(tx), { isolation: 'repeatable read' });
    await core.engine.write((tx) =>
      auditIn(core, tx, {
        action: 'audit.verified',
        detail: result.intact ? `intact, ${result.events} events` : `broken at event ${result.firstBadSeq}`,
      }),
    );
    return result;
  },
};

export const auditHandlers = {
  ...auditEngineHandlers,

  // Still on the store's file: its schema version, cipher, counts kept by triggers, and the point the last full check verified are the SQLite file's.
  'store.status': (core) => {
    const store = core.requireStore();
    return {
      schemaVersion: schemaVersionOf(store.db),
      cipher: store.cipher,
      counts: recordCounts(store.db),
      // From the head the last full check verified, so status answers in the same time at any size (`check` walks it all).
      auditChain: verifyAuditChainSince(store.db, lastVerifiedChainPoint(store.db)),
      lastCheck: lastCheck(store.db),
    };
  },
} satisfies Partial<Handlers>;
