import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storePaths } from '../data-dir';
import type { CheckContext } from '../posts/post-checks';
import { openDatabase, type Db } from '../store/database';
import { readKeyring } from '../store/keyring';
import { Store } from '../store/store';
import { FieldCipher } from '../store-pg/field-crypto';
import { copyStoreToPg } from '../store-pg/pg-migrate-store';
import { seedDemoStoreIn } from '../store-pg/testing/demo-store';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import { PgStoreEngine } from '../store-engine/pg-store-engine';
import { SqliteStoreEngine } from '../store-engine/sqlite-store-engine';
import type { StoreEngine } from '../store-engine/store-engine';
import { pgEngineUnderTest } from '../store-engine/testing/engines-under-test';
import { tempDataDir } from '../testing/test-backend';
import { expiringConsentsIn, revocationsIn, staffActivityIn, uncoveredPostsIn } from './report-queries';

/**
 * The four reports over the demo store (every state of authorizations and
 * posts, a year of audit events, made by the real seeding code) on its
 * encrypted SQLite file and on the same store moved to a throwaway
 * PostgreSQL: the same JSON, byte for byte, on several days and ranges.
 * (Before the port, the same comparison against the reports' old `Db`
 * queries gave the same JSON too.)
 */

const password = 'demo password for everyone';
const timeZone = 'America/Chicago';

describe.skipIf(!pgAvailable)(`the reports on the demo store, file and server${pgSkipReason}`, () => {
  const cluster = useThrowawayCluster();
  const root = tempDataDir('reports-demo');
  let db: Db;
  let file: SqliteStoreEngine;
  let server: PgStoreEngine;

  beforeAll(async () => {
    const dataDir = path.join(root, 'store');
    await seedDemoStoreIn(dataDir, password);
    const paths = storePaths(dataDir);
    const [unlocked] = await Store.unlock(paths, { username: 'admin', password });
    db = openDatabase(paths.database, unlocked!.dataKey, { cipher: unlocked!.keyring.cipher });
    file = new SqliteStoreEngine(db);
    const under = await pgEngineUnderTest(cluster());
    const cipher = new FieldCipher([{ keyId: unlocked!.keyring.keyEpoch, dataKey: unlocked!.dataKey }], unlocked!.keyring.keyEpoch);
    const client = await under.pool.connect();
    try {
      await copyStoreToPg(db, cipher, client, undefined, { keyring: readKeyring(paths.keyring)! });
    } finally {
      client.release();
    }
    server = new PgStoreEngine(under.pool, cipher);
  }, 300_000);
  afterAll(async () => {
    await server?.close();
    await file?.close();
    db?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  async function same(label: string, report: (engine: StoreEngine<unknown>, tx: unknown) => Promise<unknown>): Promise<string> {
    const inOneSnapshot = (engine: StoreEngine<unknown>) => engine.read((tx) => report(engine, tx), { isolation: 'repeatable read' });
    const onFile = JSON.stringify(await inOneSnapshot(file as StoreEngine<unknown>));
    const onServer = JSON.stringify(await inOneSnapshot(server as StoreEngine<unknown>));
    expect(onServer, label).toBe(onFile);
    return onFile;
  }

  it('gives the same uncovered posts and expiring consents on every day tried', async () => {
    let uncovered = 0;
    let expiring = 0;
    for (const today of ['2025-12-01', '2026-03-02', '2026-06-30', '2026-12-01', '2026-12-20', '2027-02-01', '2027-06-10']) {
      const ctx: CheckContext = { today, timeZone, ageOfMajority: 18, practice: { name: 'Riverside', contact: { address: '', email: '', phone: '', website: '' } } };
      uncovered += JSON.parse(await same(`uncovered posts on ${today}`, (e, tx) => uncoveredPostsIn(e.records, tx, ctx))).postsChecked as number;
      const report = JSON.parse(await same(`expiring consents on ${today}`, (e, tx) => expiringConsentsIn(e.records, tx, ctx)));
      expiring += report.within30.length + report.within60.length + report.within90.length;
    }
    // The demo has published posts and consents ending within 90 days on some of those days: the comparison compared something.
    expect(uncovered).toBeGreaterThan(0);
    expect(expiring).toBeGreaterThan(0);
  });

  it('gives the same revocations and staff activity over every range tried', async () => {
    let revocations = 0;
    let events = 0;
    for (const [from, to] of [['2020-01-01', '2099-12-31'], ['2026-01-01', '2026-06-30'], ['2026-07-01', '2026-12-31'], ['2026-11-01', '2026-11-30']] as const) {
      revocations += JSON.parse(await same(`revocations ${from} to ${to}`, (e, tx) => revocationsIn(e.records, tx, from, to, timeZone))).rows.length as number;
      events += JSON.parse(await same(`staff activity ${from} to ${to}`, (e, tx) => staffActivityIn(e.records, tx, from, to, timeZone))).totalEvents as number;
    }
    expect(revocations).toBeGreaterThan(0);
    expect(events).toBeGreaterThan(100);
  });
});
