import crypto from 'node:crypto';
import pg, { type ClientBase, type PoolClient } from 'pg';
import { AppError } from '../../../shared/errors';
import { auditSealPrivateKeySetting } from '../audit/pending-audit';
import type { ScryptParams } from '../crypto/kdf';
import { createSlot, openSlot, type KeySlot } from '../crypto/key-slots';
import { newKeyPair } from '../crypto/sealed-box';
import { newStoreCipher } from '../store/database';
import { findStaffSlot, recoverySlot, slotLookup, type Keyring } from '../store/keyring';
import { migrations as fileMigrations } from '../store/migrations/index';
import type { Migration } from '../store/migrations/migration';
import type { Credential } from '../store/store';
import { mapPgFailure, PgStoreEngine, type PgEngineOptions } from '../store-engine/pg-store-engine';
import { FieldCipher } from './field-crypto';
import { connectionFailure, practiceConnectionOptions, type ConnectionOptionsInput } from './pg-connection';
import { assertPgSchemaCurrent } from './pg-migrate-schema';
import { pairingSchemaSql } from './pg-pairing';
import { foundationSchemaSql, pgBaselineVersion } from './pg-schema';
import { createPgKeyringRepository, putSettingTextPg, readKeyringPg } from './pg-staff-repository';
import { acceptServerHead, checkServerHead, rememberServerHead, serverAuditHead, type HeadCheck, type HeadMemoryOptions, type ServerHead } from './server-head-memory';

/**
 * The PostgreSQL store opened as the encrypted SQLite file is today
 * (store/store.ts: `Store.create`, `Store.unlock`, `Store.open`, `holdsKey`,
 * `setStaffSlot`), for BackendCore to build on (design section 6, "Setup";
 * section 3, key slots on the server; section 6, "Backup and restore", the
 * head memory at open).
 *
 * The API, whole:
 *
 * - `createServerStore({ owner, appRole, pairingRole?, admin, recoveryKey, kdf })`
 *   → `{ storeId, keyring }`. As the schema's owner, in ONE transaction: the
 *   whole schema at the newest version (the baseline, then every later
 *   migration's PostgreSQL part), a new random data key, and the keyring on
 *   the server (with the pairing functions when `pairingRole` is given; the administrator's password slot, the recovery slot, the
 *   audit seal's public key with its key pair sealed in `settings`, a new
 *   store id). A database holding any table is refused (`conflict`,
 *   nothing changed); any failure rolls everything back. No staff row is
 *   written (as `Store.create`: the backend's setup inserts and audits the
 *   administrator). The data key never leaves this function: open the
 *   store with `openServerStore` and the administrator's password.
 * - `unlockServerStore(client, credential)` → the candidates the credential
 *   opens (`[]` for a wrong password or recovery key), as `Store.unlock`
 *   (the server has no pending key file, so at most one).
 * - `openServerStore({ connection, credential, headMemory, acceptRollback?, poolSize?, engine? })`
 *   → a `ServerStore`, or null when the credential opens no slot. At open:
 *   the schema must be this version's (`store_too_new`, or `conflict`
 *   "must be upgraded", in words); the server's audit head is compared with
 *   this workstation's memory (`store_rolled_back` for an older copy,
 *   unless `acceptRollback`, which then remembers the server as it is and
 *   says so in `head`, for the caller to audit). A server that cannot be
 *   reached is `server_unreachable`; a certificate that does not check out
 *   `server_untrusted` (pg-connection.ts's words).
 * - `ServerStore`: `engine` (the records, sealed under the data key and any
 *   retired keys the server holds), `cipher`, `keyring` (as last read or
 *   changed here), `slot` (the one the credential opened), `storeId`,
 *   `head` (what the check at open found), `holdsKey(key)`,
 *   `setStaffSlot(staffId, username, password, kdf)`, `rememberHead()`
 *   (call after this workstation's commits: the memory moves forward, never
 *   back), `close()`.
 *
 * The workstation's own settings for reaching the server (address, CA,
 * the paired credential) are practice-server-settings.ts.
 */

export interface CreateServerStoreInput {
  /** A connection as the schema's owner (connectPracticeServer with the owner's account); left open, not in a transaction. */
  owner: ClientBase;
  /** The app's role (it must exist); the schema grants it its rights. */
  appRole: string;
  /** Also install the pairing functions (schema part 8) for this role, when given; it must exist. */
  pairingRole?: string;
  admin: { staffId: string; username: string; password: string };
  recoveryKey: Buffer;
  kdf: ScryptParams;
  /** Tests only: another list of migrations. */
  migrations?: readonly Migration[];
}

export const serverNotEmptyMessage = (database: string, tables: number) =>
  `The database ${database} on the practice server is not empty (it has ${tables} tables or sequences), so it may already hold a store. A new store is made only in an empty database, so that nothing there is overwritten. Nothing was changed.`;

/** Tables, views and sequences in the public schema: a new store goes only where there are none. */
async function objectsInPublic(client: ClientBase): Promise<number> {
  const row = await client.query<{ n: string }>(
    "SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')",
  );
  return Number(row.rows[0]!.n);
}

/** Create a new store on the server (see the top of the file). */
export async function createServerStore(input: CreateServerStoreInput): Promise<{ storeId: string; keyring: Keyring }> {
  const { owner, appRole, admin, recoveryKey, kdf } = input;
  const list = input.migrations ?? fileMigrations;
  const latest = list.at(-1)?.version ?? pgBaselineVersion;
  const pending = list.filter((m) => m.version > pgBaselineVersion);
  const missing = pending.find((m) => !m.postgres);
  if (missing) throw new AppError('internal', `This Consent Desk cannot make the practice server's schema: migration ${missing.version} (${missing.name}) has no PostgreSQL step. Nothing was changed.`);

  const storeId = crypto.randomUUID();
  const dataKey = crypto.randomBytes(32);
  try {
    // The slots first (scrypt is slow): no transaction is open on the server meanwhile.
    const slots = [
      await createSlot({ staffId: admin.staffId, lookup: slotLookup(storeId, admin.username) }, { kind: 'password', password: admin.password, kdf }, dataKey),
      await createSlot({ staffId: null, lookup: null }, { kind: 'recovery', recoveryKey }, dataKey),
    ];
    const seal = newKeyPair();
    const sealValue = { publicKey: seal.publicDer.toString('base64'), privateKey: seal.privateDer.toString('base64') };
    const keyring: Keyring = { format: 'consent-desk-keyring', version: 1, storeId, cipher: newStoreCipher, keyEpoch: 1, slots, auditPublicKey: sealValue.publicKey };
    const cipher = new FieldCipher([{ keyId: keyring.keyEpoch, dataKey }], keyring.keyEpoch);

    await owner.query('BEGIN').catch((error: unknown) => {
      throw mapPgFailure(error);
    });
    try {
      const objects = await objectsInPublic(owner);
      if (objects > 0) {
        const database = (await owner.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db;
        throw new AppError('conflict', serverNotEmptyMessage(database, objects));
      }
      for (const role of [appRole, ...(input.pairingRole ? [input.pairingRole] : [])]) {
        if ((await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount === 0) {
          throw new AppError('not_found', `The database role ${role} does not exist on the practice server. Whoever runs the server must create it first. Nothing was changed.`);
        }
      }
      await owner.query(foundationSchemaSql(appRole));
      if (input.pairingRole) await owner.query(pairingSchemaSql({ appRole, pairingRole: input.pairingRole }));
      for (const m of pending) await owner.query(m.postgres!(appRole));
      if (pending.length > 0) await owner.query('UPDATE store_schema SET version = $1 WHERE id = 1', [latest]);
      await createPgKeyringRepository(cipher).createKeyring(owner, keyring);
      await putSettingTextPg(owner, cipher, auditSealPrivateKeySetting, JSON.stringify(sealValue));
      await owner.query('COMMIT');
    } catch (error) {
      await owner.query('ROLLBACK').catch(() => undefined);
      throw mapPgFailure(error);
    }
    return { storeId, keyring };
  } finally {
    dataKey.fill(0);
  }
}

export interface ServerUnlockCandidate {
  dataKey: Buffer;
  slot: KeySlot;
  keyring: Keyring;
}

/** The data key a credential opens on the server, with its slot and the keyring; [] when the credential is wrong. */
export async function unlockServerStore(client: ClientBase, credential: Credential): Promise<ServerUnlockCandidate[]> {
  const keyring = await readKeyringPg(client);
  if (!keyring) throw new AppError('store_missing', 'The practice server holds no Consent Desk store yet. Set it up first.');
  return unlockWithKeyring(keyring, credential);
}

/** The data key a credential opens in a keyring read from the server (scrypt: call with no transaction open). */
export async function unlockWithKeyring(keyring: Keyring, credential: Credential): Promise<ServerUnlockCandidate[]> {
  const slot = 'username' in credential ? findStaffSlot(keyring, credential.username) : recoverySlot(keyring);
  if (!slot) return [];
  const dataKey = await openSlot(slot, 'username' in credential ? credential.password : credential.recoveryKey);
  return dataKey ? [{ dataKey, slot, keyring }] : [];
}

/** The field cipher for an unlocked store: the current key and every retired key the server keeps (sealed by the current one). */
async function cipherFor(client: ClientBase, candidate: ServerUnlockCandidate): Promise<FieldCipher> {
  const epoch = candidate.keyring.keyEpoch;
  const current = new FieldCipher([{ keyId: epoch, dataKey: candidate.dataKey }], epoch);
  const retired = (await client.query<{ key_epoch: number }>('SELECT key_epoch FROM data_key_history WHERE key_epoch <> $1 AND key_epoch > 0 ORDER BY key_epoch', [epoch])).rows;
  if (retired.length === 0) return current;
  const keyringRepo = createPgKeyringRepository(current);
  const generations = [{ keyId: epoch, dataKey: candidate.dataKey }];
  for (const { key_epoch } of retired) generations.push({ keyId: key_epoch, dataKey: (await keyringRepo.retiredDataKey(client, key_epoch))! });
  return new FieldCipher(generations, epoch);
}

export type ServerHeadAtOpen = HeadCheck | { outcome: 'accepted'; head: ServerHead; problem: string };

export interface ServerStore {
  readonly engine: PgStoreEngine;
  readonly cipher: FieldCipher;
  readonly storeId: string;
  /** The keyring as last read at open or changed through this object. */
  readonly keyring: Keyring;
  /** The slot the credential opened. */
  readonly slot: KeySlot;
  /** What the head check at open found. */
  readonly head: ServerHeadAtOpen;
  /** True when `key` is this store's current data key. */
  holdsKey(key: Buffer): boolean;
  /** Give a staff member a slot for `password` on the server, replacing any slot they had. */
  setStaffSlot(staffId: string, username: string, password: string, kdf: ScryptParams): Promise<void>;
  /** Remember the server's audit head as seen now (after this workstation's commits); never moves the memory back. */
  rememberHead(): Promise<ServerHead>;
  close(): Promise<void>;
}

export interface OpenServerStoreInput {
  /** The practice server (verify-full TLS, pg-connection.ts), or a pool's options as they are (tests, a socket on this computer). */
  connection: ConnectionOptionsInput | pg.PoolConfig;
  credential: Credential;
  headMemory: HeadMemoryOptions;
  /** An administrator accepting a server restored from an older copy: remembered as it is, `head.outcome` 'accepted'. */
  acceptRollback?: boolean;
  /** Connections in the engine's pool (default 4). */
  poolSize?: number;
  engine?: PgEngineOptions;
  /** Tests only: another list of migrations. */
  migrations?: readonly Migration[];
}

class OpenedServerStore implements ServerStore {
  private keyringState: Keyring;
  private closed = false;

  constructor(
    readonly engine: PgStoreEngine,
    readonly cipher: FieldCipher,
    keyring: Keyring,
    readonly slot: KeySlot,
    readonly head: ServerHeadAtOpen,
    private readonly dataKey: Buffer,
    private readonly headMemory: HeadMemoryOptions,
  ) {
    this.keyringState = keyring;
  }

  get storeId(): string {
    return this.keyringState.storeId;
  }

  get keyring(): Keyring {
    return this.keyringState;
  }

  holdsKey(key: Buffer): boolean {
    return key.length === this.dataKey.length && crypto.timingSafeEqual(key, this.dataKey);
  }

  async setStaffSlot(staffId: string, username: string, password: string, kdf: ScryptParams): Promise<void> {
    // scrypt with no transaction open; the write locks the keyring row, so two workstations' slot changes go one after the other.
    const slot = await createSlot({ staffId, lookup: slotLookup(this.storeId, username) }, { kind: 'password', password, kdf }, this.dataKey);
    const keyringRepo = createPgKeyringRepository(this.cipher);
    this.keyringState = await this.engine.write(async (tx) => {
      await keyringRepo.putSlot(tx, slot);
      return (await readKeyringPg(tx))!;
    });
  }

  async rememberHead(): Promise<ServerHead> {
    const head = await this.engine.read((tx) => serverAuditHead(tx, this.cipher));
    await rememberServerHead(this.storeId, head, this.headMemory);
    return head;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.dataKey.fill(0);
    await this.engine.close();
  }
}

const isPracticeInput = (connection: OpenServerStoreInput['connection']): connection is ConnectionOptionsInput => 'server' in connection && 'credential' in connection;

/** Open the store on the server with a staff member's password or the recovery key (see the top of the file); null when it opens no slot. */
export async function openServerStore(input: OpenServerStoreInput): Promise<ServerStore | null> {
  const { connection } = input;
  const config: pg.PoolConfig = isPracticeInput(connection) ? practiceConnectionOptions(connection) : connection;
  const failure = (error: unknown) => (isPracticeInput(connection) ? connectionFailure(error, connection.server) : mapPgFailure(error));
  const pool = new pg.Pool({ ...config, max: input.poolSize ?? 4 });
  // An idle connection that breaks is dropped by the pool; without a listener node would end the process.
  pool.on('error', () => undefined);
  let client: PoolClient | null = null;
  let dataKey: Buffer | null = null;
  let handedOver = false;
  try {
    try {
      client = await pool.connect();
    } catch (error) {
      throw failure(error);
    }
    await assertPgSchemaCurrent(client, input.migrations ?? fileMigrations);
    const [candidate] = await unlockServerStore(client, input.credential);
    if (!candidate) return null;
    dataKey = candidate.dataKey;
    const cipher = await cipherFor(client, candidate);
    // The head and the event it is compared with from one snapshot.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    let head: ServerHeadAtOpen;
    try {
      try {
        head = await checkServerHead(client, cipher, input.headMemory);
      } catch (error) {
        if (!(input.acceptRollback && error instanceof AppError && error.code === 'store_rolled_back')) throw error;
        head = { outcome: 'accepted', head: await acceptServerHead(client, cipher, input.headMemory), problem: error.message };
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    client.release();
    client = null;
    const engine = new PgStoreEngine(pool, cipher, input.engine);
    handedOver = true;
    return new OpenedServerStore(engine, cipher, candidate.keyring, candidate.slot, head, dataKey, input.headMemory);
  } catch (error) {
    throw mapPgFailure(error);
  } finally {
    // A client left over here met a failure: destroyed, not given back to the pool.
    client?.release(true);
    if (!handedOver) {
      dataKey?.fill(0);
      await pool.end().catch(() => undefined);
    }
  }
}
