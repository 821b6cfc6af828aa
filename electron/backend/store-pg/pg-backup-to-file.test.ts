import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storePaths } from '../data-dir';
import { configureConnection, openDatabase, type Db } from '../store/database';
import { readKeyring, type Keyring } from '../store/keyring';
import { readBackupKeyring, readBackupMeta, prepareRestore, discardRestore } from '../backup/backup-file';
import { migrate } from '../store/migrate';
import { latestSchemaVersion, migrations } from '../store/migrations';
import type { Migration } from '../store/migrations/migration';
import { insertPatientCopy } from '../repositories/patient-copy-repository';
import { savePolicyDraft } from '../repositories/policy-repository';
import { insertPresetVersion } from '../repositories/scope-preset-repository';
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
  // A record's row version counts the edits of the store it is in: the server's start again from 1 when a store is moved there.
  const columns = (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]).filter((c) => c !== 'row_version');
  return db.prepare(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY ${keyOrdered[table] ?? (withoutRowid ? '1' : 'rowid')}`).raw(true).all();
}

/**
 * What the demo does not make, so that every copied table holds rows: a scope preset in two versions, a policy draft, a
 * patient copy entry, a retention purge (of an authorization that stays: the purge record alone is what is copied) and a
 * post still to be judged.
 */
function seedMissingRecords(db: Db): void {
  const admin = db.prepare("SELECT id FROM staff WHERE username = 'admin'").pluck().get() as string;
  const final = db.prepare("SELECT id, patient_id AS patientId, created_at AS createdAt, signed_at AS signedAt FROM authorizations WHERE stage = 'final' ORDER BY rowid LIMIT 1").get() as { id: string; patientId: string; createdAt: string; signedAt: string };
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 3, 9, minute)).toISOString();
  const preset = { id: crypto.randomUUID(), name: 'Knee stories', scope: { uses: ['website'], media: ['photo'] }, duration: { kind: 'months', months: 12 } } as unknown as Parameters<typeof insertPresetVersion>[1];
  db.transaction(() => {
    insertPresetVersion(db, { ...preset, version: 1, retired: false, createdAt: at(1), createdBy: admin });
    insertPresetVersion(db, { ...preset, version: 2, name: 'Knee stories (retired)', retired: true, createdAt: at(2), createdBy: admin });
    const text = JSON.parse(db.prepare('SELECT text FROM policy_versions ORDER BY version DESC LIMIT 1').pluck().get() as string) as Parameters<typeof savePolicyDraft>[1];
    savePolicyDraft(db, text, at(3), admin);
    insertPatientCopy(db, { id: crypto.randomUUID(), authorizationId: final.id, method: 'printed', recordedAt: at(4), recordedBy: admin });
    db.prepare(
      `INSERT INTO authorization_purges (authorization_id, patient_id, created_at, signed_at, revoked_at, last_day_in_effect, kept_through, pdf_sha256, revocation_pdf_sha256, purged_at, purged_by)
       VALUES (?, ?, ?, ?, NULL, '2026-01-31', '2032-01-31', ?, NULL, ?, ?)`,
    ).run(crypto.randomUUID(), final.patientId, final.createdAt, final.signedAt, 'e'.repeat(64), at(5), admin);
    // A post still to be judged again (its consent changed since its verdict was kept).
    db.prepare("INSERT INTO post_coverage_stale (post_id) SELECT id FROM posts WHERE state = 'published' ORDER BY rowid LIMIT 1").run();
  })();
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
    seedMissingRecords(db);
    [owner, app] = await Promise.all([connect(cluster().ownerUrl), connect(cluster().appUrl)]);
    const moved = await moveStoreToPg(db, cipher, { owner, app, appRole: cluster().appRole }, undefined, { keyring });
    expect(moved.check.problems).toEqual([]);
  }, 300_000);

  afterAll(async () => {
    db?.close();
    await Promise.all([owner?.end(), app?.end()]);
  });

  it('knows every table of the schema: copied, or kept by the file itself (a new table fails here until it is one of them)', () => {
    const file = freshFile(path.join(root, 'schema.db'), crypto.randomBytes(32), keyring.cipher);
    try {
      const tables = file.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
      expect([...copiedTables, ...derivedTables].sort()).toEqual(tables);
      expect(tablesNotCopied(file)).toEqual([]);
      file.exec('CREATE TABLE later_records (id TEXT PRIMARY KEY) STRICT');
      expect(tablesNotCopied(file)).toEqual(['later_records']);
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
      expect(progress).toEqual(['staff', 'settings', 'retiredDataKeys', 'templates', 'scopePresets', 'certificates', 'policyVersions', 'policyAcknowledgments', 'patients', 'testimonials', 'media', 'authorizations', 'posts', 'patientCopies', 'trainingSessions', 'trainingMaterials', 'quizResults', 'reviewSchedules', 'channelReviews', 'purges', 'replyChecks', 'postReviewMessages', 'incidents', 'incidentDocuments', 'auditEvents'].filter((s) => counts[s as keyof typeof counts] > 0));
      expect(counts.staff).toBeGreaterThan(2);
      expect(counts.auditEvents).toBe(db.prepare('SELECT count(*) FROM audit_events').pluck().get());
      // Every table copied holds rows in the store moved (the test proves something of each).
      expect(copiedTables.filter((t) => rowsOf(db, t).length === 0)).toEqual([]);
      for (const table of [...copiedTables, 'audit_head', 'patient_name_tokens']) expect({ table, rows: rowsOf(file, table) }).toEqual({ table, rows: rowsOf(db, table) });
      // The file's own triggers kept the counts of what was copied.
      expect(file.prepare("SELECT n FROM record_counts WHERE table_name IN ('staff', 'audit_events') ORDER BY table_name").pluck().all()).toEqual([
        counts.auditEvents,
        counts.staff,
      ]);
    } finally {
      file.close();
    }
  });

  it('refuses while a table is not copied (a later schema with one more table), and leaves nothing under the target’s name or beside it', async () => {
    const folder = path.join(root, 'refused');
    fs.mkdirSync(folder);
    const target = path.join(folder, 'server.cdbackup');
    const later: Migration = { version: latestSchemaVersion + 1, name: 'later-records', up: (d) => d.exec('CREATE TABLE later_records (id TEXT PRIMARY KEY) STRICT') };
    await expect(backupServerStore({ server: app, cipher, dataKey, target, now: new Date(), migrations: [...migrations, later] })).rejects.toThrow(notCopiedMessage(['later_records']));
    expect(fs.readdirSync(folder)).toEqual([]);
    // The snapshot was ended: the connection is idle again.
    expect(app.getTransactionStatus()).toBe('I');
  });

  it('writes today’s backup format, checked against the snapshot it copied, which today’s restore checks accept', async () => {
    const folder = path.join(root, 'made');
    fs.mkdirSync(folder);
    const target = path.join(folder, 'server.cdbackup');
    const steps: string[] = [];
    const { info, counts, check } = await backupServerStore({ server: app, cipher, dataKey, target, now: new Date('2026-11-04T08:00:00.000Z'), onProgress: (p) => void (p.done === p.total && steps.push(p.step)) });
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
    expect(check.target).toEqual(check.source);
    expect(steps.at(-1)).toBe('auditEvents');
    expect(counts.auditEvents).toBe(db.prepare('SELECT count(*) FROM audit_events').pluck().get());
    // Only the backup is left in the folder: no work file beside it.
    expect(fs.readdirSync(folder)).toEqual(['server.cdbackup']);
    const meta = await readBackupMeta(target);
    expect(meta).toMatchObject({ format: 'consent-desk-backup', storeId: keyring.storeId, keyEpoch: keyring.keyEpoch, cipher: keyring.cipher, schemaVersion: latestSchemaVersion, trigger: 'manual' });
    expect(meta.auditHead).toEqual(db.prepare('SELECT seq, hash FROM audit_head').get());
    expect(meta.writeCounter).toBe(db.prepare('SELECT write_counter FROM store_meta').pluck().get());
    expect(info).toMatchObject({ filePath: target, databaseSha256: meta.database.sha256, auditHeadSeq: meta.auditHead.seq });
    // Its key file is the server's (the administrator's password opens it), and today's restore checks pass it.
    expect(await readBackupKeyring(target)).toEqual(keyring);
    const prepared = await prepareRestore(path.join(root, 'restore-check'), target, { username: 'admin', password });
    try {
      expect(prepared.staff).toMatchObject({ username: 'admin' });
      expect(prepared.auditEvents).toBe(meta.auditHead.seq);
    } finally {
      discardRestore(prepared);
    }
    // A second backup to the same name is refused, and the first is left as it was.
    const before = fs.readFileSync(target);
    await expect(backupServerStore({ server: app, cipher, dataKey, target, now: new Date() })).rejects.toThrow(/already exists/);
    expect(fs.readFileSync(target).equals(before)).toBe(true);
  });
});
