import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StaffMember } from '../../../shared/staff';
import type { ScryptParams } from '../crypto/kdf';
import { newRecoveryKey } from '../crypto/recovery-key';
import { migrations } from '../store/migrations/index';
import type { Migration } from '../store/migrations/migration';
import type { Credential } from '../store/store';
import { forgetPracticeServer, readPracticeServer, savePracticeServer } from './practice-server-settings';
import { pgSchemaVersion } from './pg-migrate-schema';
import { createServerStore, openServerStore, unlockServerStore, type ServerStore } from './server-store';
import { folderHeadMemory, headMemoryKey, rememberedServerHead, type HeadMemoryOptions } from './server-head-memory';
import { startPgTestCluster } from '../../../scripts/pg-test-cluster.mjs';
import { connectPracticeServer } from './pg-connection';
import { pgAvailable, pgSkipReason, useThrowawayCluster, type PgTestCluster } from './testing/pg-cluster';

/**
 * The PostgreSQL store made and opened as the file is (server-store.ts), on
 * a real throwaway cluster: the owner makes it, workstations open it as the
 * app role with a staff member's password or the recovery key.
 */

const kdf: ScryptParams = { name: 'scrypt', N: 2 ** 14, r: 8, p: 1 };
const admin = { staffId: 'staff-admin', username: 'pat.privacy', password: 'correct horse battery staple' };
const at = '2026-12-03T09:00:00.000Z';
const member = (id: string, username: string, displayName: string): StaffMember => ({ id, username, displayName, role: 'frontdesk', status: 'active', createdAt: at, updatedAt: at });

describe.skipIf(!pgAvailable)(`the store on the practice server, made and opened${pgSkipReason}`, () => {
  const cluster = useThrowawayCluster();
  const toClose: { close(): Promise<void> }[] = [];
  const folders: string[] = [];
  afterEach(async () => {
    for (const c of toClose.splice(0).reverse()) await c.close().catch(() => undefined);
  });
  afterAll(() => {
    for (const f of folders) fs.rmSync(f, { recursive: true, force: true });
  });

  /** This workstation's memory of the server's head, in a folder of its own. */
  const memory = (): HeadMemoryOptions => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-server-store-'));
    folders.push(folder);
    return { keeper: folderHeadMemory(folder), key: headMemoryKey('the paired credential'), now: () => new Date(at) };
  };

  const urlOf = (url: string, database: string) => url.replace(`@/${cluster().database}?`, `@/${database}?`);

  /** An empty database the owner owns and the app may connect to. */
  async function emptyDatabase(): Promise<string> {
    const database = `store_${crypto.randomBytes(6).toString('hex')}`;
    const superuser = new pg.Client({ connectionString: cluster().superuserUrl });
    await superuser.connect();
    try {
      await superuser.query(`CREATE DATABASE ${database} OWNER ${cluster().ownerRole} TEMPLATE template0`);
      await superuser.query(`REVOKE ALL ON DATABASE ${database} FROM PUBLIC`);
      await superuser.query(`GRANT CONNECT ON DATABASE ${database} TO ${cluster().appRole}`);
    } finally {
      await superuser.end();
    }
    return database;
  }

  async function asOwner<T>(database: string, fn: (owner: pg.Client) => Promise<T>): Promise<T> {
    const owner = new pg.Client({ connectionString: urlOf(cluster().ownerUrl, database) });
    await owner.connect();
    try {
      return await fn(owner);
    } finally {
      await owner.end();
    }
  }

  const objectCount = (database: string) =>
    asOwner(database, async (owner) => Number((await owner.query<{ n: string }>("SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'")).rows[0]!.n));

  async function made(database: string, recoveryKey: Buffer = newRecoveryKey().bytes, list?: readonly Migration[]) {
    return asOwner(database, (owner) => createServerStore({ owner, appRole: cluster().appRole, admin, recoveryKey, kdf, ...(list ? { migrations: list } : {}) }));
  }

  async function open(database: string, credential: Credential, headMemory: HeadMemoryOptions, more: { acceptRollback?: boolean } = {}): Promise<ServerStore | null> {
    const store = await openServerStore({ connection: { connectionString: urlOf(cluster().appUrl, database) }, credential, headMemory, ...more });
    if (store) toClose.push(store);
    return store;
  }

  const appendEvents = (store: ServerStore, count: number) =>
    store.engine.write(async (tx) => {
      for (let i = 0; i < count; i += 1) await store.engine.records.audit.appendAudit(tx, { at, actorId: admin.staffId, actorName: admin.username, action: 'patient.viewed', subjectType: null, subjectId: null, detail: 'seen' });
    });

  it('opens with the administrator’s password, not with a wrong one, and with the recovery key', async () => {
    const database = await emptyDatabase();
    const recovery = newRecoveryKey();
    const { storeId, keyring } = await made(database, recovery.bytes);
    expect(keyring.slots.map((s) => s.unlock.kind)).toEqual(['password', 'recovery']);
    expect(keyring.auditPublicKey).toMatch(/^[A-Za-z0-9+/=]{40,}$/);
    expect(await asOwner(database, pgSchemaVersion)).toBe(migrations.at(-1)!.version);

    const headMemory = memory();
    expect(await open(database, { username: admin.username, password: 'wrong horse' }, headMemory)).toBeNull();
    expect(await open(database, { username: 'nobody', password: admin.password }, headMemory)).toBeNull();
    expect(await open(database, { recoveryKey: newRecoveryKey().bytes }, headMemory)).toBeNull();

    const store = (await open(database, { username: admin.username, password: admin.password }, headMemory))!;
    expect(store).not.toBeNull();
    expect(store.storeId).toBe(storeId);
    expect(store.slot.staffId).toBe(admin.staffId);
    expect(store.head).toMatchObject({ outcome: 'first', head: { seq: 0 } });
    const byRecovery = (await open(database, { recoveryKey: recovery.bytes }, headMemory))!;
    expect(byRecovery.slot.unlock.kind).toBe('recovery');
    expect(byRecovery.head.outcome).toBe('same');

    // Both hold the same data key, and the one unlockServerStore hands back.
    const app = new pg.Client({ connectionString: urlOf(cluster().appUrl, database) });
    await app.connect();
    try {
      const [candidate] = await unlockServerStore(app, { username: admin.username, password: admin.password });
      expect(store.holdsKey(candidate!.dataKey)).toBe(true);
      expect(byRecovery.holdsKey(candidate!.dataKey)).toBe(true);
      expect(store.holdsKey(crypto.randomBytes(32))).toBe(false);
      // The audit seal's private key is kept sealed on the server, beside the keyring's public key.
      const sealed = await store.engine.read((tx) => store.engine.records.settings.readSetting(tx, 'auditSealPrivateKey'));
      expect(sealed).toMatchObject({ publicKey: keyring.auditPublicKey });
    } finally {
      await app.end();
    }
  });

  it('gives a second workstation the records the first wrote, and a new slot opens with its password', async () => {
    const database = await emptyDatabase();
    await made(database);
    const first = (await open(database, { username: admin.username, password: admin.password }, memory()))!;
    await first.engine.write(async (tx) => {
      await first.engine.records.staff.insertStaff(tx, member('staff-robin', 'robin', 'Robin Reception'));
      await first.engine.records.settings.writeSetting(tx, 'practiceName', 'Smile Dental');
    });
    await appendEvents(first, 2);
    expect(await first.rememberHead()).toMatchObject({ seq: 2 });
    await first.setStaffSlot('staff-robin', 'robin', 'robin’s own password', kdf);
    expect(first.keyring.slots.filter((s) => s.staffId === 'staff-robin')).toHaveLength(1);

    // Another workstation, its own memory, Robin's own password.
    const second = (await open(database, { username: 'robin', password: 'robin’s own password' }, memory()))!;
    expect(second).not.toBeNull();
    expect(second.slot.staffId).toBe('staff-robin');
    expect(second.head).toMatchObject({ outcome: 'first', head: { seq: 2 } });
    await expect(second.engine.read((tx) => second.engine.records.staff.getStaffByUsername(tx, 'robin'))).resolves.toMatchObject({ id: 'staff-robin', displayName: 'Robin Reception' });
    await expect(second.engine.read((tx) => second.engine.records.settings.readSetting(tx, 'practiceName'))).resolves.toBe('Smile Dental');
    await expect(second.engine.read((tx) => second.engine.records.audit.verifyChain(tx))).resolves.toMatchObject({ intact: true, events: 2 });

    // Robin's password changed: the old one opens nothing, the new one opens the store.
    await second.setStaffSlot('staff-robin', 'robin', 'a newer password', kdf);
    expect(await open(database, { username: 'robin', password: 'robin’s own password' }, memory())).toBeNull();
    expect(await open(database, { username: 'robin', password: 'a newer password' }, memory())).not.toBeNull();
    // The administrator's slot is untouched.
    expect(await open(database, { username: admin.username, password: admin.password }, memory())).not.toBeNull();
  });

  it('refuses to make a store where a database already holds one, or any table, and changes nothing', async () => {
    const database = await emptyDatabase();
    const { storeId } = await made(database);
    await expect(made(database)).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/is not empty .*Nothing was changed/) });
    const store = (await open(database, { username: admin.username, password: admin.password }, memory()))!;
    expect(store.storeId).toBe(storeId);

    const other = await emptyDatabase();
    await asOwner(other, (owner) => owner.query('CREATE TABLE someone_elses (id int)'));
    await expect(made(other)).rejects.toMatchObject({ code: 'conflict' });
    expect(await objectCount(other)).toBe(1);
  });

  it('leaves nothing half-made when a step fails', async () => {
    const database = await emptyDatabase();
    await expect(open(database, { username: admin.username, password: admin.password }, memory())).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/holds no Consent Desk store/) });
    const failing: Migration = { version: 900, name: 'fails', up: () => undefined, postgres: () => 'SELECT 1/0' } as unknown as Migration;
    await expect(made(database, newRecoveryKey().bytes, [...migrations, failing])).rejects.toThrow(/division by zero/);
    expect(await objectCount(database)).toBe(0);
    await expect(asOwner(database, (owner) => createServerStore({ owner, appRole: 'no_such_role', admin, recoveryKey: newRecoveryKey().bytes, kdf }))).rejects.toMatchObject({ code: 'not_found' });
    expect(await objectCount(database)).toBe(0);
    // Then it can simply be run again.
    await made(database);
    expect(await open(database, { username: admin.username, password: admin.password }, memory())).not.toBeNull();
  });

  it('makes the whole schema at the newest version, and refuses a schema newer or older than this version’s, in words', async () => {
    const database = await emptyDatabase();
    const later: Migration = { version: migrations.at(-1)!.version + 1, name: 'later', up: () => undefined, postgres: () => 'CREATE TABLE later_table (id int)' } as unknown as Migration;
    await made(database, newRecoveryKey().bytes, [...migrations, later]);
    expect(await asOwner(database, pgSchemaVersion)).toBe(later.version);
    expect(await asOwner(database, async (owner) => (await owner.query("SELECT to_regclass('public.later_table') AS t")).rows[0].t)).toBe('later_table');
    await expect(open(database, { username: admin.username, password: admin.password }, memory())).rejects.toMatchObject({ code: 'store_too_new', message: expect.stringMatching(/newer Consent Desk/) });

    const older = await emptyDatabase();
    await made(older);
    await asOwner(older, (owner) => owner.query('UPDATE store_schema SET version = version - 1'));
    await expect(open(older, { username: admin.username, password: admin.password }, memory())).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/must be upgraded/) });
  });

  it('reports a server that cannot be reached as server_unreachable, in words', async () => {
    await expect(
      openServerStore({
        connection: { server: { host: path.join(os.tmpdir(), 'no-server-here'), database: 'x', sslmode: 'disable' }, credential: { user: 'app', password: 'p' }, caPem: null, connectTimeoutMs: 2000 },
        credential: { username: admin.username, password: admin.password },
        headMemory: memory(),
      }),
    ).rejects.toMatchObject({ code: 'server_unreachable', message: expect.stringMatching(/cannot be reached/) });
  });

  it('opens through the settings file and the kept password (a socket on this computer)', async () => {
    const database = await emptyDatabase();
    await made(database);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-data-'));
    folders.push(dataDir);
    const keeper = memory().keeper;
    const appSecret = cluster().roleSecret(cluster().appRole);
    await savePracticeServer(dataDir, { format: 'consent-desk-practice-server', version: 1, server: { host: cluster().socketDir, port: cluster().port, database, sslmode: 'disable' }, user: cluster().appRole, ca: null }, appSecret, keeper);
    expect(fs.readFileSync(path.join(dataDir, 'practice-server.json'), 'utf8')).not.toContain(appSecret);
    const saved = (await readPracticeServer(dataDir, keeper))!;
    const headMemory = { ...memory(), key: headMemoryKey(saved.connection.credential.password) };
    const store = await openServerStore({ connection: saved.connection, credential: { username: admin.username, password: admin.password }, headMemory });
    expect(store).not.toBeNull();
    toClose.push(store!);
    await forgetPracticeServer(dataDir, keeper);
    expect(await readPracticeServer(dataDir, keeper)).toBeNull();
  });

  describe('the practice’s own pg_dump', () => {
    const recovery = newRecoveryKey();
    let headMemory: HeadMemoryOptions;
    let storeId: string;
    let dump: string;
    let dataKey: Buffer;

    beforeAll(async () => {
      // The cluster's own database, which cluster().dump() dumps.
      ({ storeId } = await made(cluster().database, recovery.bytes));
      headMemory = memory();
      const store = (await openServerStore({ connection: { connectionString: cluster().appUrl }, credential: { username: admin.username, password: admin.password }, headMemory }))!;
      try {
        await store.engine.write((tx) => store.engine.records.staff.insertStaff(tx, member('staff-robin', 'robin', 'Robin Reception')));
        await appendEvents(store, 2);
        await store.rememberHead();
        dump = cluster().dump();
        await appendEvents(store, 3);
        expect(await store.rememberHead()).toMatchObject({ seq: 5 });
      } finally {
        await store.close();
      }
      const app = new pg.Client({ connectionString: cluster().appUrl });
      await app.connect();
      try {
        dataKey = (await unlockServerStore(app, { recoveryKey: recovery.bytes }))[0]!.dataKey;
      } finally {
        await app.end();
      }
    });

    it('holds no password, data key or recovery key in the clear', () => {
      expect(dump).toContain('COPY public.key_slots');
      const secrets = [admin.password, dataKey, recovery.bytes, Buffer.from(recovery.text)];
      for (const secret of secrets) {
        const bytes = Buffer.isBuffer(secret) ? secret : Buffer.from(secret);
        for (const form of [bytes.toString('utf8'), bytes.toString('hex'), bytes.toString('base64'), `\\x${bytes.toString('hex')}`]) {
          if (form.length >= 8) expect(dump).not.toContain(form);
        }
      }
      expect(dump).not.toContain(recovery.text);
      expect(dump).not.toContain('Robin Reception');
    });

    it('restored, is refused as an older copy once the newer head was remembered; an administrator may accept it', async () => {
      const superuser = new pg.Client({ connectionString: cluster().superuserUrl });
      await superuser.connect();
      try {
        await superuser.query(`CREATE DATABASE restored OWNER ${cluster().ownerRole} TEMPLATE template0`);
        await superuser.query(`GRANT CONNECT ON DATABASE restored TO ${cluster().appRole}`);
      } finally {
        await superuser.end();
      }
      const restore = spawnSync(
        path.join(cluster().binDir, 'psql'),
        ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', cluster().socketDir, '-p', String(cluster().port), '-U', cluster().ownerRole, '-d', 'restored'],
        { input: dump, encoding: 'utf8', env: { ...process.env, PGPASSWORD: cluster().roleSecret(cluster().ownerRole) } },
      );
      expect(restore.stderr).toBe('');
      expect(restore.status).toBe(0);

      await expect(open('restored', { username: admin.username, password: admin.password }, headMemory)).rejects.toMatchObject({
        code: 'store_rolled_back',
        message: expect.stringMatching(/older copy of the store .*audit trail ends at event 2, and this computer saw event 5/),
      });
      expect(await rememberedServerHead(storeId, headMemory)).toMatchObject({ seq: 5 });
      // A workstation that never saw the newer head has nothing to compare with (the design's limit).
      expect(await open('restored', { username: admin.username, password: admin.password }, memory())).not.toBeNull();

      const accepted = (await open('restored', { username: admin.username, password: admin.password }, headMemory, { acceptRollback: true }))!;
      expect(accepted.head).toMatchObject({ outcome: 'accepted', head: { seq: 2 }, problem: expect.stringMatching(/older copy/) });
      expect(await rememberedServerHead(storeId, headMemory)).toMatchObject({ seq: 2 });
      expect((await open('restored', { username: admin.username, password: admin.password }, headMemory))!.head.outcome).toBe('same');
    });
  });
});

/** A CA, a second unrelated CA, and a server certificate for db.practice.test signed by the first (as pg-connection.test.ts makes them). */
function makeCertificates(dir: string) {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  for (const ca of ['practice-ca', 'other-ca']) {
    openssl('req', '-x509', ...ec, '-keyout', `${ca}.key`, '-out', `${ca}.crt`, '-days', '2', '-subj', `/CN=${ca}`,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  }
  openssl('req', '-new', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=db.practice.test');
  fs.writeFileSync(path.join(dir, 'server.ext'), 'subjectAltName=DNS:db.practice.test\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'practice-ca.crt', '-CAkey', 'practice-ca.key', '-set_serial', '1', '-days', '2', '-out', 'server.crt', '-extfile', 'server.ext');
  const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
  return { practiceCa: read('practice-ca.crt'), otherCa: read('other-ca.crt'), serverCert: read('server.crt'), serverKey: read('server.key') };
}

describe.skipIf(!pgAvailable)(`the store made and opened over verify-full TLS, through the settings file${pgSkipReason}`, () => {
  let cluster: PgTestCluster;
  let certs: ReturnType<typeof makeCertificates>;
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-server-store-tls-'));
    certs = makeCertificates(dir);
    cluster = startPgTestCluster({ tls: { certPem: certs.serverCert, keyPem: certs.serverKey } });
  }, 180_000);
  afterAll(() => {
    cluster?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const server = () => ({ host: 'db.practice.test', hostaddr: cluster.tcpHost!, port: cluster.port, database: cluster.database });

  it('makes the store as the owner and opens it as the paired app account, over TLS only; another CA is server_untrusted', async () => {
    const owner = await connectPracticeServer({ server: server(), credential: { user: cluster.ownerRole, password: cluster.roleSecret(cluster.ownerRole) }, caPem: certs.practiceCa });
    try {
      await createServerStore({ owner, appRole: cluster.appRole, admin, recoveryKey: newRecoveryKey().bytes, kdf });
    } finally {
      await owner.end();
    }
    const dataDir = path.join(dir, 'data');
    fs.mkdirSync(dataDir);
    const keeper = folderHeadMemory(path.join(dir, 'keeper'));
    const appSecret = cluster.roleSecret(cluster.appRole);
    await savePracticeServer(dataDir, { format: 'consent-desk-practice-server', version: 1, server: server(), user: cluster.appRole, ca: { pem: certs.practiceCa } }, appSecret, keeper);
    const { connection } = (await readPracticeServer(dataDir, keeper))!;
    const headMemory = { keeper: folderHeadMemory(path.join(dir, 'heads')), key: headMemoryKey(connection.credential.password) };

    const store = (await openServerStore({ connection, credential: { username: admin.username, password: admin.password }, headMemory }))!;
    try {
      expect(store.head.outcome).toBe('first');
      const ssl = await store.engine.read(async (tx) => (await tx.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')).rows[0]!.ssl);
      expect(ssl).toBe(true);
    } finally {
      await store.close();
    }
    await expect(openServerStore({ connection: { ...connection, caPem: certs.otherCa }, credential: { username: admin.username, password: admin.password }, headMemory })).rejects.toMatchObject({
      code: 'server_untrusted',
      message: expect.stringMatching(/not signed by the practice’s CA/),
    });
    await forgetPracticeServer(dataDir, keeper);
  });
});
