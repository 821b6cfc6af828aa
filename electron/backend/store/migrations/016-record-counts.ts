import type { Migration } from './migration';

/**
 * `store.status` (and `consent-desk status`) reports how many rows each
 * table holds. `count(*)` walks a whole index: at 100,000 authorizations
 * and their patients and testimonials, in a process that has just opened
 * the file, that was about 95 ms of the command's 300 ms budget, and it
 * grows with the store. The counts are kept as rows come and go
 * (triggers, as migration 014 does for posts by state, which these counts
 * read for posts), so status reads a dozen rows whatever the size.
 * `consent-desk check` compares them with `count(*)`.
 */
export const keptCountTables = ['staff', 'patients', 'authorizations', 'templates', 'testimonials', 'media', 'audit_events', 'authorization_purges'] as const;

export const migration016: Migration = {
  version: 16,
  name: 'record-counts',
  up(db) {
    db.exec('CREATE TABLE record_counts (table_name TEXT PRIMARY KEY, n INTEGER NOT NULL CHECK (n >= 0)) STRICT, WITHOUT ROWID;');
    for (const table of keptCountTables) {
      db.exec(`
        INSERT INTO record_counts (table_name, n) SELECT '${table}', count(*) FROM ${table};
        CREATE TRIGGER record_counts_${table}_new AFTER INSERT ON ${table}
          BEGIN UPDATE record_counts SET n = n + 1 WHERE table_name = '${table}'; END;
        CREATE TRIGGER record_counts_${table}_gone AFTER DELETE ON ${table}
          BEGIN UPDATE record_counts SET n = n - 1 WHERE table_name = '${table}'; END;
      `);
    }
  },
};
