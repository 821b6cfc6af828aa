import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/audit-log';
import { runScheduledBackup } from './backup-scheduler';
import { BackendCore } from '../backend-core';
import { listAudit } from '../audit/audit-log';
import { storePaths } from '../data-dir';
import { openDatabase } from '../store/database';
import { Store } from '../store/store';
import { manualClock } from '../testing/manual-clock';
import { adminPassword, rejection, setUpStore, tempDataDir, testKdf } from '../testing/test-backend';
import { readZip, writeZip } from '../testing/zip-tools';
import { commitRestore, databaseEntry, prepareRestore, writeBackup } from './backup-file';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const writerScript = path.resolve(import.meta.dirname, '../testing/crash-writer.ts');
const admin = { username: 'admin', password: adminPassword };
const dirs: string[] = [];
const fresh = (label: string) => {
  const dir = tempDataDir(label);
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

async function unlockedStore(dataDir: string) {
  const paths = storePaths(dataDir);
  const [unlocked] = await Store.unlock(paths, admin);
  if (!unlocked) throw new Error('the admin password should unlock the store');
  return unlocked;
}

/** The crash writer (store/crash-safety.test.ts's child) writing audited records in a loop; resolves once it has written some. */
function startWriter(dataDir: string, key: Buffer, cipher: string): Promise<{ child: ChildProcessWithoutNullStreams; acknowledged: () => number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writerScript, dataDir], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    let lines = 0;
    let resolved = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      lines += chunk.split('\n').length - 1;
      if (!resolved && lines > 20) {
        resolved = true;
        resolve({ child, acknowledged: () => lines - 1 });
      }
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (!resolved) reject(new Error(`writer stopped (${code}): ${stderr}`));
    });
    child.stdin.end(JSON.stringify({ key: key.toString('hex'), cipher }));
  });
}

describe('backups', () => {
  it('cannot use better-sqlite3’s backup(): SQLite3 Multiple Ciphers refuses an unkeyed destination rather than write plaintext', async () => {
    const { backend, dataDir } = await setUpStore({ dataDir: fresh('backup-api') });
    backend.close();
    const unlocked = await unlockedStore(dataDir);
    const store = Store.openWithKey(storePaths(dataDir), unlocked.keyring, unlocked.dataKey);
    try {
      const target = path.join(dataDir, 'plain-copy.db');
      await expect(store.db.backup(target)).rejects.toThrow(/backup is not supported with incompatible source and target databases/);
      const left = fs.existsSync(target) ? fs.readFileSync(target) : Buffer.alloc(0);
      expect(left.includes('SQLite format 3')).toBe(false);
    } finally {
      store.close();
    }
  });

  it('holds no plaintext, and its database opens only with the data key', async () => {
    const t = await setUpStore({ dataDir: fresh('backup-plain') });
    await t.call('patients.create', {
      firstName: 'Zebulon',
      lastName: 'Quixotic',
      dateOfBirth: '1970-01-01',
      recordNumber: 'MRN-UNIQUE-4242',
      phone: null,
      email: null,
      city: null,
    });
    const info = await t.call('backups.create', {});
    expect(info).toMatchObject({ trigger: 'manual', schemaVersion: expect.any(Number) });
    expect(path.dirname(info.filePath)).toBe(path.join(t.dataDir, 'backups'));
    const raw = fs.readFileSync(info.filePath);
    for (const secret of ['Zebulon', 'Quixotic', 'MRN-UNIQUE-4242', 'SQLite format 3']) expect(raw.includes(secret), secret).toBe(false);

    const copy = path.join(t.dataDir, 'copy.db');
    fs.writeFileSync(copy, (await readZip(info.filePath)).get(databaseEntry)!);
    const unlocked = await unlockedStore(t.dataDir);
    expect(() => openDatabase(copy, crypto.randomBytes(32), { cipher: unlocked.keyring.cipher })).toThrow(/cannot be read with this key/);
    const db = openDatabase(copy, unlocked.dataKey, { cipher: unlocked.keyring.cipher });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT last_name FROM patients').pluck().get()).toBe('Quixotic');
    db.close();
    t.backend.close();
  });

  it('taken while another process writes, restores to a store whose integrity check and audit chain pass', async () => {
    const { backend, dataDir } = await setUpStore({ dataDir: fresh('backup-live') });
    backend.close();
    const unlocked = await unlockedStore(dataDir);
    const writer = await startWriter(dataDir, unlocked.dataKey, unlocked.keyring.cipher);
    const out = fresh('backup-live-out');
    const store = Store.openWithKey(storePaths(dataDir), unlocked.keyring, unlocked.dataKey);
    const taken: { file: string; records: number }[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const before = writer.acknowledged();
        const file = path.join(out, `live-${i}.cdbackup`);
        const info = await writeBackup(store, file, { now: new Date(), trigger: 'manual' });
        expect(info.auditHeadSeq).toBeGreaterThan(before);
        taken.push({ file, records: info.auditHeadSeq });
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
    } finally {
      store.close();
      writer.child.kill('SIGKILL');
    }
    // The writer kept going while the copies were made.
    expect(taken[2]!.records).toBeGreaterThan(taken[0]!.records);

    for (const { file, records } of taken) {
      const target = fresh('backup-live-restore');
      const prepared = await prepareRestore(target, file, admin);
      expect(prepared.auditEvents).toBe(records);
      commitRestore(prepared, target, { at: new Date(), workstation: 'test' });
      const again = await unlockedStore(target);
      const restored = Store.openWithKey(storePaths(target), again.keyring, again.dataKey);
      try {
        expect(restored.db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(verifyAuditChain(restored.db)).toMatchObject({ intact: true, events: records + 1 });
        // Each staff row the writer committed came with its audit event: the copy is of one moment.
        const unaudited = restored.db
          .prepare("SELECT count(*) FROM staff s WHERE username LIKE 'crash-%' AND NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.subject_id = s.id)")
          .pluck()
          .get();
        expect(unaudited).toBe(0);
      } finally {
        restored.close();
      }
    }
  }, 60_000);

  it('is refused on restore when damaged, and never written when its audit chain is broken (a restore would refuse it)', async () => {
    const t = await setUpStore({ dataDir: fresh('backup-damaged') });
    const info = await t.call('backups.create', {});
    t.backend.close();
    const live = storePaths(t.dataDir);
    const before = crypto.createHash('sha256').update(fs.readFileSync(live.database)).digest('hex');

    const damaged = path.join(t.dataDir, 'damaged.cdbackup');
    const files = await readZip(info.filePath);
    const db = Buffer.from(files.get(databaseEntry)!);
    db[db.length >> 1]! ^= 0xff;
    files.set(databaseEntry, db);
    await writeZip(damaged, files);
    expect((await rejection(prepareRestore(t.dataDir, damaged, admin))).message).toMatch(/does not match its SHA-256/);

    // A store whose audit trail was edited behind the app's back, then backed up.
    const unlocked = await unlockedStore(t.dataDir);
    const raw = openDatabase(live.database, unlocked.dataKey, { cipher: unlocked.keyring.cipher });
    raw.exec('DROP TRIGGER audit_events_no_update');
    raw.prepare('UPDATE audit_events SET detail = ? WHERE seq = 2').run('edited');
    raw.close();
    const store = Store.openWithKey(live, unlocked.keyring, unlocked.dataKey);
    const broken = path.join(t.dataDir, 'broken.cdbackup');
    // Before, this backup was written (and scheduled ones reported success), then refused at restore.
    const refused = await rejection(writeBackup(store, broken, { now: new Date(), trigger: 'manual' }));
    store.close();
    expect(refused.message).toMatch(/audit chain is broken at event 2.*The backup was not saved/);
    expect(fs.existsSync(broken)).toBe(false);
    expect(fs.readdirSync(t.dataDir).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(crypto.createHash('sha256').update(fs.readFileSync(live.database)).digest('hex')).not.toBe(before);
  });

  it('made before a key rotation, restores with the key file of its time (which is why it carries one)', async () => {
    const t = await setUpStore({ dataDir: fresh('backup-rotation') });
    const leaver = await t.call('staff.create', { username: 'leaver', displayName: 'Lee Leaver', role: 'frontdesk', password: 'leaver password 123' });
    const info = await t.call('backups.create', {});
    await t.call('staff.disable', { id: leaver.id }); // rotates the data key
    const now = await unlockedStore(t.dataDir);
    const copy = path.join(t.dataDir, 'copy.db');
    fs.writeFileSync(copy, (await readZip(info.filePath)).get(databaseEntry)!);
    expect(() => openDatabase(copy, now.dataKey, { cipher: now.keyring.cipher })).toThrow(/cannot be read with this key/);

    // Through the contract: checked, everyone signed out, store replaced.
    const state = await t.call('backups.restore', { filePath: info.filePath, password: adminPassword });
    expect(state.phase).toBe('signed_out');
    await t.call('session.signIn', admin);
    expect((await t.call('staff.list', {})).find((s) => s.username === 'leaver')?.status).toBe('active');
    expect((await t.call('store.status', {})).auditChain.intact).toBe(true);
    expect((await t.call('audit.list', { action: 'store.restored' })).events).toHaveLength(1);
    t.backend.close();
  });

  it('refuses a restore with a password that does not open the backup, changing nothing', async () => {
    const t = await setUpStore({ dataDir: fresh('backup-wrong') });
    const info = await t.call('backups.create', {});
    const refused = await rejection(t.call('backups.restore', { filePath: info.filePath, password: 'not the password at all' }));
    expect(refused.code).toBe('unauthorized');
    expect((await t.call('app.state', {})).phase).toBe('active');
    t.backend.close();
  });

  it('runs on a schedule: daily by default, keeping the newest N, audited', async () => {
    const clock = manualClock('2026-05-01T08:00:00.000Z');
    const folder = fresh('backup-schedule');
    const t = await setUpStore({ dataDir: fresh('backup-schedule-store'), now: clock.now });
    expect((await t.call('backups.list', {})).schedule).toEqual({ enabled: true, folder: null, everyHours: 24, keep: 14 });
    const overview = await t.call('backups.setSchedule', { enabled: true, folder, everyHours: 24, keep: 2 });
    expect(overview).toMatchObject({ folder, lastBackupAt: null, nextBackupAt: '2026-05-01T08:00:00.000Z' });
    await t.call('session.signOut', {});
    t.backend.close();

    // What the backend's clock does (see the next test): a core with the store open (signed in or locked).
    const core = new BackendCore({ dataDir: t.dataDir, now: clock.now, kdf: testKdf });
    const opened = await Store.open(storePaths(t.dataDir), admin);
    core.adoptStore(opened!.store);
    try {
      expect(await runScheduledBackup(core)).not.toBeNull();
      expect(await runScheduledBackup(core)).toBeNull();
      clock.advance(23 * 3_600_000);
      expect(await runScheduledBackup(core)).toBeNull();
      for (let day = 0; day < 2; day++) {
        clock.advance(24 * 3_600_000);
        expect(await runScheduledBackup(core)).not.toBeNull();
      }
      expect(fs.readdirSync(folder)).toEqual(['consent-desk-backup-20260503T070000000Z.cdbackup', 'consent-desk-backup-20260504T070000000Z.cdbackup']);
      const events = listAudit(opened!.store.db, { action: 'backup.', limit: 100 }).events.map((e) => `${e.action} ${e.actorName}`);
      expect(events.filter((e) => e === 'backup.created system')).toHaveLength(3);
      expect(events).toContain('backup.pruned system');

      // A folder that went away is audited and retried later, never thrown.
      fs.rmSync(folder, { recursive: true });
      clock.advance(24 * 3_600_000);
      expect(await runScheduledBackup(core)).toBeNull();
      expect(listAudit(opened!.store.db, { action: 'backup.failed', limit: 1 }).total).toBe(1);
    } finally {
      core.closeStore();
    }
  });

  it('is written by the backend’s own clock while the store is open, not by a call', async () => {
    const t = await setUpStore({ dataDir: fresh('backup-clock'), sweepIntervalMs: 25 });
    try {
      const folder = path.join(t.dataDir, 'backups');
      const deadline = Date.now() + 20_000;
      while (!(fs.existsSync(folder) && fs.readdirSync(folder).some((name) => name.endsWith('.cdbackup'))) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(fs.readdirSync(folder).filter((name) => name.endsWith('.cdbackup'))).toHaveLength(1);
      const overview = await t.call('backups.list', {});
      expect(overview.backups).toHaveLength(1);
      expect((await t.call('audit.list', { action: 'backup.created' })).events.map((e) => e.actorName)).toEqual(['system']);
    } finally {
      t.backend.close();
    }
  });
});

