import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDataDir } from '../../testing/test-backend';
import { configureConnection, openDatabase } from '../database';
import { migrate, schemaVersionOf } from '../migrate';
import { migrations } from './index';
import { migration012 } from './012-scope-presets';

function storeAt(version: number) {
  const file = path.join(tempDataDir('migrate-presets'), 'test.db');
  const db = openDatabase(file, crypto.randomBytes(32), { cipher: 'sqlcipher', create: true });
  configureConnection(db);
  migrate(db, file, migrations.filter((m) => m.version <= version));
  return { db, file };
}

describe('migration 012: scope presets, one row per version, never changed', () => {
  it('adds the table to a store of the version before, and keeps each version as written', () => {
    const { db, file } = storeAt(migration012.version - 1);
    migrate(db, file, migrations.filter((m) => m.version <= migration012.version));
    expect(schemaVersionOf(db)).toBe(migration012.version);
    db.prepare("INSERT INTO staff (id, username, display_name, role, status, created_at, updated_at) VALUES ('s1', 'pat', 'Pat', 'admin', 'active', 'x', 'x')").run();
    const insert = db.prepare("INSERT INTO scope_presets (id, version, name, scope, duration, created_at, created_by) VALUES ('p1', ?, ?, '{}', '{\"kind\":\"none\"}', 'x', 's1')");
    insert.run(1, 'Photos for a year');
    insert.run(2, 'Photos for a year, web too');
    expect(() => insert.run(2, 'again')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare("UPDATE scope_presets SET name = 'changed' WHERE version = 1").run()).toThrow(/never changes/);
    expect(() => db.prepare('DELETE FROM scope_presets').run()).toThrow(/kept/);
    expect(() => db.prepare("INSERT INTO scope_presets (id, version, name, scope, duration, created_at, created_by) VALUES ('p2', 1, 'x', 'not json', '{}', 'x', 's1')").run()).toThrow(/CHECK/);
    expect(db.prepare('SELECT count(*) FROM scope_presets').pluck().get()).toBe(2);
    db.close();
  });
});
