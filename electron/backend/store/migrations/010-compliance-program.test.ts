import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDataDir } from '../../testing/test-backend';
import { configureConnection, openDatabase } from '../database';
import { migrate, schemaVersionOf } from '../migrate';
import { migrations } from './index';

const at = '2026-03-01T10:00:00.000Z';

function store() {
  const file = path.join(tempDataDir('migrate-10'), 'test.db');
  const db = openDatabase(file, crypto.randomBytes(32), { cipher: 'sqlcipher', create: true });
  configureConnection(db);
  migrate(db, file, migrations.filter((m) => m.version <= 9));
  db.prepare("INSERT INTO staff (id, username, display_name, role, created_at, updated_at) VALUES ('s', 'admin', 'Admin', 'admin', ?, ?)").run(at, at);
  db.prepare("INSERT INTO patients (id, first_name, last_name, date_of_birth, created_at, updated_at) VALUES ('p', 'Maria', 'Lopez', '1984-05-17', ?, ?)").run(at, at);
  db.prepare("INSERT INTO testimonials (id, patient_id, title, quote, created_at, created_by, updated_at) VALUES ('t', 'p', 'T', 'Q', ?, 's', ?)").run(at, at);
  db.prepare(
    `INSERT INTO posts (id, testimonial_id, patient_id, channel, caption, media_ids, purpose, third_party_pays, extra_content_kinds, content_kinds, state, created_at, created_by, updated_at)
     VALUES ('post', 't', 'p', 'facebook', 'Maria!', '[]', 'advertising', 0, '[]', '["first_name"]', 'published', ?, 's', ?)`,
  ).run(at, at);
  // Migration 10 on its own: later migrations (011, 012) have tests of their own.
  migrate(db, file, migrations.filter((m) => m.version <= 10));
  return db;
}

describe('migration 10: the compliance program', () => {
  it('migrates a store with posts and keeps it readable', () => {
    const db = store();
    expect(schemaVersionOf(db)).toBe(10);
    expect(db.prepare('SELECT count(*) FROM incidents').pluck().get()).toBe(0);
    db.close();
  });

  it('keeps published policy versions, acknowledgments and review threads unchanged', () => {
    const db = store();
    db.prepare("INSERT INTO policy_versions (id, version, text, text_sha256, published_at, published_by) VALUES ('v1', 1, '{}', '{}', ?, 's')").run(at);
    db.prepare("INSERT INTO policy_acknowledgments (id, staff_id, version_id, acknowledged_at, acknowledged_on, language, text_sha256, workstation) VALUES ('a', 's', 'v1', ?, '2026-03-01', 'en', 'x', 'w')").run(at);
    db.prepare("INSERT INTO post_review_messages (id, post_id, at, by_staff, kind, body, content_sha256) VALUES ('m', 'post', ?, 's', 'request', 'ok?', 'h')").run(at);
    expect(() => db.prepare("UPDATE policy_versions SET text = '[]'").run()).toThrow(/never change/);
    expect(() => db.prepare('DELETE FROM policy_acknowledgments').run()).toThrow(/never change/);
    expect(() => db.prepare("UPDATE post_review_messages SET body = 'changed'").run()).toThrow(/never change/);
    expect(() => db.prepare("INSERT INTO policy_versions (id, version, text, text_sha256, published_at, published_by) VALUES ('v1b', 1, '{}', '{}', ?, 's')").run(at)).toThrow(/UNIQUE/);
    db.close();
  });

  it('lets a training session be voided once, and nothing else change', () => {
    const db = store();
    db.prepare("INSERT INTO training_sessions (id, held_on, topic, trainer, notes, recorded_at, recorded_by) VALUES ('t1', '2026-03-01', 'Reviews', 'Pat', '', ?, 's')").run(at);
    expect(() => db.prepare("UPDATE training_sessions SET topic = 'Other' WHERE id = 't1'").run()).toThrow(/only be voided/);
    expect(() => db.prepare("DELETE FROM training_sessions WHERE id = 't1'").run()).toThrow(/void a session instead/);
    db.prepare("UPDATE training_sessions SET voided_at = ?, voided_by = 's', void_reason = 'mistake' WHERE id = 't1'").run(at);
    expect(() => db.prepare("UPDATE training_sessions SET void_reason = 'other' WHERE id = 't1'").run()).toThrow(/only be voided, once/);
    db.close();
  });

  it('holds one incident per post, never deletes one, and freezes a closed one but for the yearly HHS notice', () => {
    const db = store();
    const open = db.prepare(
      "INSERT INTO incidents (id, trigger, state, opened_at, discovered_on, discovery_note, summary, post_id) VALUES (?, 'takedown_required', 'open', ?, '2026-03-01', 'n', 's', 'post')",
    );
    open.run('i1', at);
    expect(() => open.run('i2', at)).toThrow(/UNIQUE/);
    db.prepare("UPDATE incidents SET decision = 'required', individual_notified_on = '2026-03-02' WHERE id = 'i1'").run();
    db.prepare("UPDATE incidents SET state = 'closed', outcome = 'done', closed_at = ? WHERE id = 'i1'").run(at);
    expect(() => db.prepare("UPDATE incidents SET outcome = 'rewritten' WHERE id = 'i1'").run()).toThrow(/closed incident does not change/);
    db.prepare("UPDATE incidents SET hhs_notified_on = '2027-02-01', hhs_note = 'yearly log' WHERE id = 'i1'").run();
    expect(() => db.prepare("UPDATE incidents SET hhs_notified_on = '2027-02-02' WHERE id = 'i1'").run()).toThrow(/closed incident does not change/);
    expect(() => db.prepare('DELETE FROM incidents').run()).toThrow(/never deleted/);
    db.prepare("INSERT INTO incident_documents (id, incident_id, kind, language, created_at, created_by, pdf, sha256) VALUES ('d', 'i1', 'letter', 'es', ?, 's', x'25504446', 'h')").run(at);
    expect(() => db.prepare("UPDATE incident_documents SET language = 'en'").run()).toThrow(/never change/);
    db.close();
  });
});
