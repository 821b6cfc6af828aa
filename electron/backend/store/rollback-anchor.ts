import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { fsyncInPool } from './atomic-file';

/**
 * Rollback detection. Putting an older copy of the database file back (a
 * sync conflict, an OS snapshot, an insider) needs no key, and an older
 * file is a valid file: a revoked consent reads active again and the audit
 * chain is intact, just shorter. So what the store last was is kept
 * outside the database file, signed with a key that only someone who can
 * open the store has (HMAC-SHA256 with `store_meta.anchor_key`):
 *
 * - `store-anchor.json` beside the database: the write counter (every write
 *   transaction increases it, a restore included) and the audit head, in
 *   two slots written in turn in place, so a torn write costs one slot and
 *   a write costs no fsync (the database's own commit is already durable;
 *   an anchor that lags is harmless, one ahead of the database is not
 *   possible);
 * - in the app, a copy outside the data folder too (`ExternalAnchorStore`,
 *   which the shell provides: the OS credential store through Electron's
 *   safeStorage, or the user profile), so that putting back the whole
 *   folder is noticed as well.
 *
 * At open, an anchor ahead of the database (a higher counter, or the same
 * counter with another head) means the file or folder was rolled back: the
 * store is refused with `store_rolled_back`, and only an administrator can
 * accept it (audited), for a deliberate restore of a copy.
 */
export const anchorFileName = 'store-anchor.json';
const slotBytes = 2048;

export interface AnchorState {
  storeId: string;
  keyEpoch: number;
  writeCounter: number;
  auditSeq: number;
  auditHash: string;
  at: string;
  /** The newest backup that passed its checks (named in "the store is damaged" errors). */
  lastGoodBackup?: { file: string; createdAt: string } | null;
}

const stateSchema = z.object({
  storeId: z.string(),
  keyEpoch: z.number().int(),
  writeCounter: z.number().int().nonnegative(),
  auditSeq: z.number().int().nonnegative(),
  auditHash: z.string(),
  at: z.string(),
  lastGoodBackup: z.object({ file: z.string(), createdAt: z.string() }).nullable().optional(),
});
const sealedSchema = z.object({ format: z.literal('consent-desk-anchor'), version: z.literal(1), state: stateSchema, mac: z.string() });

/**
 * Where the shell keeps its own copy of the anchor, outside the data
 * folder. Asynchronous, because the app's backend may run in a process of
 * its own and reach the OS credential store only through the main process.
 */
export interface ExternalAnchorStore {
  read(storeId: string): Promise<string | null>;
  write(storeId: string, sealed: string): Promise<void>;
}

function mac(key: Buffer, state: AnchorState): string {
  return crypto.createHmac('sha256', key).update(JSON.stringify(['consent-desk-anchor-v1', state])).digest('hex');
}

export function sealAnchor(key: Buffer, state: AnchorState): string {
  return JSON.stringify({ format: 'consent-desk-anchor', version: 1, state, mac: mac(key, state) });
}

/** The state in `text` and whether its signature holds under `key` (null key: not checked). */
export function readSealedAnchor(text: string, key: Buffer | null): { state: AnchorState; valid: boolean } | null {
  let parsed: z.output<typeof sealedSchema>;
  try {
    parsed = sealedSchema.parse(JSON.parse(text));
  } catch {
    return null;
  }
  const state = parsed.state as AnchorState;
  if (!key) return { state, valid: false };
  const expected = Buffer.from(mac(key, state), 'hex');
  const given = Buffer.from(parsed.mac, 'hex');
  return { state, valid: given.length === expected.length && crypto.timingSafeEqual(given, expected) };
}

export function anchorPath(dataDir: string): string {
  return path.join(dataDir, anchorFileName);
}

/** What the anchor file beside the store says: its newest slot (by write counter), or why it says nothing. */
export function readAnchorFile(dataDir: string, key: Buffer | null): { state: AnchorState | null; valid: boolean; present: boolean } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(anchorPath(dataDir));
  } catch {
    return { state: null, valid: false, present: false };
  }
  const slots = [bytes.subarray(0, slotBytes), bytes.subarray(slotBytes, 2 * slotBytes)]
    .map((slot) => readSealedAnchor(slot.toString('utf8').trim(), key))
    .filter((s): s is NonNullable<typeof s> => s !== null);
  const valid = slots.filter((s) => s.valid).sort((a, b) => b.state.writeCounter - a.state.writeCounter);
  if (valid[0]) return { state: valid[0].state, valid: true, present: true };
  const any = slots.sort((a, b) => b.state.writeCounter - a.state.writeCounter)[0];
  return { state: any?.state ?? null, valid: false, present: true };
}

/** The anchor file, open for the life of a store: each record goes to the slot its counter's parity names. */
export class AnchorFile {
  private constructor(
    private fd: number | null,
    private readonly key: Buffer,
    private readonly file: string,
  ) {}

  static open(dataDir: string, key: Buffer): AnchorFile {
    const file = anchorPath(dataDir);
    let fd: number;
    try {
      fd = fs.openSync(file, 'r+');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      fd = fs.openSync(file, 'wx+', 0o600);
    }
    return new AnchorFile(fd, Buffer.from(key), file);
  }

  record(state: AnchorState): void {
    this.writeSlot(state.writeCounter % 2, state);
  }

  /** Both slots at once, durably (a new store, a restored one, an accepted rollback). */
  recordBoth(state: AnchorState): void {
    this.writeSlot(0, state);
    this.writeSlot(1, state);
    if (this.fd !== null) fs.fsyncSync(this.fd);
  }

  /**
   * `recordBoth` with the fsync in libuv's pool, for the backend's thread. It
   * syncs through a descriptor of its own, so the store closing meanwhile
   * (which syncs and closes the file's) cannot pull it from under it.
   */
  async recordBothInPool(state: AnchorState): Promise<void> {
    this.writeSlot(0, state);
    this.writeSlot(1, state);
    if (this.fd === null) return;
    const fd = fs.openSync(this.file, 'r');
    try {
      await fsyncInPool(fd);
    } finally {
      fs.closeSync(fd);
    }
  }

  private writeSlot(index: number, state: AnchorState): void {
    if (this.fd === null) return;
    const text = sealAnchor(this.key, state);
    if (Buffer.byteLength(text) >= slotBytes) throw new Error('anchor state too large for its slot');
    const slot = Buffer.alloc(slotBytes, ' ');
    slot.write(text, 0, 'utf8');
    slot[slotBytes - 1] = 0x0a;
    fs.writeSync(this.fd, slot, 0, slotBytes, index * slotBytes);
  }

  close(): void {
    if (this.fd === null) return;
    try {
      fs.fsyncSync(this.fd);
    } finally {
      fs.closeSync(this.fd);
      this.fd = null;
      this.key.fill(0);
    }
  }
}

/** How the database compares with an anchor of it: the same or newer is fine; older or forked is a rollback. */
export function rollbackProblem(db: Pick<AnchorState, 'writeCounter' | 'auditSeq' | 'auditHash'>, anchor: AnchorState, where: string): string | null {
  // Both only ever grow: the counter with every write transaction, the audit head with every event.
  if (anchor.writeCounter > db.writeCounter || anchor.auditSeq > db.auditSeq) {
    return `the data file is older than the store last seen ${where}: it has ${db.writeCounter} writes and audit event ${db.auditSeq}, the store had ${anchor.writeCounter} writes and audit event ${anchor.auditSeq} (${anchor.at})`;
  }
  // The same place in the chain with another event there: a copy that was written elsewhere (a sync conflict).
  if (anchor.writeCounter === db.writeCounter && anchor.auditSeq === db.auditSeq && anchor.auditHash !== db.auditHash) {
    return `the data file is not the store last seen ${where}: the same writes (${db.writeCounter}) and audit event ${db.auditSeq}, but another audit trail`;
  }
  return null;
}

export function rolledBackError(problems: string[]): AppError {
  return new AppError(
    'store_rolled_back',
    `This store was put back to an older copy: ${problems.join('; ')}. Nothing was opened. If that was a deliberate restore of a copy, an administrator can accept it ` +
      '(consent-desk accept-rollback, recorded in the audit trail); otherwise restore the newest good backup.',
  );
}

/** An ExternalAnchorStore as files in a folder of the user profile, outside the data folder (the CLI, tests; the app may use safeStorage instead). */
export function folderAnchorStore(folder: string): ExternalAnchorStore {
  // Each write its own temporary file: two writes sharing one could rename the other's half-written bytes.
  let writes = 0;
  const fileOf = (storeId: string) => path.join(folder, `${storeId.replace(/[^0-9a-f-]/gi, '')}.anchor.json`);
  return {
    async read(storeId) {
      try {
        return await fs.promises.readFile(fileOf(storeId), 'utf8');
      } catch {
        return null;
      }
    },
    async write(storeId, sealed) {
      await fs.promises.mkdir(folder, { recursive: true, mode: 0o700 });
      const tmp = `${fileOf(storeId)}.${process.pid}.${(writes += 1)}.tmp`;
      await fs.promises.writeFile(tmp, sealed, { mode: 0o600 });
      await fs.promises.rename(tmp, fileOf(storeId));
    },
  };
}
