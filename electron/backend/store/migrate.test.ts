import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { configureConnection, openDatabase, type Db } from './database';
import { assertIncreasing, migrate, schemaVersionOf } from './migrate';
import { latestSchemaVersion, migrations } from './migrations';
import type { Migration } from './migrations/migration';
import { tempDataDir } from '../testing/test-backend';
import { allScopesQuery } from '../posts/post-checks';

function freshDb(): { db: Db; file: string } {
  const file = path.join(tempDataDir('migrate'), 'test.db');
  const db = openDatabase(file, crypto.randomBytes(32), { cipher: 'sqlcipher', create: true });
  configureConnection(db);
  return { db, file };
}

const addNotes: Migration = { version: 2, name: 'notes', up: (db) => db.exec('CREATE TABLE notes (id TEXT PRIMARY KEY) STRICT') };
const broken: Migration = {
  version: 2,
  name: 'broken',
  up: (db) => {
    db.exec('CREATE TABLE half_done (id TEXT) STRICT');
    throw new Error('step failed');
  },
};

describe('migrations', () => {
  it('are numbered 1, 2, 3… in order', () => {
    expect(() => assertIncreasing(migrations)).not.toThrow();
    expect(() => assertIncreasing([migrations[0]!, { ...addNotes, version: 3 }])).toThrow(/expected 2/);
  });

  it('migration 1 creates the tables and the append-only audit triggers', () => {
    const { db, file } = freshDb();
    migrate(db, file, migrations.slice(0, 1));
    expect(schemaVersionOf(db)).toBe(1);
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table','trigger')").all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['staff', 'settings', 'audit_events', 'audit_head', 'audit_events_no_update', 'audit_events_no_delete']));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });

  it('migration 2 adds patients, permanent template versions (English and Spanish) and authorizations', () => {
    const { db, file } = freshDb();
    migrate(db, file);
    expect(schemaVersionOf(db)).toBe(latestSchemaVersion);
    const templates = db.prepare('SELECT language, version, active FROM templates ORDER BY language').all();
    expect(templates).toEqual([
      { language: 'en', version: 1, active: 1 },
      { language: 'es', version: 1, active: 1 },
    ]);
    expect(() => db.prepare("UPDATE templates SET text = '{}'").run()).toThrow(/never change/);
    expect(() => db.prepare('DELETE FROM templates').run()).toThrow(/kept/);
    expect(() => db.prepare("UPDATE templates SET active = 0 WHERE language = 'en'").run()).not.toThrow();
    db.close();
  });

  it('migrations 5 and 6 give the coverage check a covering index, so it never reads the signature and PDF pages', () => {
    const { db, file } = freshDb();
    migrate(db, file, migrations.slice(0, 6));
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${allScopesQuery}`).all() as { detail: string }[]).map((r) => r.detail);
    expect(plan).toEqual([expect.stringMatching(/^SCAN authorizations USING COVERING INDEX authorizations_scope$/)]);
    db.close();
  });

  it('migration 3 adds testimonials, media and posts, and the patient’s city', () => {
    const { db, file } = freshDb();
    migrate(db, file, migrations.slice(0, 2));
    db.prepare("INSERT INTO staff VALUES ('s1', 'pat', 'Pat', 'admin', 'active', 'now', 'now')").run();
    db.prepare("INSERT INTO patients (id, first_name, last_name, date_of_birth, created_at, updated_at) VALUES ('p1', 'A', 'B', '1990-01-01', 'now', 'now')").run();
    migrate(db, file, migrations.slice(0, 3));
    expect(db.prepare("SELECT city FROM patients WHERE id = 'p1'").get()).toEqual({ city: null });
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['testimonials', 'media', 'posts']));
    expect(() => db.prepare("INSERT INTO posts (id, testimonial_id, patient_id, channel, caption, media_ids, purpose, third_party_pays, extra_content_kinds, content_kinds, state, created_at, created_by, updated_at) VALUES ('x', 'none', 'p1', 'x', '', '[]', 'advertising', 0, '[]', '[]', 'live', 'now', 's1', 'now')").run()).toThrow(/CHECK constraint/);
    db.close();
  });

  it('copy the file aside before upgrading an existing store', () => {
    const { db, file } = freshDb();
    migrate(db, file, [migrations[0]!]);
    const backup = migrate(db, file, [migrations[0]!, addNotes]);
    expect(backup).toBe(`${file}.schema-1.bak`);
    expect(fs.existsSync(backup!)).toBe(true);
    expect(schemaVersionOf(db)).toBe(2);
    expect(migrate(db, file, [migrations[0]!, addNotes])).toBeNull();
    db.close();
  });

  it('roll back entirely when a step fails', () => {
    const { db, file } = freshDb();
    migrate(db, file, [migrations[0]!]);
    expect(() => migrate(db, file, [migrations[0]!, broken])).toThrow(/step failed/);
    expect(schemaVersionOf(db)).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuse a store from a newer version', () => {
    const { db, file } = freshDb();
    db.pragma('user_version = 7');
    expect(() => migrate(db, file)).toThrow(/newer Consent Desk/);
    db.close();
  });
});
