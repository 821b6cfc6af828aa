#!/usr/bin/env node
// A throwaway PostgreSQL cluster for tests: initdb into a temporary folder,
// postgres listening only on a Unix socket in that folder (no TCP), one
// database owned by a schema-owner role, and an app role with only the rights
// the app needs (granted by the schema itself). Everything is stopped and
// removed at the end. PostgreSQL refuses to run as root, so as root the
// server runs as the `postgres` user.
//
//   node scripts/pg-test-cluster.mjs          start, print the connection strings as JSON, stop on Ctrl-C
//   import { startPgTestCluster } from './pg-test-cluster.mjs'   the same, for a test's setup
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const runAsUser = 'postgres';

/** The folder holding initdb, pg_ctl, postgres and pg_dump, or null when PostgreSQL is not installed. */
export function findPgBinaries() {
  const candidates = [];
  if (process.env.PG_BIN_DIR) candidates.push(process.env.PG_BIN_DIR);
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    const versions = fs
      .readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(path.join(root, v, 'bin'));
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(dir);
  return candidates.find((dir) => ['initdb', 'pg_ctl', 'postgres', 'pg_dump'].every((b) => fs.existsSync(path.join(dir, b)))) ?? null;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Run a PostgreSQL tool as the user that may run the server (the `postgres` user when we are root). */
function runPgTool(binDir, tool, args, options = {}) {
  const file = path.join(binDir, tool);
  const [command, argv] = isRoot() ? ['runuser', ['-u', runAsUser, '--', file, ...args]] : [file, args];
  const result = spawnSync(command, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
  if (result.status !== 0) {
    throw new Error(`${tool} failed (exit ${result.status}): ${(result.stderr || result.stdout || '').trim().slice(-2000)}`);
  }
  return result.stdout;
}

function socketUrl(user, password, database, socketDir, port) {
  return `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@/${database}?host=${encodeURIComponent(socketDir)}&port=${port}`;
}

/**
 * Start a throwaway cluster. Resolves to its connection strings and a stop()
 * that stops the server and removes the folder (safe to call twice).
 * Throws when PostgreSQL is not installed: check findPgBinaries() first.
 */
export function startPgTestCluster({ database = 'consent_desk', owner = 'consent_desk_owner', app = 'consent_desk_app', tls = null } = {}) {
  const binDir = findPgBinaries();
  if (!binDir) throw new Error('PostgreSQL is not installed (no initdb found). On Debian: apt-get install -y postgresql');
  // Short path: a Unix socket path must fit in about 100 bytes.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-pg-'));
  const dataDir = path.join(dir, 'data');
  const socketDir = dir;
  // Any number works for a socket-only server; it names the socket file.
  let port = 50_000 + crypto.randomInt(10_000);
  const superuser = 'cluster_admin';
  const secrets = {
    [superuser]: crypto.randomBytes(18).toString('base64url'),
    [owner]: crypto.randomBytes(18).toString('base64url'),
    [app]: crypto.randomBytes(18).toString('base64url'),
  };
  let started = false;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      if (started) runPgTool(binDir, 'pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    if (isRoot()) execFileSync('chown', [runAsUser, dir]);
    fs.chmodSync(dir, 0o700);
    const pwfile = path.join(dir, 'superuser-password');
    fs.writeFileSync(pwfile, secrets[superuser], { mode: 0o600 });
    if (isRoot()) execFileSync('chown', [runAsUser, pwfile]);
    runPgTool(binDir, 'initdb', [
      '-D', dataDir, '-U', superuser, `--pwfile=${pwfile}`, '--auth-local=scram-sha-256', `--auth-host=${tls ? 'scram-sha-256' : 'reject'}`,
      '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync',
    ]);
    fs.rmSync(pwfile);
    // With `tls` (a server certificate and key, PEM), the server also listens on 127.0.0.1 and takes TLS
    // connections only there (hostssl; a plaintext one is rejected), for the tests of verify-full.
    if (tls) {
      const own = (file) => {
        if (isRoot()) execFileSync('chown', [runAsUser, file]);
      };
      fs.writeFileSync(path.join(dataDir, 'server.crt'), tls.certPem, { mode: 0o600 });
      fs.writeFileSync(path.join(dataDir, 'server.key'), tls.keyPem, { mode: 0o600 });
      fs.writeFileSync(
        path.join(dataDir, 'pg_hba.conf'),
        ['local all all scram-sha-256', 'hostssl all all 127.0.0.1/32 scram-sha-256', 'hostnossl all all 0.0.0.0/0 reject', ''].join('\n'),
        { mode: 0o600 },
      );
      for (const f of ['server.crt', 'server.key', 'pg_hba.conf']) own(path.join(dataDir, f));
    }
    // Throwaway: no fsync (the tests measure correctness, not durability), small memory, no TCP unless asked for TLS.
    const serverOptions = (p) =>
      [
        `-p ${p}`, `-k ${socketDir}`, tls ? "-c listen_addresses='127.0.0.1' -c ssl=on" : "-c listen_addresses=''", '-c fsync=off',
        '-c synchronous_commit=off', '-c full_page_writes=off', '-c shared_buffers=16MB', '-c max_connections=40', '-c log_min_messages=warning',
      ].join(' ');
    // A TCP port may be taken by something else: another random one, a few times.
    for (let attempt = 1; ; attempt += 1) {
      try {
        runPgTool(binDir, 'pg_ctl', ['-D', dataDir, '-l', path.join(dir, 'server.log'), '-o', serverOptions(port), '-w', '-t', '120', 'start']);
        break;
      } catch (error) {
        if (!tls || attempt >= 5) throw error;
        port = 50_000 + crypto.randomInt(10_000);
      }
    }
    started = true;
    // A test run that ends without calling stop() (a failed setup, Ctrl-C) still leaves no server behind.
    process.once('exit', stop);
    const psql = (sql) =>
      runPgTool(binDir, 'psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', socketDir, '-p', String(port), '-U', superuser, '-d', 'postgres', '-c', sql], {
        env: { ...process.env, PGPASSWORD: secrets[superuser] },
      });
    const literal = (s) => `'${s.replace(/'/g, "''")}'`;
    psql(`CREATE ROLE ${owner} LOGIN PASSWORD ${literal(secrets[owner])}`);
    // The app's role: it may log in and nothing else; the schema grants it table rights.
    psql(`CREATE ROLE ${app} LOGIN PASSWORD ${literal(secrets[app])} NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT`);
    psql(`CREATE DATABASE ${database} OWNER ${owner} ENCODING 'UTF8' TEMPLATE template0`);
    psql(`REVOKE ALL ON DATABASE ${database} FROM PUBLIC; GRANT CONNECT ON DATABASE ${database} TO ${app}`);
    // PostgreSQL 15 already revokes CREATE on public from PUBLIC; keep the owner the only one who may change the schema.
    runPgTool(binDir, 'psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', socketDir, '-p', String(port), '-U', superuser, '-d', database,
      '-c', `REVOKE ALL ON SCHEMA public FROM PUBLIC; ALTER SCHEMA public OWNER TO ${owner}; GRANT USAGE ON SCHEMA public TO ${app}`], {
      env: { ...process.env, PGPASSWORD: secrets[superuser] },
    });
    return {
      binDir,
      dir,
      socketDir,
      port,
      tcpHost: tls ? '127.0.0.1' : null,
      roleSecret: (role) => secrets[role],
      database,
      ownerRole: owner,
      appRole: app,
      ownerUrl: socketUrl(owner, secrets[owner], database, socketDir, port),
      appUrl: socketUrl(app, secrets[app], database, socketDir, port),
      superuserUrl: socketUrl(superuser, secrets[superuser], database, socketDir, port),
      /** Run pg_dump of the whole database (schema and data, plain SQL) and return its text. */
      dump() {
        return runPgTool(binDir, 'pg_dump', ['-h', socketDir, '-p', String(port), '-U', superuser, '-d', database, '--no-owner'], {
          env: { ...process.env, PGPASSWORD: secrets[superuser] },
          maxBuffer: 256 * 1024 * 1024,
        });
      },
      stop,
    };
  } catch (error) {
    stop();
    throw error;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cluster = startPgTestCluster();
  const { ownerUrl, appUrl, socketDir, port, database } = cluster;
  process.stdout.write(`${JSON.stringify({ ownerUrl, appUrl, socketDir, port, database })}\n`);
  process.stderr.write('PostgreSQL test cluster running; Ctrl-C (or SIGTERM) stops it and removes its folder.\n');
  const finish = () => {
    cluster.stop();
    process.exit(0);
  };
  process.on('SIGINT', finish);
  process.on('SIGTERM', finish);
  process.on('SIGHUP', finish);
  setInterval(() => {}, 1 << 30);
}
