import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storePaths } from '../backend/data-dir';
import { configureConnection, openDatabase, type Db } from '../backend/store/database';
import { Store } from '../backend/store/store';
import { FieldCipher } from '../backend/store-pg/field-crypto';
import { checkMovedStore } from '../backend/store-pg/pg-migrate-store';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../backend/store-pg/testing/pg-cluster';
import { tempDataDir } from '../backend/testing/test-backend';
import { consentDeskBin, repoRoot, runConsentDesk } from './testing/cli-process';
import { seedDemoStoreIn } from '../backend/store-pg/testing/demo-store';

/**
 * `consent-desk migrate-store` as a user runs it, on the demo store and a
 * real PostgreSQL: clear refusals (a password in the address, a server that
 * cannot be reached, a wrong database password, a store in use, a database
 * that is not empty), a move killed half-way that leaves the database empty
 * and can be run again, and a move whose copy the app role then checks.
 */
const password = 'demo password for everyone';
const root = tempDataDir('migrate-store-cli');
const dataDir = path.join(root, 'store');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** The address without its password, and the password for PGPASSWORD. */
function split(url: string): { address: string; secret: string } {
  const match = /^(postgresql:\/\/[^:@/]+):([^@/]+)@/.exec(url);
  if (!match) throw new Error('unexpected test cluster address');
  return { address: url.replace(`:${match[2]}@`, '@'), secret: decodeURIComponent(match[2]!) };
}

const fileHash = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe.skipIf(!pgAvailable)(`consent-desk migrate-store${pgSkipReason}`, () => {
  const cluster = useThrowawayCluster();
  let owner: { address: string; secret: string };
  let superuser: pg.Client;
  const args = (to: string) => ['migrate-store', '--from', dataDir, '--to', to, '--user', 'admin', '--password-stdin', '--app-role', cluster().appRole];
  const tablesOnServer = async () =>
    Number((await superuser.query<{ n: string }>("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'")).rows[0]!.n);

  beforeAll(async () => {
    await seedDemoStoreIn(dataDir, password);
    owner = split(cluster().ownerUrl);
    superuser = new pg.Client({ connectionString: cluster().superuserUrl });
    await superuser.connect();
  }, 300_000);
  afterAll(async () => {
    await superuser?.end();
  });

  it('refuses a password in the address, since other users of the computer can read a command’s arguments', async () => {
    const run = await runConsentDesk(args(cluster().ownerUrl), `${password}\n`);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Put the database password in PGPASSWORD or ~\/\.pgpass, not in --to/);
    expect(run.stderr).not.toContain(owner.secret);
  });

  it('says so plainly when the server cannot be reached or refuses the account, and changes nothing', async () => {
    const nowhere = owner.address.replace(/host=[^&]+/, `host=${encodeURIComponent(path.join(root, 'no-server-here'))}`);
    const unreachable = await runConsentDesk(args(nowhere), `${password}\n`, { PGPASSWORD: owner.secret });
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toBe('consent-desk: The practice server cannot be reached. Nothing was saved; check the network and try again.\n');

    const wrong = await runConsentDesk(args(owner.address), `${password}\n`, { PGPASSWORD: 'not the password' });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/The practice server refused the database account \(wrong user name or password\)/);
    expect(await tablesOnServer()).toBe(0);
  });

  it('refuses while the store is in use, and leaves it untouched', async () => {
    const [unlocked] = await Store.unlock(storePaths(dataDir), { username: 'admin', password });
    const app: Db = openDatabase(storePaths(dataDir).database, unlocked!.dataKey, { cipher: unlocked!.keyring.cipher });
    configureConnection(app);
    const before = fileHash(storePaths(dataDir).database);
    try {
      app.prepare('BEGIN IMMEDIATE').run(); // the app, mid-write
      const run = await runConsentDesk(args(owner.address), `${password}\n`, { PGPASSWORD: owner.secret });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/The store in .* is in use: Consent Desk or another command is writing to it\. Close Consent Desk on this computer/);
    } finally {
      app.prepare('ROLLBACK').run();
      app.close();
    }
    expect(await tablesOnServer()).toBe(0);
    expect(fileHash(storePaths(dataDir).database)).toBe(before);
  });

  it('leaves the database empty when killed half-way, and can then be run again: the copy passes its check as the app role', async () => {
    const child = spawn(process.execPath, [consentDeskBin, ...args(owner.address)], {
      cwd: repoRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, PGPASSWORD: owner.secret },
    });
    child.stdin.end(`${password}\n`);
    let stderr = '';
    // Killed once it is copying the audit chain: the schema and every record before it are written, none committed.
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (/Copying audit events: \d+ of/.test(stderr)) resolve();
      });
      child.on('exit', (code) => reject(new Error(`migrate-store ended (${code}) before copying the audit chain: ${stderr}`)));
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    // The server rolls the move back as soon as it sees the socket closed; end any backend still there, so the run below never waits on its locks.
    await superuser.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND usename = $2", [cluster().database, cluster().ownerRole]);
    expect(await tablesOnServer()).toBe(0);

    const before = fileHash(storePaths(dataDir).database);
    const run = await runConsentDesk(args(owner.address), `${password}\n`, { PGPASSWORD: owner.secret });
    expect(run.stderr).toMatch(/Copying in one transaction/);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Moved to postgresql:\/\/[^:]+@\/.*:\n {2}\d+ patients, \d+ authorizations, \d+ testimonials, \d+ photos and videos, \d+ posts, \d+ audit events\n/);
    expect(run.stdout).toMatch(/\n {2}[1-9]\d* staff with [1-9]\d* key slots, [1-9]\d* settings, \d+ retired data keys\n/);
    expect(run.stdout).toMatch(/\n {2}[1-9]\d* wording versions, \d+ scope preset versions, [1-9]\d* signing certificates, \d+ patient copy entries\n/);
    expect(run.stdout).toMatch(/\n {2}[1-9]\d* training sessions with [1-9]\d* materials, [1-9]\d* quiz results, [1-9]\d* channel reviews, \d+ retention purges\n/);
    expect(run.stdout).toMatch(/\n {2}[1-9]\d* incidents with [1-9]\d* documents, \d+ post review messages, \d+ review schedules, \d+ checked replies\n/);
    expect(run.stdout).toMatch(/Checked: audit chain intact on both \(\d+ events, same head\); every record and file identical\./);
    expect(fileHash(storePaths(dataDir).database)).toBe(before);

    // The workstations' role reads the copy: checked again from its connection, against the file.
    const [unlocked] = await Store.unlock(storePaths(dataDir), { username: 'admin', password });
    const cipher = new FieldCipher([{ keyId: unlocked!.keyring.keyEpoch, dataKey: unlocked!.dataKey }], unlocked!.keyring.keyEpoch);
    const file = openDatabase(storePaths(dataDir).database, unlocked!.dataKey, { cipher: unlocked!.keyring.cipher });
    const app = new pg.Client({ connectionString: cluster().appUrl });
    await app.connect();
    try {
      const check = await checkMovedStore(file, cipher, app);
      expect(check.problems).toEqual([]);
      expect(check.ok).toBe(true);
      expect(check.target).toEqual(check.source);
    } finally {
      await app.end();
      file.close();
    }

    // Run again: the database now holds a store, and nothing there is overwritten.
    const again = await runConsentDesk(args(owner.address), `${password}\n`, { PGPASSWORD: owner.secret });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/The database consent_desk is not empty \(it has \d+ tables or sequences\)\. migrate-store moves a store only into an empty database/);
  });
});
