import crypto from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import pg from 'pg';
import { AppError } from '../../../shared/errors';
import { mapPgFailure } from '../store-engine/pg-store-engine';

/**
 * How a workstation reaches the practice's PostgreSQL server
 * (docs/design/postgres-store.md, section 3, "Connections"): TLS with the
 * server's certificate checked against the practice's own CA and its name
 * against the address (libpq's `sslmode=verify-full`), and nothing weaker
 * for a server on another computer. No plaintext fallback, no "require"
 * (which encrypts but would talk to any server that answers), no trust in
 * the system's CA list (a certificate any public CA issued for the name
 * would do). The options are built whole here: node-postgres reads nothing
 * from PGSSLMODE, PGHOST or a connection string behind our back.
 */

export type SslMode = 'disable' | 'allow' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';
const sslModes: readonly SslMode[] = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

export interface PracticeServerAddress {
  /** The server's name as its certificate names it (db.practice.lan), or a Unix socket folder for a server on this computer. */
  host: string;
  port?: number;
  database: string;
  /** Where to connect when it is not `host` itself (an IP address); the certificate is still checked against `host` (libpq's hostaddr). */
  hostaddr?: string;
  /** Anything but verify-full is refused for a server on another computer. */
  sslmode?: SslMode;
}

export interface DatabaseCredential {
  user: string;
  password: string;
}

export interface ConnectionOptionsInput {
  server: PracticeServerAddress;
  credential: DatabaseCredential;
  /** The practice's CA certificate(s), PEM, stored at setup. Needed for any server not on this computer. */
  caPem: string | null;
  /** Give up connecting after this long (default 15 s): a server that does not answer is `server_unreachable`. */
  connectTimeoutMs?: number;
  applicationName?: string;
}

/** A server on this computer: a Unix socket folder, or the loopback name or addresses. TLS is then optional. */
export function isLocalServer(server: Pick<PracticeServerAddress, 'host' | 'hostaddr'>): boolean {
  const where = server.hostaddr ?? server.host;
  if (where.startsWith('/')) return true;
  if (where === 'localhost') return true;
  const family = net.isIP(where);
  if (family === 4) return where.startsWith('127.');
  if (family === 6) return where === '::1';
  return false;
}

function refuse(message: string): AppError {
  return new AppError('validation', message);
}

/** The CA certificates in `pem`, each checked to be a certificate authority; refused with words when none is. */
function practiceCa(pem: string): string {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) {
    throw refuse('The practice’s CA certificate is not a PEM certificate (it should begin with -----BEGIN CERTIFICATE-----). Ask whoever set up the server for the CA file.');
  }
  for (const block of blocks) {
    let certificate: crypto.X509Certificate;
    try {
      certificate = new crypto.X509Certificate(block);
    } catch {
      throw refuse('The practice’s CA certificate cannot be read. Ask whoever set up the server for the CA file.');
    }
    if (!certificate.ca) {
      throw refuse('The file given as the practice’s CA holds a certificate that is not a certificate authority (perhaps the server’s own certificate). Ask whoever set up the server for the CA file.');
    }
  }
  return blocks.join('\n');
}

/**
 * The node-postgres options for the practice server, or a refusal that says
 * why: a weaker `sslmode` than verify-full, or no CA, for a server that is
 * not on this computer.
 */
export function practiceConnectionOptions(input: ConnectionOptionsInput): pg.ClientConfig {
  const { server, credential } = input;
  const mode = server.sslmode ?? 'verify-full';
  if (!sslModes.includes(mode)) throw refuse(`"${String(mode)}" is not an sslmode; the practice server is reached with sslmode=verify-full.`);
  if (!server.host) throw refuse('The practice server’s address is missing.');
  if (!server.database) throw refuse('The practice server’s database name is missing.');
  if (server.port !== undefined && (!Number.isInteger(server.port) || server.port < 1 || server.port > 65_535)) {
    throw refuse(`${server.port} is not a port number.`);
  }
  if (server.hostaddr !== undefined && net.isIP(server.hostaddr) === 0) throw refuse(`hostaddr must be an IP address, not "${server.hostaddr}".`);
  const local = isLocalServer(server);
  const base: pg.ClientConfig = {
    host: server.hostaddr ?? server.host,
    port: server.port ?? 5432,
    database: server.database,
    user: credential.user,
    password: credential.password,
    connectionTimeoutMillis: input.connectTimeoutMs ?? 15_000,
    application_name: input.applicationName ?? 'consent-desk',
  };
  if (mode !== 'verify-full') {
    if (!local) {
      throw refuse(
        `The practice server ${server.host} must be reached with sslmode=verify-full, not ${mode}: ` +
          (mode === 'verify-ca'
            ? 'verify-ca checks who signed the certificate but not that it is this server’s.'
            : mode === 'require'
              ? 'require encrypts but would talk to any server that answers, so a password could go to an impostor.'
              : 'patient data would cross the network unencrypted.') +
          ' Nothing was sent.',
      );
    }
    // A server on this computer: the socket or loopback never leaves it.
    return { ...base, ssl: false };
  }
  if (base.host!.startsWith('/')) throw refuse('A Unix socket folder cannot be checked with TLS; use the server’s name with sslmode=verify-full.');
  if (!input.caPem) {
    throw refuse(`The practice’s CA certificate is needed to check the server ${server.host} (sslmode=verify-full). Nothing was sent; ask whoever set up the server for the CA file.`);
  }
  const ca = practiceCa(input.caPem);
  const serverName = server.host;
  return {
    ...base,
    ssl: {
      ca,
      rejectUnauthorized: true,
      // The name the certificate must carry is the server's name, whatever address we dialled.
      ...(net.isIP(serverName) === 0 ? { servername: serverName } : {}),
      checkServerIdentity: (_dialled: string, certificate: tls.PeerCertificate) => tls.checkServerIdentity(serverName, certificate),
      minVersion: 'TLSv1.2',
    },
  };
}

/**
 * Read `postgres://[USER@]HOST[:PORT]/DATABASE[?sslmode=…&hostaddr=…]` (what
 * setup and `migrate-store` take). A password in the address is refused: it
 * would be kept, and shown, wherever the address is.
 */
export function parseServerAddress(address: string): { server: PracticeServerAddress; user: string | null } {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw refuse('The practice server’s address is not of the form postgres://HOST/DATABASE.');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw refuse('The practice server’s address must begin with postgres://.');
  if (url.password) throw refuse('Put no password in the server’s address: it would be kept and shown wherever the address is.');
  const known = new Set(['sslmode', 'hostaddr', 'host', 'port']);
  for (const key of url.searchParams.keys()) {
    if (!known.has(key)) throw refuse(`The address option "${key}" is not used by Consent Desk (the CA is stored at setup, not named in the address).`);
  }
  const socketHost = url.searchParams.get('host');
  const host = socketHost ?? decodeURIComponent(url.hostname).replace(/^\[(.*)\]$/, '$1');
  const portText = url.searchParams.get('port') ?? url.port;
  const sslmode = url.searchParams.get('sslmode') ?? undefined;
  if (sslmode !== undefined && !sslModes.includes(sslmode as SslMode)) throw refuse(`"${sslmode}" is not an sslmode; use sslmode=verify-full.`);
  const server: PracticeServerAddress = {
    host,
    database: decodeURIComponent(url.pathname.replace(/^\//, '')),
    ...(portText ? { port: Number(portText) } : {}),
    ...(url.searchParams.get('hostaddr') ? { hostaddr: url.searchParams.get('hostaddr')! } : {}),
    ...(sslmode ? { sslmode: sslmode as SslMode } : {}),
  };
  return { server, user: url.username ? decodeURIComponent(url.username) : null };
}

/** OpenSSL's and Node's words for a certificate not signed by the practice's CA. */
const untrustedChain = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
]);

/**
 * What a failed connection means, in words for the screen: a server that is
 * not the practice's (its certificate signed by another CA, or for another
 * name, or out of date) is `server_untrusted`; an unreachable one, or a
 * refused account, as the engine says it (mapPgFailure).
 */
export function connectionFailure(error: unknown, server: Pick<PracticeServerAddress, 'host'>): unknown {
  if (error instanceof AppError) return error;
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const message = error instanceof Error ? error.message : '';
  const nothingSent = 'Nothing was sent to it, no password included.';
  if (untrustedChain.has(code)) {
    return new AppError(
      'server_untrusted',
      `The server at ${server.host} did not prove it is the practice’s server: its certificate is not signed by the practice’s CA. ${nothingSent} If the server’s certificate was renewed with a new CA, set up the new CA; otherwise tell whoever runs the network.`,
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new AppError(
      'server_untrusted',
      `The server that answered at ${server.host} has a certificate for another name, so it may not be the practice’s server. ${nothingSent} Check the server’s address, or ask whoever set up the server.`,
    );
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return new AppError(
      'server_untrusted',
      `The certificate of the server at ${server.host} is ${code === 'CERT_HAS_EXPIRED' ? 'out of date' : 'not valid yet (check this computer’s clock)'}. ${nothingSent} Ask whoever set up the server to renew it.`,
    );
  }
  if (/does not support SSL/i.test(message)) {
    return new AppError('server_untrusted', `The server at ${server.host} does not offer TLS, so it cannot be checked. ${nothingSent} Its administrator must turn TLS on (ssl = on).`);
  }
  return mapPgFailure(error);
}

/** Connect with `practiceConnectionOptions`; a failure comes back in `connectionFailure`'s words. */
export async function connectPracticeServer(input: ConnectionOptionsInput): Promise<pg.Client> {
  const client = new pg.Client(practiceConnectionOptions(input));
  // A connection dropped later is reported by the query that meets it; an 'error' event with no listener would end the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw connectionFailure(error, input.server);
  }
  return client;
}
