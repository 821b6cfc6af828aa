import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { StaffMember } from '../../../../shared/staff';
import { insertStaff } from '../../repositories/staff-repository';
import { configureConnection, openDatabase, type Db } from '../../store/database';
import { migrate } from '../../store/migrate';
import { migrations } from '../../store/migrations/index';
import { FieldCipher } from '../../store-pg/field-crypto';
import { createFoundationSchema } from '../../store-pg/pg-schema';
import type { PgTestCluster } from '../../store-pg/testing/pg-cluster';
import { tempDataDir } from '../../testing/test-backend';
import { PgStoreEngine, type PgEngineOptions } from '../pg-store-engine';
import { SqliteStoreEngine, type SqliteEngineHooks } from '../sqlite-store-engine';
import type { StoreEngine } from '../store-engine';

/** The staff the shared records name (SQLite checks them as foreign keys and joins the approver's name). */
export const testStaff = [
  { id: 'staff-frontdesk', displayName: 'Robin Reception' },
  { id: 'staff-admin', displayName: 'Pat Privacy' },
  { id: 'staff-marketing', displayName: 'Morgan Marketing' },
];

export const testTemplateIds = ['template-1', 'template-2', 'template-3', 'template-9'];

export interface EngineUnderTest {
  // The conformance suite is written once against the interface, whatever the engine's transaction handle.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  engine: StoreEngine<any>;
  close(): Promise<void>;
}

/**
 * A fresh encrypted SQLite store on disk at the latest schema, with the test
 * staff and the test template versions unless told otherwise (the staff
 * suite adds its own staff; the practice suite reads the built-in wording).
 */
export function sqliteEngineUnderTest(options: { staff?: boolean; testTemplates?: boolean; hooks?: SqliteEngineHooks } = {}): EngineUnderTest & { db: Db; file: string; dir: string; key: Buffer } {
  const { staff = true, testTemplates = true } = options;
  const dir = tempDataDir('engine');
  const file = path.join(dir, 'store.db');
  const key = crypto.randomBytes(32);
  const db = openDatabase(file, key, { cipher: 'aegis', create: true });
  configureConnection(db);
  migrate(db, file, migrations);
  const at = '2026-12-01T08:00:00.000Z';
  for (const s of staff ? testStaff : []) {
    const member: StaffMember = { id: s.id, username: s.id, displayName: s.displayName, role: 'admin', status: 'active', createdAt: at, updatedAt: at };
    insertStaff(db, member);
  }
  if (testTemplates) {
    // Template versions the records name (SQLite checks them as foreign keys; the server keeps templates on the workstation for now).
    const template = db.prepare("INSERT INTO templates (id, language, version, text, active, created_at) VALUES (?, 'en', ?, 'Test wording', 0, ?)");
    for (const [i, id] of testTemplateIds.entries()) template.run(id, 1000 + i, at);
  }
  const engine = new SqliteStoreEngine(db, { snapshotConnection: { open: () => openDatabase(file, key, { cipher: 'aegis' }) }, ...options.hooks });
  return {
    engine,
    db,
    file,
    dir,
    key,
    async close() {
      await engine.close();
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh database on the throwaway cluster, its schema made by the owner, the engine connected as the app role. */
export async function pgEngineUnderTest(cluster: PgTestCluster, options: PgEngineOptions = {}): Promise<EngineUnderTest & { pool: pg.Pool; appUrl: string; database: string; cipher: FieldCipher; dataKey: Buffer }> {
  const database = `store_${crypto.randomBytes(6).toString('hex')}`;
  const superuser = new pg.Client({ connectionString: cluster.superuserUrl });
  await superuser.connect();
  try {
    await superuser.query(`CREATE DATABASE ${database} OWNER ${cluster.ownerRole}`);
    await superuser.query(`REVOKE ALL ON DATABASE ${database} FROM PUBLIC`);
    await superuser.query(`GRANT CONNECT ON DATABASE ${database} TO ${cluster.appRole}`);
  } finally {
    await superuser.end();
  }
  const urlOf = (url: string) => url.replace(`@/${cluster.database}?`, `@/${database}?`);
  const ownerClient = new pg.Client({ connectionString: urlOf(cluster.ownerUrl) });
  await ownerClient.connect();
  try {
    await createFoundationSchema(ownerClient, cluster.appRole);
  } finally {
    await ownerClient.end();
  }
  const dataKey = crypto.randomBytes(32);
  const cipher = new FieldCipher([{ keyId: 1, dataKey }], 1);
  const appUrl = urlOf(cluster.appUrl);
  const pool = new pg.Pool({ connectionString: appUrl, max: 4 });
  const engine = new PgStoreEngine(pool, cipher, options);
  return { engine, pool, appUrl, database, cipher, dataKey, close: () => engine.close() };
}
