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

  it('migrations 5 and 8 give the coverage check a covering index, so it never reads the signature and PDF pages', () => {
    const { db, file } = freshDb();
    migrate(db, file, migrations.slice(0, 8));
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
    db.pragma(`user_version = ${latestSchemaVersion + 1}`);
    expect(() => migrate(db, file)).toThrow(/newer Consent Desk/);
    db.close();
  });
});

describe('migration 6 (paper signatures and validated wording)', () => {
  const seed = (db: Db) => {
    db.prepare("INSERT INTO staff VALUES ('s1', 'pat', 'Pat', 'admin', 'active', 'now', 'now')").run();
    db.prepare("INSERT INTO patients (id, first_name, last_name, date_of_birth, created_at, updated_at) VALUES ('p1', 'A', 'B', '1990-01-01', 'now', 'now')").run();
    const template = db.prepare("SELECT id FROM templates WHERE language = 'en' AND active = 1").pluck().get() as string;
    db.prepare(
      `INSERT INTO authorizations (id, patient_id, template_id, terms, stage, created_at, created_by, updated_at, signed_at, signature_png, text_sha256, witness_id, pdf, pdf_sha256)
       VALUES ('a1', 'p1', ?, '{}', 'final', 'now', 's1', 'now', 'now', x'00', 'h', 's1', x'00', 'h')`,
    ).run(template);
    return template;
  };

  it('upgrades a store on the first wording to the validated one, keeping version 1 for what was signed on it', async () => {
    const { firstBuiltInWording } = await import('./migrations/first-built-in-wording');
    const { db, file } = freshDb();
    migrate(db, file, migrations.slice(0, 5));
    // A store made before this version: its version 1 is the first wording.
    db.pragma('writable_schema = OFF');
    db.unsafeMode(true);
    db.exec('DROP TRIGGER templates_wording_is_permanent');
    for (const language of ['en', 'es'] as const) {
      db.prepare('UPDATE templates SET text = ? WHERE language = ?').run(JSON.stringify(firstBuiltInWording[language]), language);
    }
    db.unsafeMode(false);
    const v1 = seed(db);
    migrate(db, file);
    const rows = db.prepare('SELECT id, language, version, active FROM templates ORDER BY language, version').all();
    expect(rows).toEqual([
      { id: v1, language: 'en', version: 1, active: 0 },
      { id: expect.any(String), language: 'en', version: 2, active: 1 },
      { id: expect.any(String), language: 'es', version: 1, active: 0 },
      { id: expect.any(String), language: 'es', version: 2, active: 1 },
    ]);
    expect(db.prepare("SELECT template_id, signing_method FROM authorizations WHERE id = 'a1'").get()).toEqual({ template_id: v1, signing_method: 'electronic' });
    db.close();
  });

  it('leaves a store whose wording an administrator already changed, and a fresh store, on their versions', () => {
    const { db, file } = freshDb();
    migrate(db, file);
    expect(db.prepare('SELECT language, version FROM templates WHERE active = 1 ORDER BY language').all()).toEqual([
      { language: 'en', version: 1 },
      { language: 'es', version: 1 },
    ]);
    db.close();
  });

  it('lets a final row hold a paper scan instead of a drawn signature, and nothing else without one', () => {
    const { db, file } = freshDb();
    migrate(db, file);
    const template = seed(db);
    const insert = (id: string, method: string, png: Buffer | null, scan: Buffer | null, signedOn: string | null) =>
      db
        .prepare(
          `INSERT INTO authorizations (id, patient_id, template_id, terms, stage, created_at, created_by, updated_at, signed_at, signature_png, text_sha256,
             witness_id, pdf, pdf_sha256, signing_method, paper_scan, paper_signed_on)
           VALUES (?, 'p1', ?, '{}', 'final', 'now', 's1', 'now', 'now', ?, 'h', 's1', x'00', 'h', ?, ?, ?)`,
        )
        .run(id, template, png, method, scan, signedOn);
    expect(() => insert('paper', 'paper', null, Buffer.from('scan'), '2026-01-02')).not.toThrow();
    expect(() => insert('no-scan', 'paper', null, null, '2026-01-02')).toThrow(/CHECK constraint/);
    expect(() => insert('no-signature', 'electronic', null, Buffer.from('scan'), '2026-01-02')).toThrow(/CHECK constraint/);
    expect(() => insert('odd-method', 'fax', Buffer.from('png'), null, null)).toThrow(/CHECK constraint/);
    expect(() => db.prepare("UPDATE authorizations SET paper_scan = x'01' WHERE id = 'paper'").run()).toThrow(/cannot be changed/);
    expect(() => db.prepare("UPDATE authorizations SET signing_method = 'paper' WHERE id = 'a1'").run()).toThrow(/cannot be changed/);
    expect(() => db.prepare("INSERT INTO posts (id) VALUES ('x')").run()).toThrow();
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('refuses to edit a table whose signature rule is not the one it knows', () => {
    const { db, file } = freshDb();
    migrate(db, file, migrations.slice(0, 5));
    db.unsafeMode(true);
    db.pragma('writable_schema = ON');
    const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'authorizations'").pluck().get() as string;
    db.prepare("UPDATE sqlite_schema SET sql = ? WHERE name = 'authorizations'").run(sql.replace('signature_png IS NOT NULL AND', 'signature_png IS NOT NULL  AND'));
    db.pragma(`schema_version = ${(db.pragma('schema_version', { simple: true }) as number) + 1}`);
    db.pragma('writable_schema = OFF');
    db.unsafeMode(false);
    expect(() => migrate(db, file)).toThrow(/signature rule migration 6 expects/);
    expect(schemaVersionOf(db)).toBe(5);
    db.close();
  });
});
