import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDataDir } from '../../testing/test-backend';
import { configureConnection, openDatabase } from '../database';
import { migrate, schemaVersionOf } from '../migrate';
import { migrations } from './index';
import { migration014 } from './014-dashboard-indexes';

describe('migration 014: the dashboard reads its lists from indexes', () => {
  it('adds the indexes to a store of the version before, and the dashboard queries use them', () => {
    const file = path.join(tempDataDir('migrate-dashboard'), 'test.db');
    const db = openDatabase(file, crypto.randomBytes(32), { cipher: 'aegis', create: true });
    configureConnection(db);
    migrate(db, file, migrations.filter((m) => m.version < migration014.version));
    migrate(db, file, migrations.filter((m) => m.version <= migration014.version));
    expect(schemaVersionOf(db)).toBe(migration014.version);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
    // INDEXED BY fails to prepare when the partial index cannot serve the query; no sort step: read in the order shown.
    const takedown = plan("SELECT id FROM posts INDEXED BY posts_takedown_required WHERE state = 'takedown_required' ORDER BY takedown_required_at, id LIMIT 50");
    const review = plan("SELECT id FROM posts INDEXED BY posts_review_required WHERE state = 'published' AND review_required_at IS NOT NULL ORDER BY review_required_at, id LIMIT 50");
    for (const p of [takedown, review]) expect(p).not.toMatch(/TEMP B-TREE/);
    expect(plan('SELECT id, coverage_covered FROM posts')).toMatch(/COVERING INDEX posts_verdict/);
    db.close();
  });

  it('counts posts by state as they are added, move and go, from the counts a store had before', () => {
    const file = path.join(tempDataDir('migrate-dashboard'), 'test.db');
    const db = openDatabase(file, crypto.randomBytes(32), { cipher: 'aegis', create: true });
    configureConnection(db);
    migrate(db, file, migrations.filter((m) => m.version < migration014.version));
    db.pragma('foreign_keys = OFF'); // posts without their testimonials and patients: only the counts matter here
    // Every column a post must have, filled with a value of its type; id and state from the test.
    const required = (db.prepare('PRAGMA table_info(posts)').all() as { name: string; type: string; notnull: number; dflt_value: unknown }[]).filter(
      (c) => c.notnull && c.dflt_value === null && c.name !== 'id' && c.name !== 'state',
    );
    const insert = db.prepare(`INSERT INTO posts (id, state, ${required.map((c) => c.name).join(', ')}) VALUES (?, ?, ${required.map((c) => (c.type === 'INTEGER' ? '0' : c.name === 'channel' ? "'facebook'" : c.name === 'purpose' ? "'advertising'" : "'[]'")).join(', ')})`);
    const add = { run: (id: string, state: string) => insert.run(id, state) };
    add.run('a', 'draft');
    add.run('b', 'published');
    migrate(db, file, migrations.filter((m) => m.version <= migration014.version));
    const counts = () => Object.fromEntries((db.prepare('SELECT state, n FROM post_state_counts WHERE n > 0 ORDER BY state').raw(true).all() as [string, number][]));
    const truth = () => Object.fromEntries((db.prepare('SELECT state, count(*) FROM posts GROUP BY state ORDER BY state').raw(true).all() as [string, number][]));
    expect(counts()).toEqual({ draft: 1, published: 1 });
    add.run('c', 'draft');
    db.prepare("UPDATE posts SET state = 'approved' WHERE id = 'a'").run();
    db.prepare("UPDATE posts SET state = 'approved', caption = 'edited' WHERE id = 'a'").run(); // same state: no move
    db.prepare("UPDATE posts SET state = 'takedown_required' WHERE id = 'b'").run();
    db.prepare("DELETE FROM posts WHERE id = 'c'").run();
    expect(counts()).toEqual({ approved: 1, takedown_required: 1 });
    expect(counts()).toEqual(truth());
    db.close();
  });
});
