import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPgTestCluster, type PgTestCluster } from '../../../scripts/pg-test-cluster.mjs';
import pg from 'pg';
import { formatPairingCode } from '../../../shared/pairing/pairing-code';
import { createPairingCode, createPairingSchema, pairWorkstation } from './pg-pairing';
import { createFoundationSchema } from './pg-schema';
import { connectPracticeServer, isLocalServer, parseServerAddress, practiceConnectionOptions, type ConnectionOptionsInput } from './pg-connection';
import { pgAvailable, pgSkipReason } from './testing/pg-cluster';

const credential = { user: 'consent_desk_app', password: 'not used by the refusals' };

function refusal(build: () => unknown): unknown {
  try {
    build();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

describe('practiceConnectionOptions: verify-full or nothing for a server on another computer', () => {
  const caPem = '';
  const remote = { host: 'db.practice.lan', database: 'consent_desk' };

  it('refuses every sslmode weaker than verify-full for a non-local host, saying why', () => {
    const words: Record<string, RegExp> = {
      disable: /unencrypted/,
      allow: /unencrypted/,
      prefer: /unencrypted/,
      require: /any server that answers/,
      'verify-ca': /not that it is this server/,
    };
    for (const [sslmode, why] of Object.entries(words)) {
      expect(refusal(() => practiceConnectionOptions({ server: { ...remote, sslmode: sslmode as 'require' }, credential, caPem: 'x' }))).toMatchObject({
        code: 'validation',
        message: expect.stringMatching(new RegExp(`db\\.practice\\.lan must be reached with sslmode=verify-full, not ${sslmode}: .*Nothing was sent`)),
      });
      expect(() => practiceConnectionOptions({ server: { ...remote, sslmode: sslmode as 'require' }, credential, caPem: 'x' })).toThrow(why);
    }
    expect(() => practiceConnectionOptions({ server: { ...remote, hostaddr: '10.0.0.5', sslmode: 'require' }, credential, caPem })).toThrow(/verify-full/);
  });

  it('needs the practice’s CA, and a CA, not the server’s own certificate', () => {
    expect(() => practiceConnectionOptions({ server: remote, credential, caPem: null })).toThrow(/CA certificate is needed/);
    expect(() => practiceConnectionOptions({ server: remote, credential, caPem: 'hello' })).toThrow(/not a PEM certificate/);
  });

  it('lets a server on this computer go without TLS (a socket or loopback never leaves it)', () => {
    for (const host of ['/var/run/postgresql', 'localhost', '127.0.0.1', '::1']) {
      expect(isLocalServer({ host })).toBe(true);
      expect(practiceConnectionOptions({ server: { host, database: 'd', sslmode: 'disable' }, credential, caPem: null }).ssl).toBe(false);
    }
    for (const host of ['db.practice.lan', '10.1.2.3', '192.168.0.10', 'localhost.example.com', '::2']) expect(isLocalServer({ host })).toBe(false);
    // A name that is not local, dialled at a loopback address, is judged by where it goes.
    expect(isLocalServer({ host: 'db.practice.lan', hostaddr: '127.0.0.1' })).toBe(true);
  });

  it('reads a server address, and refuses a password in it', () => {
    expect(parseServerAddress('postgres://consent_desk_owner@db.practice.lan:5433/consent_desk?sslmode=verify-full')).toEqual({
      server: { host: 'db.practice.lan', port: 5433, database: 'consent_desk', sslmode: 'verify-full' },
      user: 'consent_desk_owner',
    });
    expect(parseServerAddress('postgresql://db.practice.lan/cd?hostaddr=10.0.0.5').server).toEqual({ host: 'db.practice.lan', database: 'cd', hostaddr: '10.0.0.5' });
    expect(() => parseServerAddress('postgres://owner:hunter2@db.practice.lan/cd')).toThrow(/no password/);
    expect(() => parseServerAddress('postgres://db.practice.lan/cd?sslmode=bogus')).toThrow(/not an sslmode/);
    expect(() => parseServerAddress('postgres://db.practice.lan/cd?sslrootcert=/tmp/ca.pem')).toThrow(/stored at setup/);
    expect(() => parseServerAddress('mysql://db/cd')).toThrow(/postgres:\/\//);
  });
});

/** A CA, a second unrelated CA, and a server certificate for db.practice.test signed by the first: made here, by openssl. */
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

describe.skipIf(!pgAvailable)(`TLS verify-full against a throwaway cluster with ssl=on${pgSkipReason}`, () => {
  let cluster: PgTestCluster;
  let certs: ReturnType<typeof makeCertificates>;
  let certDir: string;

  beforeAll(() => {
    certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-tls-'));
    certs = makeCertificates(certDir);
    cluster = startPgTestCluster({ tls: { certPem: certs.serverCert, keyPem: certs.serverKey } });
  }, 180_000);
  afterAll(() => {
    cluster?.stop();
    if (certDir) fs.rmSync(certDir, { recursive: true, force: true });
  });

  const input = (server: Partial<ConnectionOptionsInput['server']>, caPem: string | null): ConnectionOptionsInput => ({
    server: { host: 'db.practice.test', hostaddr: cluster.tcpHost!, port: cluster.port, database: cluster.database, ...server },
    credential: { user: cluster.appRole, password: cluster.roleSecret(cluster.appRole) },
    caPem,
  });

  it('connects to the right host with the practice’s CA, over TLS', async () => {
    const client = await connectPracticeServer(input({}, certs.practiceCa));
    try {
      const row = (await client.query<{ ssl: boolean; version: string }>('SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()')).rows[0];
      expect(row).toMatchObject({ ssl: true, version: expect.stringMatching(/^TLSv1\.[23]$/) });
    } finally {
      await client.end();
    }
  });

  it('refuses the server’s own certificate given as the practice’s CA', () => {
    expect(() => practiceConnectionOptions(input({}, certs.serverCert))).toThrow(/not a certificate authority/);
  });

  it('refuses a server whose certificate another CA signed, in words', async () => {
    await expect(connectPracticeServer(input({}, certs.otherCa))).rejects.toMatchObject({
      code: 'server_untrusted',
      message: expect.stringMatching(/db\.practice\.test did not prove it is the practice’s server: its certificate is not signed by the practice’s CA/),
    });
  });

  it('refuses the right CA’s certificate for another name, in words', async () => {
    await expect(connectPracticeServer(input({ host: 'other.practice.test' }, certs.practiceCa))).rejects.toMatchObject({
      code: 'server_untrusted',
      message: expect.stringMatching(/other\.practice\.test has a certificate for another name/),
    });
    // Dialled by its address alone: the certificate names no address, so it is not this server's either.
    const byAddress = input({ host: cluster.tcpHost! }, certs.practiceCa);
    delete byAddress.server.hostaddr;
    await expect(connectPracticeServer(byAddress)).rejects.toMatchObject({ code: 'server_untrusted', message: expect.stringMatching(/certificate for another name/) });
  });

  it('pairs a workstation over verify-full, and never sends the code to a server it cannot trust', async () => {
    const superuser = new pg.Client({ connectionString: cluster.superuserUrl });
    const owner = new pg.Client({ connectionString: cluster.ownerUrl });
    const admin = new pg.Client({ connectionString: cluster.appUrl });
    await Promise.all([superuser.connect(), owner.connect(), admin.connect()]);
    try {
      await superuser.query("CREATE ROLE consent_desk_pairing LOGIN PASSWORD 'pairing' NOINHERIT");
      await superuser.query(`GRANT CONNECT ON DATABASE ${cluster.database} TO consent_desk_pairing`);
      await createFoundationSchema(owner, cluster.appRole);
      await createPairingSchema(owner, { appRole: cluster.appRole, pairingRole: 'consent_desk_pairing' });
      const appCredential = { user: cluster.appRole, password: cluster.roleSecret(cluster.appRole) };
      const issued = await createPairingCode(admin, appCredential, { now: new Date(), createdBy: null });
      const pairing = { user: 'consent_desk_pairing', password: 'pairing' };
      const server = input({}, null).server;
      // Another CA: refused before the code's proof is sent, so no try was counted.
      await expect(pairWorkstation({ server, caPem: certs.otherCa, pairingRole: pairing, typedCode: formatPairingCode(issued.code) })).rejects.toMatchObject({ code: 'server_untrusted' });
      const counter = (await superuser.query<{ tries_counter: string }>('SELECT tries_counter FROM pairing_codes WHERE id = $1', [issued.code.id])).rows[0]!.tries_counter;
      expect((await superuser.query<{ is_called: boolean }>(`SELECT is_called FROM ${counter}`)).rows[0]!.is_called).toBe(false);
      const credential = await pairWorkstation({ server, caPem: certs.practiceCa, pairingRole: pairing, typedCode: formatPairingCode(issued.code) });
      expect(credential).toEqual(appCredential);
      // And the credential opens the store's connection, over TLS as well.
      const paired = await connectPracticeServer({ server, caPem: certs.practiceCa, credential });
      expect((await paired.query<{ u: string }>('SELECT current_user AS u')).rows[0]!.u).toBe(cluster.appRole);
      await paired.end();
    } finally {
      await Promise.all([superuser.end(), owner.end(), admin.end()]);
    }
  });

  it('is a cluster that takes TLS only: a plaintext connection on this computer is turned away by the server', async () => {
    // The server's pg_hba.conf has hostssl lines only: 28000, reported as the account refused.
    await expect(connectPracticeServer(input({ sslmode: 'disable' }, null))).rejects.toMatchObject({ code: 'unauthorized' });
  });
});
