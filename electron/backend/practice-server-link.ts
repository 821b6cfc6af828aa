import pg from 'pg';
import { AppError } from '../../shared/errors';
import type { OpenServerStore, PracticeServerLink } from './practice-server';
import type { SharedRecords } from './store-engine/store-engine';
import type { ExternalAnchorStore } from './store/rollback-anchor';
import type { Credential } from './store/store';
import { practiceConnectionOptions, type ConnectionOptionsInput } from './store-pg/pg-connection';
import { PgChangeFeed } from './store-pg/pg-change-feed';
import { readKeyringPg } from './store-pg/pg-staff-repository';
import { readPracticeServer } from './store-pg/practice-server-settings';
import { headMemoryKey, rememberServerHead, serverAuditHead, type HeadMemoryOptions } from './store-pg/server-head-memory';
import { mapPgFailure } from './store-engine/pg-store-engine';
import { pgSchemaVersion } from './store-pg/pg-migrate-schema';
import { createServerStore, openServerStore, unlockWithKeyring, type ServerStore } from './store-pg/server-store';

/**
 * The backend's link to a practice server (practice-server.ts) made from
 * the parts below it: `openServerStore` (schema check, key slots, head
 * memory, the engine), the change feed, and the head remembered after
 * calls that moved it. Shells build one from the workstation's
 * `practice-server.json` (`practiceServerLinkFromDataDir`).
 */
export interface PracticeServerLinkInput {
  /** The practice server (verify-full TLS), or a pool's options as they are (a socket on this computer: tests, the development host). */
  connection: ConnectionOptionsInput | pg.PoolConfig;
  /** This workstation's memory of the server's audit head. */
  headMemory: HeadMemoryOptions;
  description: string;
  /** Connections in the engine's pool (default 4). */
  poolSize?: number;
  /** The schema owner's account, for first-run setup on an empty server (`PracticeServerLink.create`); the app role must exist. */
  owner?: { connection: pg.ClientConfig; appRole: string; pairingRole?: string };
}

const isPracticeInput = (connection: PracticeServerLinkInput['connection']): connection is ConnectionOptionsInput => 'server' in connection && 'credential' in connection;

export function practiceServerLink(input: PracticeServerLinkInput): PracticeServerLink {
  const clientConfig: pg.ClientConfig = isPracticeInput(input.connection) ? practiceConnectionOptions(input.connection) : input.connection;
  const { owner } = input;
  let holds = false;
  return {
    description: input.description,
    ...(owner
      ? {
          async create(setup) {
            const client = new pg.Client(owner.connection);
            try {
              await client.connect().catch((error: unknown) => {
                throw mapPgFailure(error);
              });
              await createServerStore({ owner: client, appRole: owner.appRole, ...(owner.pairingRole ? { pairingRole: owner.pairingRole } : {}), ...setup });
            } finally {
              await client.end().catch(() => undefined);
            }
          },
        }
      : {}),
    async holdsStore() {
      // Once a store is seen it stays: a server does not lose its schema, and the sign-in screen asks often.
      if (holds || !owner) return true;
      const client = new pg.Client(clientConfig);
      try {
        await client.connect().catch((error: unknown) => {
          throw mapPgFailure(error);
        });
        holds = (await pgSchemaVersion(client)) !== null;
        return holds;
      } finally {
        await client.end().catch(() => undefined);
      }
    },
    async open(credential, hooks) {
      let records: SharedRecords<unknown> | null = null;
      const store = await openServerStore({
        connection: input.connection,
        credential,
        headMemory: input.headMemory,
        ...(input.poolSize ? { poolSize: input.poolSize } : {}),
        engine: {
          beforeCommit: async (tx) => {
            if (records) await hooks.beforeCommit(tx, records);
          },
        },
      });
      if (!store) return null;
      records = store.engine.records as SharedRecords<unknown>;
      let feed: PgChangeFeed;
      try {
        feed = await PgChangeFeed.start({ connection: clientConfig });
      } catch (error) {
        await store.close();
        throw error instanceof AppError ? error : new AppError('server_unreachable', `${input.description} cannot be reached for live updates. Nothing was opened.`);
      }
      return { store: openedOnServer(store, feed, input.headMemory), slot: store.slot };
    },
  };
}

function openedOnServer(store: ServerStore, feed: PgChangeFeed, headMemory: HeadMemoryOptions): OpenServerStore {
  let rememberedSeq: number | null = null;
  return {
    engine: store.engine,
    changeFeed: feed,
    holdsKey: (key) => store.holdsKey(key),
    setStaffSlot: (staffId, username, password, kdf) => store.setStaffSlot(staffId, username, password, kdf),
    async unlock(credential: Credential) {
      // The slots read in a short transaction; scrypt runs with none open.
      const keyring = await store.engine.read((tx) => readKeyringPg(tx));
      return keyring ? unlockWithKeyring(keyring, credential) : [];
    },
    async rememberHead() {
      // One read per call; the memory is written (and synced) only when the head moved.
      const head = await store.engine.read((tx) => serverAuditHead(tx, store.cipher));
      if (head.seq === rememberedSeq) return;
      await rememberServerHead(store.storeId, head, headMemory);
      rememberedSeq = head.seq;
    },
    async close() {
      await feed.stop().catch(() => undefined);
      await store.close();
    },
  };
}

/**
 * The link for the workstation whose data folder holds `practice-server.json`
 * (null when it has none): the paired password from `keeper`, and the head
 * memory kept by the same keeper under the password's key.
 */
export async function practiceServerLinkFromDataDir(dataDir: string, keeper: ExternalAnchorStore, now?: () => Date): Promise<PracticeServerLink | null> {
  const server = await readPracticeServer(dataDir, keeper);
  if (!server) return null;
  const { host, database } = server.settings.server;
  return practiceServerLink({
    connection: server.connection,
    headMemory: { keeper, key: headMemoryKey(server.connection.credential.password), ...(now ? { now } : {}) },
    description: `the practice server ${host} (database ${database})`,
  });
}
