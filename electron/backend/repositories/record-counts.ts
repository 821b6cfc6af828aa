import type { Db } from '../store/database';

/** Tables whose row counts `store.status` reports; later features add theirs here. */
const countedTables = ['staff', 'patients', 'authorizations', 'templates', 'testimonials', 'media', 'posts', 'audit_events'] as const;

export function recordCounts(db: Db): Record<string, number> {
  return Object.fromEntries(
    countedTables.map((table) => [table, (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]),
  );
}
