import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDataDir } from '../../testing/test-backend';
import { configureConnection, openDatabase } from '../database';
import { migrate, schemaVersionOf } from '../migrate';
import { migrations } from './index';
import { migration013 } from './013-testimonial-search-and-revocation-scan-hash';

const at = '2026-03-01T10:00:00.000Z';

function storeBefore13() {
  const file = path.join(tempDataDir('migrate-13'), 'test.db');
  const db = openDatabase(file, crypto.randomBytes(32), { cipher: 'sqlcipher', create: true });
  configureConnection(db);
  migrate(db, file, migrations.filter((m) => m.version < migration013.version));
  db.prepare("INSERT INTO staff (id, username, display_name, role, created_at, updated_at) VALUES ('s', 'admin', 'Admin', 'admin', ?, ?)").run(at, at);
  db.prepare("INSERT INTO patients (id, first_name, last_name, date_of_birth, created_at, updated_at) VALUES ('p', 'Ana', 'Ruiz', '1984-05-17', ?, ?)").run(at, at);
  db.prepare("INSERT INTO testimonials (id, patient_id, title, quote, created_at, created_by, updated_at) VALUES ('t', 'p', 'Ésta es MI historia', 'Q', ?, 's', ?)").run(at, at);
  return { db, file };
}

describe('migration 013: folded testimonial titles and the revocation scan’s hash', () => {
  it('folds existing titles, hashes a scan already recorded, and then keeps that hash and type fixed', () => {
    const { db, file } = storeBefore13();
    // A revoked authorization with a scan, as version 12 stored it.
    const template = db.prepare("SELECT id FROM templates WHERE language = 'en' AND active = 1").pluck().get() as string;
    db.prepare(
      `INSERT INTO authorizations (id, patient_id, template_id, terms, stage, created_at, created_by, updated_at, signed_at, signer_name, signature_png,
         text_sha256, witness_id, witnessed_at, pdf, pdf_sha256, revoked_at, revocation_scan, revocation_scan_type)
       VALUES ('a', 'p', ?, '{}', 'final', @at, 's', @at, @at, 'Ana Ruiz', x'89', 'h', 's', @at, x'25', 'h', @at, ?, 'image/png')`,
    ).run(template, Buffer.from('the letter'), { at });
    migrate(db, file, migrations.filter((m) => m.version <= migration013.version));
    expect(schemaVersionOf(db)).toBe(migration013.version);
    expect(db.prepare("SELECT title_key FROM testimonials WHERE id = 't'").pluck().get()).toBe('esta es mi historia');
    const expected = crypto.createHash('sha256').update('the letter').digest('hex');
    expect(db.prepare("SELECT revocation_scan_sha256 FROM authorizations WHERE id = 'a'").pluck().get()).toBe(expected);
    expect(() => db.prepare("UPDATE authorizations SET revocation_scan_sha256 = 'other' WHERE id = 'a'").run()).toThrow(/recorded revocation cannot be changed/);
    expect(() => db.prepare("UPDATE authorizations SET revocation_scan_type = 'application/pdf' WHERE id = 'a'").run()).toThrow(/recorded revocation cannot be changed/);
    db.close();
  });
});
