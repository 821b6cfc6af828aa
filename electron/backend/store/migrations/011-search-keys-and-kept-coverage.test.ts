import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDataDir } from '../../testing/test-backend';
import { configureConnection, openDatabase } from '../database';
import { migrate, schemaVersionOf } from '../migrate';
import { migrations } from './index';

const at = '2026-03-01T10:00:00.000Z';

function storeAt10() {
  const file = path.join(tempDataDir('migrate-11'), 'test.db');
  const db = openDatabase(file, crypto.randomBytes(32), { cipher: 'sqlcipher', create: true });
  configureConnection(db);
  migrate(db, file, migrations.filter((m) => m.version <= 10));
  db.prepare("INSERT INTO staff (id, username, display_name, role, created_at, updated_at) VALUES ('s', 'admin', 'Admin', 'admin', ?, ?)").run(at, at);
  db.prepare("INSERT INTO patients (id, first_name, last_name, date_of_birth, created_at, updated_at) VALUES ('p', 'María José', 'González-Núñez', '1984-05-17', ?, ?)").run(at, at);
  db.prepare("INSERT INTO testimonials (id, patient_id, title, quote, created_at, created_by, updated_at) VALUES ('t', 'p', 'T', 'Q', ?, 's', ?)").run(at, at);
  db.prepare(
    `INSERT INTO posts (id, testimonial_id, patient_id, channel, caption, media_ids, purpose, third_party_pays, extra_content_kinds, content_kinds, state, created_at, created_by, updated_at)
     VALUES ('post', 't', 'p', 'facebook', 'Maria!', '[]', 'advertising', 0, '[]', '["first_name"]', 'published', ?, 's', ?)`,
  ).run(at, at);
  return { db, file };
}

describe('migration 11: search keys and kept coverage', () => {
  it('gives existing patients their folded name words and sort key, and marks every post to be judged', () => {
    const { db, file } = storeAt10();
    migrate(db, file, migrations.filter((m) => m.version <= 11));
    expect(schemaVersionOf(db)).toBe(11);
    expect(db.prepare("SELECT token FROM patient_name_tokens WHERE patient_id = 'p' ORDER BY token").pluck().all()).toEqual(['gonzalez', 'jose', 'maria', 'nunez']);
    expect(db.prepare("SELECT name_sort FROM patients WHERE id = 'p'").pluck().get()).toBe('gonzalez nunez\u0001maria jose');
    // Not judged yet: the store settles them with the rule at its first write after opening.
    expect(db.prepare('SELECT post_id FROM post_coverage_stale').pluck().all()).toEqual(['post']);
    expect(db.prepare("SELECT coverage_covered FROM posts WHERE id = 'post'").pluck().get()).toBeNull();
    db.close();
  });

  it('marks a post stale when what the rule reads changes, and not when other columns do', () => {
    const { db, file } = storeAt10();
    migrate(db, file, migrations.filter((m) => m.version <= 11));
    const stale = () => db.prepare('SELECT count(*) FROM post_coverage_stale').pluck().get();
    db.prepare('DELETE FROM post_coverage_stale').run();
    db.prepare("UPDATE posts SET published_url = 'https://example.com' WHERE id = 'post'").run();
    expect(stale()).toBe(0);
    db.prepare("UPDATE posts SET channel = 'instagram' WHERE id = 'post'").run();
    expect(stale()).toBe(1);
    db.prepare('DELETE FROM post_coverage_stale').run();
    db.prepare("UPDATE patients SET date_of_birth = '1984-05-18' WHERE id = 'p'").run();
    expect(stale()).toBe(1);
    db.close();
  });
});
