import type { Db } from '../store/database';

/** Tables whose row counts `store.status` reports; later features add theirs here (and to migration 016's kept counts). */
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

/**
 * Counts of the tables this store's schema has (a table added by a later
 * migration is left out until it exists), read from the counts the store
 * keeps as rows come and go (migrations 014 and 016), so this costs the
 * same at any size; a store of an older schema is counted row by row.
 */
export function recordCounts(db: Db): Record<string, number> {
  const present = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  const kept = keptCounts(db, present);
  return Object.fromEntries(countedTables.filter((table) => present.has(table)).map((table) => [table, kept.get(table) ?? countedRows(db, table)]));
}

/** What `count(*)` says of each table the store keeps a count of: `consent-desk check` compares the two. */
export function keptCountDifferences(db: Db): { table: string; kept: number; counted: number }[] {
  const present = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  return [...keptCounts(db, present)]
    .map(([table, kept]) => ({ table, kept, counted: countedRows(db, table) }))
    .filter((d) => d.kept !== d.counted);
}

function keptCounts(db: Db, present: ReadonlySet<string>): Map<string, number> {
  const kept = new Map<string, number>();
  if (present.has('record_counts')) {
    for (const [table, n] of db.prepare('SELECT table_name, n FROM record_counts').raw(true).all() as [string, number][]) kept.set(table, n);
  }
  if (present.has('post_state_counts')) kept.set('posts', db.prepare('SELECT coalesce(sum(n), 0) FROM post_state_counts').pluck().get() as number);
  return kept;
}

function countedRows(db: Db, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}
