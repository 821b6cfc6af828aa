import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDataDir } from '../../testing/test-backend';
import { configureConnection, openDatabase, type Db } from '../database';
import { migrate, schemaVersionOf } from '../migrate';
import { migrations } from './index';
import { migration015 } from './015-row-versions';

function storeBefore(): { db: Db; file: string } {
  const file = path.join(tempDataDir('migrate-row-versions'), 'test.db');
  const db = openDatabase(file, crypto.randomBytes(32), { cipher: 'aegis', create: true });
  configureConnection(db);
  migrate(db, file, migrations.filter((m) => m.version < migration015.version));
  return { db, file };
}

/** A row with every required column filled with a value of its type (only the versions matter here). */
function insertRow(db: Db, table: string, values: Record<string, unknown>): void {
  const required = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; type: string; notnull: number; dflt_value: unknown }[]).filter(
    (c) => c.notnull && c.dflt_value === null && !(c.name in values),
  );
  const filler = (c: { name: string; type: string }) =>
    c.type === 'INTEGER' ? 0 : c.name === 'channel' ? 'facebook' : c.name === 'purpose' ? 'advertising' : c.name === 'stage' ? 'draft' : '[]';
  const all = { ...values, ...Object.fromEntries(required.map((c) => [c.name, filler(c)])) };
  db.prepare(`INSERT INTO ${table} (${Object.keys(all).join(', ')}) VALUES (${Object.keys(all).map(() => '?').join(', ')})`).run(...Object.values(all));
}

const version = (db: Db, table: string, id: string) => db.prepare(`SELECT row_version FROM ${table} WHERE id = ?`).pluck().get(id);

describe('migration 015: row versions on the shared records', () => {
  it('gives existing records version 1, and every edit raises it by one', () => {
    const { db, file } = storeBefore();
    db.pragma('foreign_keys = OFF'); // rows without their patients and staff: only the versions matter here
    insertRow(db, 'authorizations', { id: 'a', stage: 'draft' });
    insertRow(db, 'testimonials', { id: 't' });
    insertRow(db, 'posts', { id: 'p', state: 'draft' });
    migrate(db, file, migrations.filter((m) => m.version <= migration015.version));
    expect(schemaVersionOf(db)).toBe(migration015.version);
    expect([version(db, 'authorizations', 'a'), version(db, 'testimonials', 't'), version(db, 'posts', 'p')]).toEqual([1, 1, 1]);

    db.prepare("UPDATE authorizations SET updated_at = 'x' WHERE id = 'a'").run();
    db.prepare("UPDATE authorizations SET terms = '{}' WHERE id = 'a'").run();
    db.prepare("UPDATE testimonials SET title = 'Edited' WHERE id = 't'").run();
    db.prepare("UPDATE posts SET caption = 'edited' WHERE id = 'p'").run();
    db.prepare("UPDATE posts SET state = 'approved', updated_at = 'y' WHERE id = 'p'").run();
    expect([version(db, 'authorizations', 'a'), version(db, 'testimonials', 't'), version(db, 'posts', 'p')]).toEqual([3, 2, 3]);

    // A copy that writes the version itself keeps it.
    db.prepare("UPDATE posts SET row_version = 9 WHERE id = 'p'").run();
    expect(version(db, 'posts', 'p')).toBe(9);
    db.close();
  });

  it('raises a patient’s version once per edit, not for the search keys kept beside the names', () => {
    const { db, file } = storeBefore();
    insertRow(db, 'patients', { id: 'pt' });
    migrate(db, file, migrations.filter((m) => m.version <= migration015.version));
    db.prepare("UPDATE patients SET name_sort = 'x' WHERE id = 'pt'").run();
    expect(version(db, 'patients', 'pt')).toBe(1);
    const columns = (db.prepare('PRAGMA table_info(patients)').all() as { name: string }[])
      .map((c) => c.name)
      .filter((name) => !['id', 'row_version', 'name_sort'].includes(name));
    let expected = 1;
    for (const column of columns) {
      db.prepare(`UPDATE patients SET ${column} = ${column} WHERE id = 'pt'`).run();
      expect({ column, version: version(db, 'patients', 'pt') }).toEqual({ column, version: ++expected });
    }
    db.close();
  });

  it('does not raise a post’s version when only its kept coverage verdict changes, and raises it for every other column', () => {
    const { db, file } = storeBefore();
    db.pragma('foreign_keys = OFF');
    insertRow(db, 'posts', { id: 'p', state: 'draft' });
    migrate(db, file, migrations.filter((m) => m.version <= migration015.version));
    db.prepare("UPDATE posts SET coverage_covered = 1, coverage_reasons = '[]', coverage_changes_on = '2027-01-01' WHERE id = 'p'").run();
    expect(version(db, 'posts', 'p')).toBe(1);
    // Every other column is an edit, including one added after this migration was written: a forgotten column fails here.
    const columns = (db.prepare('PRAGMA table_info(posts)').all() as { name: string }[])
      .map((c) => c.name)
      .filter((name) => !name.startsWith('coverage_') && name !== 'id' && name !== 'row_version');
    let expected = 1;
    for (const column of columns) {
      db.prepare(`UPDATE posts SET ${column} = ${column} WHERE id = 'p'`).run();
      expect({ column, version: version(db, 'posts', 'p') }).toEqual({ column, version: ++expected });
    }
    db.close();
  });
});
