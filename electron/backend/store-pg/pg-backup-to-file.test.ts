import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storePaths } from '../data-dir';
import { configureConnection, openDatabase, type Db } from '../store/database';
import { readKeyring, type Keyring } from '../store/keyring';
import { migrate } from '../store/migrate';
import { Store } from '../store/store';
import { tempDataDir } from '../testing/test-backend';
import { FieldCipher } from './field-crypto';
import { backupServerStore, copiedTables, copyServerToFile, derivedTables, notCopiedMessage, tablesNotCopied } from './pg-backup-to-file';
import { moveStoreToPg } from './pg-migrate-store';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from './testing/pg-cluster';
import { seedDemoStoreIn } from './testing/demo-store';

/**
 * The backup of a server store: the demo store, moved to a throwaway
 * PostgreSQL by migrate-store, copied back into a fresh encrypted file.
 * Every table the copy writes must come back as the file that was moved
 * held it, row for row and byte for byte; every table of the schema must be
 * copied, kept by the file's triggers, or make the backup refuse.
 */
const password = 'demo password for everyone';
const root = tempDataDir('pg-backup');
const dataDir = path.join(root, 'store');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** The tables of this version's schema that the backup does not copy yet (the backup refuses while there are any). */
const notCopiedYet = [
  'authorization_purges', 'authorizations', 'channel_review_posts', 'channel_reviews', 'incident_documents', 'incidents', 'media',
  'patient_name_tokens', 'patients', 'post_coverage_basis',
  'post_coverage_stale', 'post_review_messages', 'posts', 'quiz_results', 'removed_comments', 'reply_checks',
  'review_schedules', 'testimonials', 'training_attendees', 'training_materials', 'training_sessions',
];

function freshFile(file: string, dataKey: Buffer, cipher: Keyring['cipher']): Db {
  fs.closeSync(fs.openSync(file, 'wx', 0o600));
  const db = openDatabase(file, dataKey, { cipher, create: true });
  configureConnection(db);
  migrate(db, file);
  return db;
}

/** The tables whose insert order neither the app reads nor the server keeps: compared in the order of their key. */
const keyOrdered: Record<string, string> = { settings: 'key' };

/** A table's rows as SQLite holds them, in the order it keeps them (rowid, or the key of a table without one). */
function rowsOf(db: Db, table: string): unknown[] {
  const withoutRowid = (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(table) as string).includes('WITHOUT ROWID');
  return db.prepare(`SELECT * FROM ${table} ORDER BY ${keyOrdered[table] ?? (withoutRowid ? '1' : 'rowid')}`).raw(true).all();
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

describe.skipIf(!pgAvailable)(`backup of a server store into today's backup format${pgSkipReason}`, () => {
  const cluster = useThrowawayCluster();
  let db: Db;
  let cipher: FieldCipher;
  let keyring: Keyring;
  let dataKey: Buffer;
  let owner: pg.Client;
  let app: pg.Client;

  beforeAll(async () => {
    await seedDemoStoreIn(dataDir, password);
    const paths = storePaths(dataDir);
    const [unlocked] = await Store.unlock(paths, { username: 'admin', password });
    dataKey = unlocked!.dataKey;
    keyring = readKeyring(paths.keyring)!;
    cipher = new FieldCipher([{ keyId: keyring.keyEpoch, dataKey }], keyring.keyEpoch);
    db = openDatabase(paths.database, dataKey, { cipher: keyring.cipher });
    [owner, app] = await Promise.all([connect(cluster().ownerUrl), connect(cluster().appUrl)]);
    const moved = await moveStoreToPg(db, cipher, { owner, app, appRole: cluster().appRole }, undefined, { keyring });
    expect(moved.check.problems).toEqual([]);
  }, 300_000);

  afterAll(async () => {
    db?.close();
    await Promise.all([owner?.end(), app?.end()]);
  });

  it('knows every table of the schema: copied, kept by the file’s triggers, or not copied yet (a new table fails here until it is one of them)', () => {
    const file = freshFile(path.join(root, 'schema.db'), crypto.randomBytes(32), keyring.cipher);
    try {
      const tables = file.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
      for (const t of [...copiedTables, ...derivedTables]) expect(tables).toContain(t);
      expect(tablesNotCopied(file)).toEqual(notCopiedYet);
    } finally {
      file.close();
    }
  });

  it('copies each table it copies back exactly as the moved file held it, from one snapshot of the server', async () => {
    const file = freshFile(path.join(root, 'copy.db'), dataKey, keyring.cipher);
    try {
      const progress: string[] = [];
      await app.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const counts = await copyServerToFile(app, cipher, file, (p) => {
        if (p.done === p.total) progress.push(p.step);
      });
      await app.query('COMMIT');
      expect(progress).toEqual(['staff', 'settings', 'retiredDataKeys', 'templates', 'scopePresets', 'certificates', 'policyVersions', 'policyAcknowledgments', 'patientCopies', 'auditEvents'].filter((s) => counts[s as keyof typeof counts] > 0));
      expect(counts.staff).toBeGreaterThan(2);
      expect(counts.auditEvents).toBe(db.prepare('SELECT count(*) FROM audit_events').pluck().get());
      for (const table of [...copiedTables, 'audit_head']) expect({ table, rows: rowsOf(file, table) }).toEqual({ table, rows: rowsOf(db, table) });
      // The file's own triggers kept the counts of what was copied.
      expect(file.prepare("SELECT n FROM record_counts WHERE table_name IN ('staff', 'audit_events') ORDER BY table_name").pluck().all()).toEqual([
        counts.auditEvents,
        counts.staff,
      ]);
    } finally {
      file.close();
    }
  });

  it('refuses while a table is not copied, and leaves nothing under the target’s name or beside it', async () => {
    const folder = path.join(root, 'refused');
    fs.mkdirSync(folder);
    const target = path.join(folder, 'server.cdbackup');
    await expect(backupServerStore({ server: app, cipher, dataKey, target, now: new Date() })).rejects.toThrow(notCopiedMessage(notCopiedYet));
    expect(fs.readdirSync(folder)).toEqual([]);
    // The connection is usable again: the snapshot was ended.
    expect(app.getTransactionStatus()).toBe('I');
  });
});
