import { listAudit, verifyAuditChain, verifyAuditChainSince } from '../audit/audit-log';
import { recordCounts } from '../repositories/record-counts';
import { schemaVersionOf } from '../store/migrate';
import { lastCheck, lastVerifiedChainPoint } from '../store/store-check';
import { auditSubject, englishSubjectName } from '../audit/audit-subjects';
import type { Handlers } from './handler';

export const auditHandlers = {
  'audit.list': (core, filter) => {
    const db = core.requireStore().db;
    const page = listAudit(db, filter);
    return { ...page, events: page.events.map((event) => {
        const subject = auditSubject(db, event.subjectType, event.subjectId);
        return { ...event, subject, subjectName: englishSubjectName(subject) };
      }) };
  },

  'audit.verify': (core) => {
    const store = core.requireStore();
    const result = verifyAuditChain(store.db);
    store.write(() =>
      core.audit({
        action: 'audit.verified',
        detail: result.intact ? `intact, ${result.events} events` : `broken at event ${result.firstBadSeq}`,
      }),
    );
    return result;
  },

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
