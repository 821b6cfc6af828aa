import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/audit';
import { discardRestore, prepareRestore, readBackupMeta } from '../backend/backup/backup-file';
import { summaryOf } from '../backend/consents/authorization-view';
import { storePaths } from '../backend/data-dir';
import { openDatabase, type Db } from '../backend/store/database';
import { readKeyring, type Keyring } from '../backend/store/keyring';
import { Store } from '../backend/store/store';
import { FieldCipher } from '../backend/store-pg/field-crypto';
import { auditEventsFromPg, verifyAuditChainPg } from '../backend/store-pg/pg-audit-log';
import { createPgConsentRepository } from '../backend/store-pg/pg-consent-repository';
import { checkMovedStore } from '../backend/store-pg/pg-migrate-store';
import { moveStoreFromFile } from '../backend/store-pg/pg-move-from-file';
import { createPgTemplateRepository } from '../backend/store-pg/pg-practice-repository';
import { seedDemoStoreIn } from '../backend/store-pg/testing/demo-store';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../backend/store-pg/testing/pg-cluster';
import { tempDataDir } from '../backend/testing/test-backend';
import { listed } from './commands/consents-list';
import { consentDeskBin, repoRoot, runConsentDesk } from './testing/cli-process';

/**
 * `consent-desk backup-server` as a user runs it, on the demo store moved to
 * a real PostgreSQL: clear refusals, a backup killed half-way that leaves
 * nothing under its name, a backup that today's checks accept, its restore
 * by migrate-store into a second empty database that lists the same
 * consents and holds the same audit chain byte for byte, and a check that
 * reports a record changed on the server after the backup.
 */
const password = 'demo password for everyone';
const root = tempDataDir('backup-server-cli');
const dataDir = path.join(root, 'store');
const folder = path.join(root, 'backups');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** The address without its password, and the password for PGPASSWORD. */
function split(url: string): { address: string; secret: string } {
  const match = /^(postgresql:\/\/[^:@/]+):([^@/]+)@/.exec(url);
  if (!match) throw new Error('unexpected test cluster address');
  return { address: url.replace(`:${match[2]}@`, '@'), secret: decodeURIComponent(match[2]!) };
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** What `consents list --json` prints, computed from a server's records (its own wording versions) as of `asOf`. */
async function consentsListOf(client: pg.Client, cipher: FieldCipher, asOf: string): Promise<string> {
  const templates = new Map((await createPgTemplateRepository(cipher).listTemplates(client)).map((t) => [t.id, t]));
  const records = await createPgConsentRepository(cipher).listAuthorizations(client);
  const authorizations = records.map(({ rowVersion: _v, ...r }) => listed(summaryOf(r, templates.get(r.templateId)!, asOf)));
  return `${JSON.stringify({ asOf, authorizations }, null, 2)}\n`;
}

/** A server's whole audit chain, every event as it reads back. */
async function auditOf(client: pg.Client, cipher: FieldCipher): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  for (let page = await auditEventsFromPg(client, cipher, 1); page.length; page = await auditEventsFromPg(client, cipher, events.length + 1)) events.push(...page);
  return events;
}

describe.skipIf(!pgAvailable)(`consent-desk backup-server${pgSkipReason}`, () => {
  const cluster = useThrowawayCluster();
  let app: { address: string; secret: string };
  let superuser: pg.Client;
  let db: Db;
  let keyring: Keyring;
  let cipher: FieldCipher;
  const target = path.join(folder, 'server.cdbackup');
  const args = (from: string, to = target, user = 'admin') => ['backup-server', '--from', from, '--user', user, '--password-stdin', '--to', to];

  beforeAll(async () => {
    await seedDemoStoreIn(dataDir, password);
    fs.mkdirSync(folder);
    const owner = split(cluster().ownerUrl);
    app = split(cluster().appUrl);
    process.env.PGPASSWORD = owner.secret;
    try {
      const moved = await moveStoreFromFile({ from: dataDir, to: owner.address, appRole: cluster().appRole, credential: { username: 'admin', password } });
      expect(moved.check.problems).toEqual([]);
    } finally {
      delete process.env.PGPASSWORD;
    }
    superuser = await connect(cluster().superuserUrl);
    const [unlocked] = await Store.unlock(storePaths(dataDir), { username: 'admin', password });
    keyring = readKeyring(storePaths(dataDir).keyring)!;
    cipher = new FieldCipher([{ keyId: keyring.keyEpoch, dataKey: unlocked!.dataKey }], keyring.keyEpoch);
    db = openDatabase(storePaths(dataDir).database, unlocked!.dataKey, { cipher: keyring.cipher });
  }, 300_000);
  afterAll(async () => {
    db?.close();
    await superuser?.end();
  });

  it('refuses, in one line and with nothing written, a password in the address, a server it cannot reach, a wrong password and anyone but an administrator', async () => {
    const inAddress = await runConsentDesk(args(cluster().appUrl), `${password}\n`);
    expect(inAddress.code).toBe(2);
    expect(inAddress.stderr).toMatch(/^consent-desk: .*Put the database password in PGPASSWORD or ~\/\.pgpass, not in --from/);
    expect(inAddress.stderr).not.toContain(app.secret);

    const nowhere = app.address.replace(/host=[^&]+/, `host=${encodeURIComponent(path.join(root, 'no-server-here'))}`);
    const unreachable = await runConsentDesk(args(nowhere), `${password}\n`, { PGPASSWORD: app.secret });
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toBe('consent-desk: The practice server cannot be reached. Nothing was saved; check the network and try again.\n');

    const wrongAccount = await runConsentDesk(args(app.address), `${password}\n`, { PGPASSWORD: 'not the password' });
    expect(wrongAccount.code).toBe(2);
    expect(wrongAccount.stderr).toMatch(/^consent-desk: The practice server refused the database account \(wrong user name or password\)/);

    const wrongPassword = await runConsentDesk(args(app.address), 'not her password\n', { PGPASSWORD: app.secret });
    expect(wrongPassword.code).toBe(2);
    expect(wrongPassword.stderr).toBe('consent-desk: The username or password is not right for this store.\n');

    const frontDesk = await runConsentDesk(args(app.address, target, 'frontdesk'), `${password}\n`, { PGPASSWORD: app.secret });
    expect(frontDesk.code).toBe(2);
    expect(frontDesk.stderr).toBe('consent-desk: Only an administrator can back up the store.\n');

    const noFolder = await runConsentDesk(args(app.address, path.join(root, 'missing', 'x.cdbackup')), `${password}\n`, { PGPASSWORD: app.secret });
    expect(noFolder.code).toBe(2);
    expect(noFolder.stderr).toMatch(/^consent-desk: The folder .*missing does not exist\.\n$/);
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  it('leaves nothing under the backup’s name when killed half-way; run again, it writes a backup today’s checks accept', async () => {
    const child = spawn(process.execPath, [consentDeskBin, ...args(app.address)], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, PGPASSWORD: app.secret } });
    child.stdin.end(`${password}\n`);
    let stderr = '';
    // Killed once it is copying (the file under its hidden work name is being written).
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (/Copying staff: \d+ of/.test(stderr)) resolve();
      });
      child.on('exit', (code) => reject(new Error(`backup-server ended (${code}) before copying: ${stderr}`)));
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(folder).filter((name) => !name.startsWith('.'))).toEqual([]);

    const run = await runConsentDesk(args(app.address), `${password}\n`, { PGPASSWORD: app.secret });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Copying from one snapshot of the server/);
    expect(run.stdout).toMatch(/^Backed up to .*server\.cdbackup \(\d+ bytes; database SHA-256 [0-9a-f]{64}\)\n/);
    expect(run.stdout).toMatch(/\n {2}[1-9]\d* patients, [1-9]\d* authorizations, [1-9]\d* testimonials, [1-9]\d* photos and videos, [1-9]\d* posts, [1-9]\d* audit events\n/);
    expect(run.stdout).toMatch(/\n {2}[1-9]\d* incidents with [1-9]\d* documents, [1-9]\d* post review messages, [1-9]\d* review schedules, [1-9]\d* checked replies\n/);
    expect(run.stdout).toMatch(/\nChecked: audit chain intact on both \(\d+ events, same head\); every record and file identical\.\n$/);
    const meta = await readBackupMeta(target);
    expect(meta.auditHead).toEqual(db.prepare('SELECT seq, hash FROM audit_head').get());
    const prepared = await prepareRestore(path.join(root, 'check'), target, { username: 'admin', password });
    discardRestore(prepared);

    // Run again to the same name: refused, the backup left as it was.
    const before = fs.readFileSync(target);
    const again = await runConsentDesk(args(app.address), `${password}\n`, { PGPASSWORD: app.secret });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/server\.cdbackup already exists; choose another name\.\n$/);
    expect(fs.readFileSync(target).equals(before)).toBe(true);
  });

  it('restores by migrate-store from the backup into a second empty database: the same consents list and the same audit chain, byte for byte', async () => {
    expect(fs.existsSync(target)).toBe(true);
    await superuser.query(`CREATE DATABASE restored OWNER ${cluster().ownerRole}`);
    const restoredUrl = (url: string) => url.replace(`@/${cluster().database}?`, '@/restored?');
    const owner = split(restoredUrl(cluster().ownerUrl));
    const run = await runConsentDesk(['migrate-store', '--from', target, '--to', owner.address, '--user', 'admin', '--password-stdin', '--app-role', cluster().appRole], `${password}\n`, {
      PGPASSWORD: owner.secret,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Unpacked and checked the backup made /);
    expect(run.stdout).toMatch(/Checked: audit chain intact on both \(\d+ events, same head\); every record and file identical\./);
    // Nothing of the unpacked copy is left beside the backup.
    expect(fs.readdirSync(folder).filter((name) => !name.startsWith('.'))).toEqual(['server.cdbackup']);

    const [original, restored] = await Promise.all([connect(cluster().appUrl), connect(restoredUrl(cluster().appUrl))]);
    try {
      // The store that was moved to the first server, checked against the second: everything came through the backup.
      const check = await checkMovedStore(db, cipher, restored, { keyring });
      expect(check.problems).toEqual([]);
      expect(check.ok).toBe(true);

      const listed = await runConsentDesk(['consents', 'list', '--data-dir', dataDir, '--user', 'admin', '--password-stdin', '--json'], `${password}\n`);
      expect(listed.code).toBe(0);
      const asOf = (JSON.parse(listed.stdout) as { asOf: string }).asOf;
      expect(await consentsListOf(restored, cipher, asOf)).toBe(listed.stdout);
      expect(await consentsListOf(restored, cipher, asOf)).toBe(await consentsListOf(original, cipher, asOf));

      // The audit chain: the same verification and every event the same, hashes included.
      expect(await verifyAuditChainPg(restored, cipher)).toEqual(await verifyAuditChainPg(original, cipher));
      expect(await verifyAuditChainPg(restored, cipher)).toMatchObject({ intact: true });
      expect(JSON.stringify(await auditOf(restored, cipher))).toBe(JSON.stringify(await auditOf(original, cipher)));
    } finally {
      await Promise.all([original.end(), restored.end()]);
    }
  }, 120_000);

  it('reports a record changed on the server after the backup (the check can fail)', async () => {
    const prepared = await prepareRestore(path.join(root, 'tamper'), target, { username: 'admin', password });
    const backup = openDatabase(prepared.work.database, prepared.dataKey, { cipher: prepared.keyring.cipher });
    const owner = await connect(cluster().ownerUrl);
    try {
      expect((await checkMovedStore(backup, cipher, owner, { keyring })).problems).toEqual([]);
      await owner.query('ALTER TABLE posts DISABLE TRIGGER USER');
      expect((await owner.query("UPDATE posts SET state = 'draft' WHERE state = 'published'")).rowCount).toBeGreaterThan(0);
      const tampered = await checkMovedStore(backup, cipher, owner, { keyring });
      expect(tampered.ok).toBe(false);
      expect(tampered.problems).toEqual(['Posts differ between the file and the server.']);
    } finally {
      await owner.end();
      backup.close();
      discardRestore(prepared);
    }
  });
});
