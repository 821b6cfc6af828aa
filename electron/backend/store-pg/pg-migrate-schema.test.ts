import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { latestSchemaVersion, migrations } from '../store/migrations/index';
import type { Migration } from '../store/migrations/migration';
import { pgEngineUnderTest } from '../store-engine/testing/engines-under-test';
import { assertPgSchemaCurrent, migratePgSchema, pgSchemaVersion } from './pg-migrate-schema';
import { pgBaselineVersion } from './pg-schema';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from './testing/pg-cluster';

/**
 * One numbering of migrations for both engines: the server's schema starts
 * at the baseline (the SQLite migrations it already holds, in its dialect),
 * and each later migration's PostgreSQL part upgrades it, as the owner, in
 * one transaction. Run against a real cluster with made-up later migrations.
 */

describe('the one numbering', () => {
  it('starts the server at a version the file migrations know, and every migration after it has a PostgreSQL part', () => {
    expect(migrations.some((m) => m.version === pgBaselineVersion)).toBe(true);
    expect(pgBaselineVersion).toBeLessThanOrEqual(latestSchemaVersion);
    // A new SQLite migration without its server dialect fails here, before any server meets it.
    expect(migrations.filter((m) => m.version > pgBaselineVersion && !m.postgres).map((m) => `${m.version} ${m.name}`)).toEqual([]);
  });
});

describe.skipIf(!pgAvailable)(`upgrading the practice server's schema${pgSkipReason}`, () => {
  const cluster = useThrowawayCluster();
  const opened: { end(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const c of opened.splice(0).reverse()) await c.end().catch(() => undefined);
  });

  /** A fresh store database (schema made by its owner): a client as the owner, one as the app. */
  async function freshStore(): Promise<{ owner: () => Promise<pg.Client>; app: pg.Pool }> {
    const store = await pgEngineUnderTest(cluster());
    opened.push({ end: () => store.close() });
    const ownerUrl = cluster().ownerUrl.replace(`@/${cluster().database}?`, `@/${store.database}?`);
    const owner = async () => {
      const client = new pg.Client({ connectionString: ownerUrl });
      await client.connect();
      opened.push(client);
      return client;
    };
    return { owner, app: store.pool };
  }
  const step = (version: number, sql: ((role: string) => string) | undefined): Migration => ({ version, name: `step-${version}`, up: () => undefined, ...(sql ? { postgres: sql } : {}) });
  const later = (n: number) => step(latestSchemaVersion + n, (role) => `CREATE TABLE later_${n} (id integer PRIMARY KEY); GRANT SELECT ON later_${n} TO ${role};`);
  const tableExists = async (client: pg.ClientBase, name: string) => (await client.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [`public.${name}`])).rows[0]!.t !== null;

  it('creates the server at the baseline, the number a file at the same schema has', async () => {
    const { owner, app } = await freshStore();
    expect(await pgSchemaVersion(await owner())).toBe(pgBaselineVersion);
    await expect(assertPgSchemaCurrent(await app.connect().then((c) => (opened.push({ end: async () => c.release() }), c)))).resolves.toBeUndefined();
  });

  it('runs each later migration’s PostgreSQL part and the new version in one transaction; again, nothing', async () => {
    const { owner, app } = await freshStore();
    const list = [...migrations, later(1), later(2)];
    expect(await migratePgSchema(await owner(), cluster().appRole, list)).toEqual({ from: latestSchemaVersion, to: latestSchemaVersion + 2 });
    const client = await owner();
    expect(await pgSchemaVersion(client)).toBe(latestSchemaVersion + 2);
    expect(await tableExists(client, 'later_1')).toBe(true);
    // The app's role got the rights the step granted, and no more.
    await expect(app.query('SELECT count(*) FROM later_2')).resolves.toBeTruthy();
    await expect(app.query('INSERT INTO later_2 (id) VALUES (1)')).rejects.toThrow(/permission denied/);
    expect(await migratePgSchema(await owner(), cluster().appRole, list)).toEqual({ from: latestSchemaVersion + 2, to: latestSchemaVersion + 2 });
    // This workstation is current; one that knows fewer migrations is refused as older than the server.
    const appClient = await app.connect();
    opened.push({ end: async () => appClient.release() });
    await expect(assertPgSchemaCurrent(appClient, list)).resolves.toBeUndefined();
    await expect(assertPgSchemaCurrent(appClient, migrations)).rejects.toMatchObject({ code: 'store_too_new' });
    await expect(migratePgSchema(await owner(), cluster().appRole, migrations)).rejects.toMatchObject({ code: 'store_too_new' });
  });

  it('refuses before any step runs when a pending migration has no PostgreSQL part, and rolls back a step that fails', async () => {
    const { owner, app } = await freshStore();
    const withoutDialect = [...migrations, later(1), step(latestSchemaVersion + 2, undefined)];
    await expect(migratePgSchema(await owner(), cluster().appRole, withoutDialect)).rejects.toMatchObject({ code: 'internal', message: expect.stringMatching(/has no PostgreSQL step/) });
    const failing = [...migrations, later(1), step(latestSchemaVersion + 2, () => 'CREATE TABLE later_x (id integer PRIMARY KEY); SELECT no_such_function();')];
    await expect(migratePgSchema(await owner(), cluster().appRole, failing)).rejects.toThrow(/no_such_function/);
    const client = await owner();
    expect(await pgSchemaVersion(client)).toBe(pgBaselineVersion);
    expect(await tableExists(client, 'later_1')).toBe(false);
    expect(await tableExists(client, 'later_x')).toBe(false);
    // A server left older than the workstation is refused in words, not used.
    const appClient = await app.connect();
    opened.push({ end: async () => appClient.release() });
    await expect(assertPgSchemaCurrent(appClient, [...migrations, later(1)])).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/must be upgraded/) });
  });

  it('lets two workstations upgrade at once: one runs the steps, the other finds them done', async () => {
    const { owner } = await freshStore();
    const list = [...migrations, later(1)];
    const [a, b] = await Promise.all([owner(), owner()]);
    const results = await Promise.all([migratePgSchema(a, cluster().appRole, list), migratePgSchema(b, cluster().appRole, list)]);
    expect(results.map((r) => r.to)).toEqual([latestSchemaVersion + 1, latestSchemaVersion + 1]);
    expect(results.filter((r) => r.from === latestSchemaVersion)).toHaveLength(1);
    expect(await pgSchemaVersion(a)).toBe(latestSchemaVersion + 1);
  });

  it('refuses the app’s role: only the schema’s owner upgrades', async () => {
    const { app } = await freshStore();
    const appClient = await app.connect();
    opened.push({ end: async () => appClient.release() });
    await expect(migratePgSchema(appClient, cluster().appRole, [...migrations, later(1)])).rejects.toThrow(/permission denied/);
    expect(await pgSchemaVersion(appClient)).toBe(pgBaselineVersion);
  });
});
