import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { storePaths } from '../data-dir';
import { getAuthorization } from '../repositories/authorization-repository';
import { openDatabase, type Db } from '../store/database';
import { schemaVersionOf } from '../store/migrate';
import { latestSchemaVersion } from '../store/migrations';
import { Store } from '../store/store';
import { admin, auditPractice, frontDesk } from '../testing/audit-practice';
import { rejection } from '../testing/test-backend';
import { canPurge, purgeAuthorization } from './purge';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** The audit practice's store, closed and opened raw with the key (at the latest schema, 4 or later). */
async function storeAtSchema4() {
  const p = await auditPractice();
  dirs.push(p.dataDir);
  await p.call('session.signOut', {});
  p.backend.close();
  const paths = storePaths(p.dataDir);
  const [unlocked] = await Store.unlock(paths, admin);
  const db = openDatabase(paths.database, unlocked!.dataKey, { cipher: unlocked!.keyring.cipher });
  db.pragma('foreign_keys = ON');
  return { p, db };
}

const adminId = (db: Db) => db.prepare("SELECT id FROM staff WHERE username = 'admin'").pluck().get() as string;

describe('migration 4 (retention)', () => {
  it('lets a signed authorization be deleted only once its purge record exists, and keeps purge records permanent', async () => {
    const { p, db } = await storeAtSchema4();
    try {
      expect(latestSchemaVersion).toBeGreaterThanOrEqual(4);
      expect(schemaVersionOf(db)).toBe(latestSchemaVersion);
      expect(canPurge(db)).toBe(true);
      expect(() => db.prepare('DELETE FROM authorizations WHERE id = ?').run(p.revoked.id)).toThrow(/a signed authorization cannot be deleted/);

      const result = db.transaction(() => purgeAuthorization(db, p.revoked.id, { staffId: adminId(db), at: '2032-03-03T10:00:00.000Z', today: '2032-03-03', timeZone: 'UTC' }))();
      expect(result).toEqual({ authorizationId: p.revoked.id, purgedAt: '2032-03-03T10:00:00.000Z', keptThrough: '2032-03-02', postsKept: 1 });
      expect(getAuthorization(db, p.revoked.id)).toBeUndefined();

      // The post keeps its history: the purged consent's id and the PDF hash it relied on.
      const post = db.prepare('SELECT consent_id, purged_consent_id, state, relied_consent_pdf_sha256 FROM posts WHERE id = ?').get(p.removedPost.id);
      expect(post).toEqual({ consent_id: null, purged_consent_id: p.revoked.id, state: 'taken_down', relied_consent_pdf_sha256: p.revoked.pdfSha256 });
      const record = db.prepare('SELECT * FROM authorization_purges WHERE authorization_id = ?').get(p.revoked.id) as Record<string, unknown>;
      expect(record).toMatchObject({ kept_through: '2032-03-02', pdf_sha256: p.revoked.pdfSha256, purged_by: adminId(db) });
      expect(() => db.prepare('DELETE FROM authorization_purges').run()).toThrow(/purge records are permanent/);
      expect(() => db.prepare("UPDATE authorization_purges SET kept_through = '2000-01-01'").run()).toThrow(/purge records are permanent/);
    } finally {
      db.close();
    }
  });

  it('refuses a purge inside the window, or while a post relying on it still needs taking down', async () => {
    const { p, db } = await storeAtSchema4();
    try {
      const by = { staffId: adminId(db), at: '2032-03-01T10:00:00.000Z', today: '2032-03-01', timeZone: 'UTC' };
      expect(() => purgeAuthorization(db, p.revoked.id, by)).toThrow(/must be kept through March 2, 2032/);
      expect(() => purgeAuthorization(db, p.kept.id, { ...by, today: '2027-06-29' })).toThrow(/still in effect/);
      // Past its date and six years on, but its published post was never taken down.
      expect(() => purgeAuthorization(db, p.kept.id, { ...by, today: '2033-07-01' })).toThrow(/1 post\(s\) relying on it still need taking down/);
      db.prepare("UPDATE posts SET state = 'taken_down' WHERE id = ?").run(p.livePost.id);
      expect(purgeAuthorization(db, p.kept.id, { ...by, today: '2033-07-01' }).postsKept).toBe(1);
    } finally {
      db.close();
    }
  });
});

describe('retention through the contract', () => {
  it('lists when each authorization may be purged, and refuses a purge inside the window (audited)', async () => {
    const p = await auditPractice();
    dirs.push(p.dataDir);
    const review = await p.call('retention.review', { purgeableOnly: false });
    expect(review).toMatchObject({ today: '2026-03-02', reviewed: 2, purgeable: 0 });
    const byId = new Map(review.rows.map((r) => [r.authorizationId, r.verdict]));
    expect(byId.get(p.kept.id)).toMatchObject({ purgeable: false, reason: 'in_effect' });
    expect(byId.get(p.revoked.id)).toMatchObject({ purgeable: false, reason: 'within_period', keptThrough: '2032-03-02' });
    // The review names patients: who looked is on the record.
    expect((await p.call('audit.list', { action: 'retention.reviewed' })).events.map((e) => e.detail)).toEqual(['2 reviewed, 0 may be purged']);

    for (const id of [p.kept.id, p.revoked.id]) {
      const refused = await rejection(p.call('retention.purge', { id }));
      expect(refused.code).toBe('conflict');
    }
    expect((await p.call('consents.list', {})).map((c) => c.id).sort()).toEqual([p.kept.id, p.revoked.id].sort());
    const events = (await p.call('audit.list', { action: 'consent.purge_refused' })).events;
    expect(events.map((e) => e.subjectId).sort()).toEqual([p.kept.id, p.revoked.id].sort());

    await p.as(frontDesk);
    expect((await rejection(p.call('retention.purge', { id: p.revoked.id }))).code).toBe('forbidden');
    p.backend.close();
  });

  it('purges after six years, audited, and the post keeps its history', async () => {
    const p = await auditPractice();
    dirs.push(p.dataDir);
    p.clock.set('2032-03-03T10:00:00.000Z');
    await p.call('session.signIn', admin);
    const result = await p.call('retention.purge', { id: p.revoked.id });
    expect(result).toMatchObject({ keptThrough: '2032-03-02', postsKept: 1 });
    expect((await p.call('consents.list', {})).map((c) => c.id)).toEqual([p.kept.id]);
    const purged = (await p.call('audit.list', { action: 'consent.purged' })).events[0]!;
    expect(purged.detail).toContain(`PDF SHA-256 ${p.revoked.pdfSha256}`);
    const report = await p.call('reports.uncoveredPosts', {});
    // The purged consent's post is not held against the practice; the other post, whose consent lapsed in 2027, still is.
    expect(report).toMatchObject({ consentPurged: 1, publishedWithoutCoverage: [], total: 1 });
    expect(report.liveWithoutCoverage.map((r) => r.postId)).toEqual([p.livePost.id]);
    expect((await p.call('store.status', {})).auditChain.intact).toBe(true);
    p.backend.close();
  });
});
