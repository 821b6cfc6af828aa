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
});
