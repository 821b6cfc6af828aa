import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allScopesQuery } from '../../posts/post-checks';
import { tempDataDir } from '../../testing/test-backend';
import { configureConnection, openDatabase } from '../database';
import { migrate, schemaVersionOf } from '../migrate';
import { migrations } from './index';

function storeAt(version: number) {
  const file = path.join(tempDataDir('migrate-8'), 'test.db');
  const db = openDatabase(file, crypto.randomBytes(32), { cipher: 'sqlcipher', create: true });
  configureConnection(db);
  migrate(db, file, migrations.filter((m) => m.version <= version));
  return { db, file };
}

describe('migration 8: what posts disclose, and the evidence of checked replies', () => {
  it('adds the post columns with defaults that keep existing posts readable', () => {
    const { db, file } = storeAt(7);
    const at = '2026-03-01T10:00:00.000Z';
    db.prepare("INSERT INTO staff (id, username, display_name, role, created_at, updated_at) VALUES ('s', 'admin', 'Admin', 'admin', ?, ?)").run(at, at);
    db.prepare("INSERT INTO patients (id, first_name, last_name, date_of_birth, created_at, updated_at) VALUES ('p', 'Maria', 'Lopez', '1984-05-17', ?, ?)").run(at, at);
    db.prepare("INSERT INTO testimonials (id, patient_id, title, quote, created_at, created_by, updated_at) VALUES ('t', 'p', 'T', 'Q', ?, 's', ?)").run(at, at);
    db.prepare(
      `INSERT INTO posts (id, testimonial_id, patient_id, channel, caption, media_ids, purpose, third_party_pays, extra_content_kinds, content_kinds, state, created_at, created_by, updated_at)
       VALUES ('post', 't', 'p', 'facebook', 'Maria!', '[]', 'advertising', 0, '[]', '["first_name"]', 'published', ?, 's', ?)`,
    ).run(at, at);
    migrate(db, file, migrations.filter((m) => m.version <= 8));
    expect(schemaVersionOf(db)).toBe(8);
    expect(db.prepare('SELECT sponsor, blocking_identifiers, health_mentions, identifiers_approved_at, review_required_at FROM posts').get()).toEqual({
      sponsor: '',
      blocking_identifiers: '[]',
      health_mentions: '[]',
      identifiers_approved_at: null,
      review_required_at: null,
    });
    db.close();
  });

  it('keeps checked replies append-only', () => {
    const { db } = storeAt(8);
    const at = '2026-03-01T10:00:00.000Z';
    db.prepare("INSERT INTO staff (id, username, display_name, role, created_at, updated_at) VALUES ('s', 'admin', 'Admin', 'admin', ?, ?)").run(at, at);
    db.prepare("INSERT INTO reply_checks (id, checked_at, checked_by, reply, decision, findings) VALUES ('r', ?, 's', 'Hi Sarah!', 'flag', '[]')").run(at);
    expect(() => db.prepare("UPDATE reply_checks SET decision = 'pass'").run()).toThrow(/never change/);
    expect(() => db.prepare('DELETE FROM reply_checks').run()).toThrow(/never change/);
    expect(() => db.prepare("INSERT INTO reply_checks (id, checked_at, checked_by, reply, decision, findings) VALUES ('r2', ?, 's', 'x', 'maybe', '[]')").run(at)).toThrow(/CHECK/);
    db.close();
  });

  it('rebuilds the covering index with the receipt and event days the coverage check reads', () => {
    const { db } = storeAt(8);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${allScopesQuery}`).all() as { detail: string }[]).map((r) => r.detail);
    expect(plan).toEqual(['SCAN authorizations USING COVERING INDEX authorizations_scope']);
    db.close();
  });
});
