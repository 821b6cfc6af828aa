import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ClientBase } from 'pg';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { genesisHash } from '../audit/audit-log';
import { fsyncInPool, syncDirectoryInPool } from '../store/atomic-file';
import type { ExternalAnchorStore } from '../store/rollback-anchor';
import type { FieldCipher } from './field-crypto';

/**
 * A workstation's memory of the highest audit head it has seen on each
 * practice server: rollback detection for the shared store (design
 * section 6, "Backup and restore", last sentence). A `pg_dump` put back,
 * a replica promoted from behind, or a snapshot restored are all valid
 * databases whose audit chain verifies, only shorter, or forked from a
 * point on. Each workstation keeps, outside the server, the sequence and
 * (keyed) hash of the newest event it has seen; on open, a server whose
 * head is lower, or whose event at that sequence is another one, is
 * `store_rolled_back`.
 *
 * Kept per store (the keyring's store id, which a restored dump keeps, so
 * an older copy of the same store is compared with what was seen of it)
 * through the same keeper as the SQLite store's anchor copy
 * (`ExternalAnchorStore`: in the app the main process's keeper, sealed by
 * the OS credential store where there is one; `folderHeadMemory` below for
 * the CLI and the tests), under the name `server-<store id>`. The record is
 * signed with a key the caller holds (`headMemoryKey`), and holds the hash
 * only as an HMAC under that key, so the file confirms nothing about the
 * trail to someone who reads it. Writes replace the whole file atomically
 * (a sibling written and synced, then renamed): a kill leaves the old
 * memory or the new one.
 */

export interface ServerHead {
  seq: number;
  hash: string;
}

interface MemoryState {
  storeId: string;
  seq: number;
  /** HMAC-SHA-256 of "seq:hash" under the memory key: compared, never read back as a hash. */
  tag: string;
  at: string;
}

const stateSchema = z.object({ storeId: z.string().min(1), seq: z.number().int().nonnegative(), tag: z.string().regex(/^[0-9a-f]{64}$/), at: z.string() });
const recordSchema = z.object({ format: z.literal('consent-desk-server-head'), version: z.literal(1), state: stateSchema, mac: z.string().regex(/^[0-9a-f]{64}$/) });

/** The memory's key from a secret the workstation keeps (its paired credential's password): stable across the practice's rekeys. */
export function headMemoryKey(secret: string | Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', secret, Buffer.alloc(0), 'consent-desk/server-head-memory/v1', 32));
}

const memoryName = (storeId: string) => `server-${storeId}`;
const tagOf = (key: Buffer, head: ServerHead) => crypto.createHmac('sha256', key).update(`consent-desk-server-head-tag\u0000${head.seq}\u0000${head.hash}`).digest('hex');
const macOf = (key: Buffer, state: MemoryState) => crypto.createHmac('sha256', key).update(JSON.stringify(['consent-desk-server-head/v1', state])).digest('hex');

function sealMemory(key: Buffer, state: MemoryState): string {
  return `${JSON.stringify({ format: 'consent-desk-server-head', version: 1, state, mac: macOf(key, state) })}\n`;
}

/** The remembered state, null when none, or 'unreadable' (torn, edited, or signed with another key). */
function openMemory(key: Buffer, text: string | null): MemoryState | null | 'unreadable' {
  if (text === null) return null;
  let parsed: z.output<typeof recordSchema>;
  try {
    parsed = recordSchema.parse(JSON.parse(text));
  } catch {
    return 'unreadable';
  }
  const expected = Buffer.from(macOf(key, parsed.state), 'hex');
  return crypto.timingSafeEqual(expected, Buffer.from(parsed.mac, 'hex')) ? parsed.state : 'unreadable';
}

/**
 * The memory as files in a folder of the user profile, outside any data
 * folder (rollbackAnchorDir's). Each write: a sibling file written and
 * fsynced, renamed over the memory, the folder fsynced.
 */
export function folderHeadMemory(folder: string): ExternalAnchorStore {
  const fileOf = (name: string) => path.join(folder, `${name.replace(/[^0-9a-zA-Z-]/g, '')}.head.json`);
  return {
    async read(name) {
      try {
        return await fs.promises.readFile(fileOf(name), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async write(name, text) {
      await fs.promises.mkdir(folder, { recursive: true, mode: 0o700 });
      const file = fileOf(name);
      const tmp = `${file}.${process.pid}.tmp`;
      const fd = fs.openSync(tmp, 'w', 0o600);
      try {
        fs.writeFileSync(fd, text);
        await fsyncInPool(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(tmp, file);
      await syncDirectoryInPool(folder);
    },
  };
}

/** The store's identity on the server: the keyring's store id (kept by a dump and its restore). */
export async function serverStoreId(client: ClientBase): Promise<string> {
  const row = (await client.query<{ store_id: string }>('SELECT store_id FROM keyring WHERE id = 1')).rows[0];
  if (!row) throw new AppError('store_missing', 'The practice server holds no Consent Desk store yet (no keyring).');
  return row.store_id;
}

const headContext = (seq: number) => ({ table: 'audit_head', column: 'sealed_hash', recordId: String(seq) });
const bodyContext = (seq: number) => ({ table: 'audit_events', column: 'sealed', recordId: String(seq) });

/** The server's audit head, its hash opened here. */
export async function serverAuditHead(client: ClientBase, cipher: FieldCipher): Promise<ServerHead> {
  const row = (await client.query<{ seq: string; sealed_hash: Buffer | null }>('SELECT seq, sealed_hash FROM audit_head WHERE id = 1')).rows[0];
  if (!row) throw new AppError('store_damaged', 'The practice server’s audit trail has no head.');
  const seq = Number(row.seq);
  return { seq, hash: row.sealed_hash === null ? genesisHash : cipher.decryptText(row.sealed_hash, headContext(seq)) };
}

/** The hash of the server's event `seq` (opened here), or null when the server has no such event. */
async function serverEventHash(client: ClientBase, cipher: FieldCipher, seq: number): Promise<string | null> {
  if (seq === 0) return genesisHash;
  const row = (await client.query<{ sealed: Buffer }>('SELECT sealed FROM audit_events WHERE seq = $1', [seq])).rows[0];
  if (!row) return null;
  return (JSON.parse(cipher.decryptText(row.sealed, bodyContext(seq))) as { hash: string }).hash;
}

export type HeadCheck =
  /** This workstation had never seen this store: what it sees now is remembered. */
  | { outcome: 'first'; head: ServerHead }
  /** The server is where it was last seen. */
  | { outcome: 'same'; head: ServerHead }
  /** The server moved on from what was seen (other workstations' work): remembered. */
  | { outcome: 'advanced'; head: ServerHead; from: number };

export interface HeadMemoryOptions {
  keeper: ExternalAnchorStore;
  key: Buffer;
  /** The clock for the record's `at` (tests pass theirs). */
  now?: () => Date;
}

function rolledBack(storeId: string, why: string): AppError {
  return new AppError(
    'store_rolled_back',
    `The practice server holds an older copy of the store than this computer has seen: ${why}. Nothing was opened. ` +
      'If the server was deliberately restored from a backup, an administrator can accept it (recorded in the audit trail); otherwise restore the newest copy on the server. ' +
      `(store ${storeId})`,
  );
}

/**
 * On open: compare the server's audit head with this workstation's memory
 * of it, and move the memory forward. Throws `store_rolled_back` for a head
 * lower than remembered, another event at the remembered sequence, or a
 * memory that cannot be read (it cannot vouch, so it does not pass).
 * Reads in one snapshot: call inside a REPEATABLE READ transaction (or on
 * a quiet server) so the head and the event belong together.
 */
export async function checkServerHead(client: ClientBase, cipher: FieldCipher, options: HeadMemoryOptions): Promise<HeadCheck> {
  const storeId = await serverStoreId(client);
  const head = await serverAuditHead(client, cipher);
  const remembered = openMemory(options.key, await options.keeper.read(memoryName(storeId)));
  if (remembered === 'unreadable') {
    throw rolledBack(storeId, 'this computer’s record of the server’s audit trail is damaged or was changed, so the server cannot be vouched for');
  }
  if (remembered === null) {
    await rememberServerHead(storeId, head, options);
    return { outcome: 'first', head };
  }
  if (remembered.storeId !== storeId) throw rolledBack(storeId, 'this computer’s record belongs to another store');
  if (head.seq < remembered.seq) {
    throw rolledBack(storeId, `its audit trail ends at event ${head.seq}, and this computer saw event ${remembered.seq} on ${remembered.at}`);
  }
  const there = await serverEventHash(client, cipher, remembered.seq);
  if (there === null || tagOf(options.key, { seq: remembered.seq, hash: there }) !== remembered.tag) {
    throw rolledBack(storeId, `its audit event ${remembered.seq} is not the one this computer saw on ${remembered.at} (the trail was restored and written to again)`);
  }
  if (head.seq === remembered.seq) return { outcome: 'same', head };
  await rememberServerHead(storeId, head, options);
  return { outcome: 'advanced', head, from: remembered.seq };
}

/**
 * Remember `head` as the newest seen (after this workstation's own commits,
 * or a feed's news). Never moves the memory back: a lower head than the one
 * remembered is ignored here (checkServerHead is what reports it).
 */
export function rememberServerHead(storeId: string, head: ServerHead, options: HeadMemoryOptions): Promise<void> {
  // One after another per store: two commits' reports read-then-written at once could leave the lower head.
  return serially(storeId, async () => {
    const current = openMemory(options.key, await options.keeper.read(memoryName(storeId)));
    if (current && current !== 'unreadable' && current.storeId === storeId && current.seq >= head.seq) return;
    await writeMemory(storeId, head, options);
  });
}

const queues = new Map<string, Promise<unknown>>();

function serially<T>(storeId: string, work: () => Promise<T>): Promise<T> {
  const before = queues.get(storeId) ?? Promise.resolve();
  const done = before.then(work, work);
  const settled = done.catch(() => undefined);
  queues.set(storeId, settled);
  void settled.then(() => {
    if (queues.get(storeId) === settled) queues.delete(storeId);
  });
  return done;
}

/**
 * An administrator accepting a deliberate restore of the server: the
 * memory is set to the server's head as it is now, lower or not. The caller
 * records the acceptance in the audit trail.
 */
export async function acceptServerHead(client: ClientBase, cipher: FieldCipher, options: HeadMemoryOptions): Promise<ServerHead> {
  const storeId = await serverStoreId(client);
  const head = await serverAuditHead(client, cipher);
  await serially(storeId, () => writeMemory(storeId, head, options));
  return head;
}

async function writeMemory(storeId: string, head: ServerHead, options: HeadMemoryOptions): Promise<void> {
  const state: MemoryState = { storeId, seq: head.seq, tag: tagOf(options.key, head), at: (options.now?.() ?? new Date()).toISOString() };
  await options.keeper.write(memoryName(storeId), sealMemory(options.key, state));
}

/** What the memory holds for a store (the tests' and a support screen's view): its sequence and when, never the tag's input. */
export async function rememberedServerHead(storeId: string, options: Pick<HeadMemoryOptions, 'keeper' | 'key'>): Promise<{ seq: number; at: string } | null | 'unreadable'> {
  const state = openMemory(options.key, await options.keeper.read(memoryName(storeId)));
  return state && state !== 'unreadable' ? { seq: state.seq, at: state.at } : state;
}
