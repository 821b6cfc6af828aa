import crypto from 'node:crypto';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keptCountDifferences, recordCounts } from '../../repositories/record-counts';
import { tempDataDir } from '../../testing/test-backend';
import { configureConnection, openDatabase, type Db } from '../database';
import { migrate } from '../migrate';
import { migrations } from './index';
import { keptCountTables, migration016 } from './016-record-counts';

function storeBefore016(): { db: Db; file: string } {
  const file = path.join(tempDataDir('migrate-record-counts'), 'test.db');
  const db = openDatabase(file, crypto.randomBytes(32), { cipher: 'aegis', create: true });
  configureConnection(db);
  migrate(db, file, migrations.filter((m) => m.version < migration016.version));
  // Rows without the rows they point at, and values that only need their type: only the counts matter here.
  db.pragma('foreign_keys = OFF');
  db.pragma('ignore_check_constraints = ON');
  return { db, file };
}

/** An INSERT of a row with the given id and every NOT NULL column filled with a value of its type. */
function minimalInsert(db: Db, table: string): (id: string) => void {
  const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; type: string; notnull: number; dflt_value: unknown; pk: number }[]).filter(
    (c) => (c.notnull && c.dflt_value === null) || c.pk,
  );
  const key = columns.find((c) => c.pk)!;
  const value = (c: { type: string }) => (c.type === 'INTEGER' || c.type === 'REAL' ? '0' : c.type === 'BLOB' ? "x'00'" : "'[]'");
  const statement = db.prepare(`INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) VALUES (${columns.map((c) => (c === key ? '@id' : value(c))).join(', ')})`);
  return (id) => {
    statement.run({ id: key.type === 'INTEGER' ? Number.parseInt(id.slice(1), 36) : id });
  };
}

const truth = (db: Db) =>
  Object.fromEntries(Object.keys(recordCounts(db)).map((table) => [table, (db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number)]));

describe('migration 016: row counts kept as rows come and go', () => {
  it('starts from the rows a store had before, and status reads them without counting', () => {
    const { db, file } = storeBefore016();
    minimalInsert(db, 'patients')('p1');
    minimalInsert(db, 'patients')('p2');
    minimalInsert(db, 'testimonials')('t1');
    const before = recordCounts(db);
    migrate(db, file, migrations.filter((m) => m.version <= migration016.version));
    expect(recordCounts(db)).toEqual(before);
    expect(recordCounts(db)).toMatchObject({ patients: 2, testimonials: 1 });
    // Every kept table is read from record_counts: its plan touches no table of records.
    const kept = db.prepare('SELECT table_name FROM record_counts ORDER BY table_name').pluck().all();
    expect(kept).toEqual([...keptCountTables].sort());
    db.close();
  });

  it('stays equal to count(*) through any sequence of inserts and deletes, refused ones included', () => {
    const { db, file } = storeBefore016();
    migrate(db, file, migrations.filter((m) => m.version <= migration016.version));
    const tables = ['patients', 'authorizations', 'testimonials', 'media', 'audit_events', 'authorization_purges', 'staff', 'templates'] as const;
    const inserts = Object.fromEntries(tables.map((t) => [t, minimalInsert(db, t)]));
    let n = 0;
    fc.assert(
      fc.property(
        fc.array(fc.record({ table: fc.constantFrom(...tables), remove: fc.boolean(), which: fc.nat(20) }), { maxLength: 40 }),
        (ops) => {
          for (const op of ops) {
            try {
              if (op.remove) db.prepare(`DELETE FROM ${op.table} WHERE rowid IN (SELECT rowid FROM ${op.table} LIMIT 1 OFFSET ?)`).run(op.which % 3);
              else inserts[op.table]!(`k${(n++).toString(36)}`);
            } catch {
              // A guard refused it (audit events and signed records are never deleted): the count must not move either.
            }
          }
          expect(recordCounts(db)).toEqual(truth(db));
          expect(keptCountDifferences(db)).toEqual([]);
        },
      ),
      { numRuns: 30 },
    );
    db.close();
  });

  it('a kept count that no longer matches its rows is reported', () => {
    const { db, file } = storeBefore016();
    migrate(db, file, migrations.filter((m) => m.version <= migration016.version));
    minimalInsert(db, 'patients')('p1');
    db.prepare("UPDATE record_counts SET n = n + 2 WHERE table_name = 'patients'").run();
    expect(keptCountDifferences(db)).toEqual([{ table: 'patients', kept: 3, counted: 1 }]);
    db.close();
  });
});
