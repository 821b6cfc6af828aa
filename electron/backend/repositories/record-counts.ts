import type { Db } from '../store/database';

/** Tables whose row counts `store.status` reports; later features add theirs here. */
const countedTables = [
  'staff',
  'patients',
  'authorizations',
  'templates',
  'testimonials',
  'media',
  'posts',
  'audit_events',
  'authorization_purges',
] as const;

/** Counts of the tables this store's schema has (a table added by a later migration is left out until it exists). */
export function recordCounts(db: Db): Record<string, number> {
  const present = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  return Object.fromEntries(
    countedTables
      .filter((table) => present.has(table))
      .map((table) => [table, (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]),
  );
}
