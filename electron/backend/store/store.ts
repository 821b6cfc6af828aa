import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { createSlot, openSlot, resealSlot, type KeySlot } from '../crypto/key-slots';
import type { ScryptParams } from '../crypto/kdf';
import type { StorePaths } from '../data-dir';
import { makePrivateFolder } from './atomic-file';
import type { RecordChange } from '../../../shared/contract/contract-events';
import { drainChanges, installChangeCapture } from './change-capture';
import { configureConnection, newStoreCipher, openDatabase, rekeyDatabase, writeTransaction, type CipherName, type Db } from './database';
import { findStaffSlot, readKeyring, recoverySlot, slotLookup, writeKeyring, type Keyring } from './keyring';
import { assertNotNewer, migrate, MigrationNotReady } from './migrate';
import { unusableStoreProblem } from './store-remains';
import { startPageCheck, type PageCheck, type PageCheckOptions } from './page-check';
import { damagedStoreError } from '../failure-kinds';
import { SqliteStoreEngine } from '../store-engine/sqlite-store-engine';
import {
  AnchorFile,
  readAnchorFile,
  readSealedAnchor,
  rollbackProblem,
  rolledBackError,
  sealAnchor,
  type AnchorState,
  type ExternalAnchorStore,
} from './rollback-anchor';

/** The copies `migrate` keeps beside the database before each schema upgrade. */
export function schemaBackups(paths: StorePaths): string[] {
  const base = path.basename(paths.database);
  return fs
    .readdirSync(paths.dataDir)
    .filter((f) => f.startsWith(`${base}.schema-`) && f.endsWith('.bak'))
    .map((f) => path.join(paths.dataDir, f));
}

export interface StoreOptions {
  nativeBinding?: string;
  /** The shell's copy of the rollback anchor, outside the data folder (the app passes one). */
  externalAnchor?: ExternalAnchorStore;
  /**
   * Read every page (SQLite's quick check) before the store is handed out,
   * refusing a damaged one. One-shot commands ask for it; the app checks in
   * the background after sign-in instead (checkPagesInBackground), since a
   * check of the whole file made sign-in as slow as the store was large.
   */
  checkPagesAtOpen?: boolean;
}

/** What the store knows of itself that the anchor records: its write counter and audit head. */
interface MetaRow {
  write_counter: number;
  anchor_key: Buffer;
}

/** Who is opening the store: a staff member's password, or the recovery key. */
export type Credential = { username: string; password: string } | { recoveryKey: Buffer };

/**
 * The shell's copy of the anchor, written in order. A store closing hands its
 * last state over without waiting (close is synchronous), and the next store
 * opened on the same folder (a restore, a rekey, signing in again) writes its
 * own: unordered, the older state could land last and the store would read as
 * rolled back. Each write waits for the one before it, and reads wait for both.
 */
const externalWrites = new WeakMap<ExternalAnchorStore, { tail: Promise<void>; waiting: number }>();

function queueExternalWrite(external: ExternalAnchorStore, write: () => Promise<void>): Promise<void> {
  const queue = externalWrites.get(external) ?? { tail: Promise.resolve(), waiting: 0 };
  externalWrites.set(external, queue);
  // With none before it, the write starts now: a store closing as its process exits still hands it over.
  const started = queue.waiting === 0 ? write() : queue.tail.then(write);
  queue.waiting += 1;
  queue.tail = started
    .catch(() => undefined)
    .finally(() => {
      queue.waiting -= 1;
    });
  return queue.tail;
}

/** Every write of the shell's copy queued so far, done (or failed). */
export function externalWritesSettled(external: ExternalAnchorStore): Promise<void> {
  return externalWrites.get(external)?.tail ?? Promise.resolve();
}

/**
 * An open, unlocked store: the encrypted database, its key file and the data
 * key in memory. The only object that touches both the key file and the
 * database, so key changes and rekeys stay consistent.
 */
export class Store {
  private anchor: AnchorFile | null = null;
  private anchorKey: Buffer | null = null;
  private lastAnchor: AnchorState | null = null;
  private externalDue: NodeJS.Timeout | null = null;
  /** A write committed since the shell's copy was last written. */
  private externalPending = false;
  /** The highest write counter any anchor claimed at open (a rollback being accepted goes past it). */
  private highestAnchored = 0;

  private constructor(
    readonly db: Db,
    readonly paths: StorePaths,
    private keyringState: Keyring,
    private dataKeyState: Buffer,
    private readonly external: ExternalAnchorStore | undefined,
    private readonly nativeBinding?: string,
  ) {}

  /** The anchor as the database says it should be now. */
  anchorState(): AnchorState {
    const meta = this.db.prepare('SELECT write_counter FROM store_meta WHERE id = 1').get() as Pick<MetaRow, 'write_counter'>;
    const head = this.db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string };
    return {
      storeId: this.keyringState.storeId,
      keyEpoch: this.keyringState.keyEpoch,
      writeCounter: meta.write_counter,
      auditSeq: head.seq,
      auditHash: head.hash,
      at: new Date().toISOString(),
      lastGoodBackup: this.lastAnchor?.lastGoodBackup ?? null,
    };
  }

  /** Open the anchor file beside the database (made, both slots, when missing). */
  private attachAnchor(): void {
    const meta = this.db.prepare('SELECT write_counter, anchor_key FROM store_meta WHERE id = 1').get() as MetaRow;
    this.anchorKey = Buffer.from(meta.anchor_key);
    const existing = readAnchorFile(this.paths.dataDir, this.anchorKey);
    this.lastAnchor = existing.valid ? existing.state : null;
    this.anchor = AnchorFile.open(this.paths.dataDir, this.anchorKey);
    if (!existing.present) this.anchor.recordBoth(this.anchorState());
  }

  /**
   * Why this database is older than the store last seen (beside it, or by
   * the shell outside the data folder): empty when it is not.
   */
  async rollbackProblems(): Promise<string[]> {
    const now = this.anchorState();
    const problems: string[] = [];
    const file = readAnchorFile(this.paths.dataDir, this.anchorKey);
    if (!file.present) {
      if (now.writeCounter > 0) problems.push('the anchor file beside it (store-anchor.json) is missing');
    } else if (!file.state) {
      problems.push('the anchor file beside it (store-anchor.json) is unreadable');
    } else if (file.state.storeId !== now.storeId) {
      problems.push('the anchor file beside it belongs to another store');
    } else {
      this.highestAnchored = Math.max(this.highestAnchored, file.state.writeCounter);
      const behind = rollbackProblem(now, file.state, 'in this folder');
      if (behind) problems.push(file.valid ? behind : `${behind} (and the anchor's signature does not match)`);
    }
    if (this.external) await externalWritesSettled(this.external);
    const externalText = await this.external?.read(now.storeId).catch(() => null);
    const external = externalText ? readSealedAnchor(externalText, this.anchorKey) : null;
    if (external && external.state.storeId === now.storeId) {
      this.highestAnchored = Math.max(this.highestAnchored, external.state.writeCounter);
      const behind = rollbackProblem(now, external.state, 'on this computer');
      if (behind) problems.push(behind);
    }
    return problems;
  }

  /** Take the write counter past every anchor (an accepted rollback, a restore): the store is the newest again. */
  advancePast(counter: number): void {
    this.write(() => {
      this.db.prepare('UPDATE store_meta SET write_counter = max(write_counter, ?) WHERE id = 1').run(Math.max(counter, this.highestAnchored) + 1);
    });
    this.anchor?.recordBoth(this.anchorState());
  }

  /**
   * Remember the newest backup that passed its checks (outside the database, for when it cannot be read).
   * The anchor's fsync runs in libuv's pool (a backup runs on the backend's thread): durable when it resolves.
   */
  async setLastGoodBackup(file: string, createdAt: string): Promise<void> {
    this.lastAnchor = { ...this.anchorState(), lastGoodBackup: { file, createdAt } };
    await this.anchor?.recordBothInPool(this.lastAnchor);
  }

  get lastGoodBackup(): { file: string; createdAt: string } | null {
    return this.lastAnchor?.lastGoodBackup ?? null;
  }

  private recordAnchor(state: AnchorState): void {
    this.lastAnchor = state;
    this.externalPending = true;
    try {
      this.anchor?.record(state);
    } catch {
      // The write is committed; an anchor that lags behind is harmless, and the next write tries again.
    }
    if (this.external && !this.externalDue) {
      // The shell's copy is updated at most once a second (it may sit behind IPC) and when the store closes.
      this.externalDue = setTimeout(() => this.flushExternal(), 1000);
      this.externalDue.unref();
    }
  }

  /**
   * Write the shell's copy of the anchor now, if this store wrote since it
   * opened. Only then: a store refused as rolled back closes without
   * writing, or its older state would overwrite the copy that caught it,
   * and the next attempt would open.
   */
  flushExternal(): Promise<void> {
    if (this.externalDue) clearTimeout(this.externalDue);
    this.externalDue = null;
    const state = this.lastAnchor;
    if (!this.external || !state || !this.anchorKey || !this.externalPending) return Promise.resolve();
    this.externalPending = false;
    const { external } = this;
    const sealed = sealAnchor(this.anchorKey, state);
    return queueExternalWrite(external, () => external.write(state.storeId, sealed));
  }

  get keyring(): Keyring {
    return this.keyringState;
  }

  get cipher(): CipherName {
    return this.keyringState.cipher;
  }

  /**
   * Run `fn` in one write transaction: everything it writes commits
   * together or not at all. Each one increases the write counter, and the
   * anchor beside the database records the result once it is committed.
   */
  /**
   * Work every write transaction ends with, inside it: the backend keeps
   * derived state (each post's coverage) in step with what the transaction
   * changed, so both commit together or not at all.
   */
  beforeCommit: (() => void) | null = null;

  private committedChanges: ((changes: RecordChange[]) => void) | null = null;

  /** Hear of every change to the shared records this connection commits (the `records.changed` event), after its COMMIT. */
  onCommittedChanges(listener: (changes: RecordChange[]) => void): void {
    installChangeCapture(this.db);
    this.committedChanges = listener;
  }

  /** Hand over what was committed since the last time (also writes made outside `write`, in autocommit). */
  flushCommittedChanges(): void {
    if (!this.committedChanges || !this.db.open) return;
    const changes = drainChanges(this.db);
    if (changes.length > 0) this.committedChanges(changes);
  }

  write<T>(fn: () => T): T {
    if (this.engineState?.inTransaction) {
      // A Store.write during an engine transaction would join it unseen, and commit or roll back with it.
      throw new AppError('internal', 'The store was written outside the transaction that was open. Nothing was saved; this is a bug in Consent Desk.');
    }
    if (this.db.inTransaction) return writeTransaction(this.db, fn);
    let after: AnchorState | null = null;
    const result = writeTransaction(this.db, () => {
      const value = fn();
      after = this.endWrite();
      return value;
    });
    if (after) this.recordAnchor(after);
    this.flushCommittedChanges();
    return result;
  }

  /** What every write transaction ends with, inside it: settling derived state, the write counter, and the anchor it leaves. */
  private endWrite(): AnchorState {
    this.beforeCommit?.();
    this.db.prepare('UPDATE store_meta SET write_counter = write_counter + 1 WHERE id = 1').run();
    return this.anchorState();
  }

  private engineState: SqliteStoreEngine | null = null;

  /**
   * The store engine over this store's connection (issue 15): a write through
   * it ends as `write` does (settled coverage, the write counter, the anchor
   * once committed), so the two are the same transaction to the file. Only
   * one of them may be open at a time on the connection: `write` refuses
   * while an engine transaction is open, and the engine refuses to begin
   * inside a `write`.
   */
  get engine(): SqliteStoreEngine {
    if (!this.engineState) {
      let after: AnchorState | null = null;
      this.engineState = new SqliteStoreEngine(this.db, {
        beforeCommit: () => {
          after = this.endWrite();
        },
        afterCommit: () => {
          if (after) this.recordAnchor(after);
          after = null;
        },
        snapshotConnection: {
          open: () => this.openCopy(this.paths.database),
          held: (db, held) => {
            if (held) this.heldSnapshots.add(db);
            else this.heldSnapshots.delete(db);
          },
        },
      });
    }
    return this.engineState;
  }

  /** The data key of `epoch`: the current one, or one a rotation retired (null: from before keys were kept). */
  dataKeyOfEpoch(epoch: number): Buffer | null {
    if (epoch === this.keyringState.keyEpoch) return Buffer.from(this.dataKeyState);
    const row = this.db.prepare('SELECT data_key FROM data_key_history WHERE key_epoch = ?').pluck().get(epoch) as Buffer | undefined;
    return row ? Buffer.from(row) : null;
  }

  /** Replace the recovery slot with one for `recoveryKey`, sealed to the current data key. */
  async setRecoverySlot(recoveryKey: Buffer): Promise<void> {
    const slot = await createSlot({ staffId: null, lookup: null }, { kind: 'recovery', recoveryKey }, this.dataKeyState);
    this.saveKeyring({ ...this.keyringState, slots: [...this.keyringState.slots.filter((s) => s.unlock.kind !== 'recovery'), slot] });
  }

  /** Connections held in a read transaction on this store (export snapshots), registered by their opener. */
  readonly heldSnapshots = new Set<Db>();

  /** Open a copy of this store's database (a backup being checked) on a connection of its own, with the same key. */
  openCopy(file: string): Db {
    return openDatabase(file, this.dataKeyState, { cipher: this.cipher, ...(this.nativeBinding ? { nativeBinding: this.nativeBinding } : {}) });
  }

  /** What another thread needs to open this store's file on a connection of its own (the backup's copy): the key is a copy, for the caller to wipe. */
  connectionParams(): { key: Buffer; cipher: CipherName; nativeBinding?: string } {
    return { key: Buffer.from(this.dataKeyState), cipher: this.cipher, ...(this.nativeBinding ? { nativeBinding: this.nativeBinding } : {}) };
  }

  private pageCheck: PageCheck | null = null;

  /**
   * Read every page of the data file in the background, in slices (see
   * page-check.ts), on a connection of its own. Stopped when the store
   * closes or its key is rotated (a rekey needs the file to itself).
   */
  checkPagesInBackground(options?: PageCheckOptions): PageCheck {
    this.pageCheck?.cancel();
    const check = startPageCheck(this.openCopy(this.paths.database), options);
    this.pageCheck = check;
    void check.done.then(() => {
      if (this.pageCheck === check) this.pageCheck = null;
    });
    return check;
  }

  /** True when `key` is this store's current data key. */
  holdsKey(key: Buffer): boolean {
    return key.length === this.dataKeyState.length && crypto.timingSafeEqual(key, this.dataKeyState);
  }

  /** Give a staff member a slot for `password`, replacing any slot they had. */
  async setStaffSlot(staffId: string, username: string, password: string, kdf: ScryptParams): Promise<void> {
    const lookup = slotLookup(this.keyringState.storeId, username);
    const slot = await createSlot({ staffId, lookup }, { kind: 'password', password, kdf }, this.dataKeyState);
    this.saveKeyring({
      ...this.keyringState,
      slots: [...this.keyringState.slots.filter((s) => s.staffId !== staffId), slot],
    });
  }

  setAuditPublicKey(auditPublicKey: string): void {
    this.saveKeyring({ ...this.keyringState, auditPublicKey });
  }

  hasSlotFor(staffId: string): boolean {
    return this.keyringState.slots.some((s) => s.staffId === staffId);
  }

  /**
   * Rotate the data key and keep only the slots `keep` accepts: the database
   * is rekeyed, the kept slots get the new key, the others get nothing, so
   * their secrets (even with an old copy of the key file) open nothing.
   * The new key file is written first as "pending"; opening a store tries it
   * when the current one no longer fits, so a crash at any point leaves a
   * store that opens.
   */
  rotateDataKey(keep: (slot: KeySlot) => boolean): void {
    // A rekey leaves WAL mode, which a connection held in a read transaction (an export's snapshot) blocks:
    // refuse before anything changes, rather than fail halfway after the busy timeout.
    if ([...this.heldSnapshots].some((db) => db.open)) {
      throw new AppError('conflict', 'An audit export is running. Wait for it to finish or cancel it, then try again.');
    }
    this.pageCheck?.cancel();
    const newKey = crypto.randomBytes(32);
    const next: Keyring = {
      ...this.keyringState,
      keyEpoch: this.keyringState.keyEpoch + 1,
      slots: this.keyringState.slots.filter(keep).map((slot) => resealSlot(slot, newKey)),
    };
    // The retiring key stays inside the (encrypted) store, so the backups made under it can be
    // re-sealed to the slots that remain (backup-reseal.ts). It is as safe there as the data itself.
    this.write(() => {
      this.db
        .prepare('INSERT INTO data_key_history (key_epoch, data_key, retired_at) VALUES (?, ?, ?) ON CONFLICT (key_epoch) DO NOTHING')
        .run(this.keyringState.keyEpoch, this.dataKeyState, new Date().toISOString());
    });
    writeKeyring(this.paths.pendingKeyring, next);
    rekeyDatabase(this.db, newKey);
    fs.renameSync(this.paths.pendingKeyring, this.paths.keyring);
    // Copies kept before schema upgrades are encrypted with the old key,
    // which the people losing access may know: they go with it.
    for (const backup of schemaBackups(this.paths)) fs.rmSync(backup, { force: true });
    this.keyringState = next;
    this.dataKeyState = newKey;
  }

  close(): void {
    this.pageCheck?.cancel();
    void this.flushExternal();
    try {
      this.anchor?.close();
    } catch {
      // Closing the anchor (its fsync) can fail on a full or vanished disk; the database still closes.
    }
    this.anchor = null;
    this.anchorKey?.fill(0);
    if (this.db.open) this.db.close();
    this.dataKeyState.fill(0);
  }

  private saveKeyring(next: Keyring): void {
    writeKeyring(this.paths.keyring, next);
    this.keyringState = next;
  }

  /** Create a new store: key file with the first administrator's and the recovery slots, and the database. */
  static async create(
    paths: StorePaths,
    admin: { staffId: string; username: string; password: string },
    recoveryKey: Buffer,
    kdf: ScryptParams,
    options: StoreOptions = {},
  ): Promise<Store> {
    if (fs.existsSync(paths.keyring)) {
      throw new AppError('conflict', `A Consent Desk store already exists in ${paths.dataDir}.`);
    }
    const remains = unusableStoreProblem(paths);
    if (remains) throw new AppError('conflict', remains);
    makePrivateFolder(paths.dataDir);
    // Made empty and private first: SQLite would create it readable by everyone until the chmod.
    fs.closeSync(fs.openSync(paths.database, 'wx', 0o600));
    const storeId = crypto.randomUUID();
    const dataKey = crypto.randomBytes(32);
    const slots = [
      await createSlot(
        { staffId: admin.staffId, lookup: slotLookup(storeId, admin.username) },
        { kind: 'password', password: admin.password, kdf },
        dataKey,
      ),
      await createSlot({ staffId: null, lookup: null }, { kind: 'recovery', recoveryKey }, dataKey),
    ];
    const keyring: Keyring = {
      format: 'consent-desk-keyring',
      version: 1,
      storeId,
      cipher: newStoreCipher,
      keyEpoch: 1,
      slots,
    };
    const db = openDatabase(paths.database, dataKey, { cipher: keyring.cipher, create: true, ...options });
    try {
      // Before the first table: freed pages are given back at each commit, so every page of the
      // file is in use and read by the integrity check (a flipped byte anywhere is found).
      db.pragma('auto_vacuum = FULL');
      configureConnection(db);
      migrate(db, paths.database);
    } catch (error) {
      db.close();
      fs.rmSync(paths.database, { force: true });
      throw error;
    }
    // The key file is written last: its presence is what says a store exists.
    writeKeyring(paths.keyring, keyring);
    const store = new Store(db, paths, keyring, dataKey, options.externalAnchor, options.nativeBinding);
    store.attachAnchor();
    return store;
  }

  /** Open the store with a raw data key (tests, benchmarks and crash probes). */
  static openWithKey(paths: StorePaths, keyring: Keyring, dataKey: Buffer, options: StoreOptions = {}): Store {
    const db = openDatabase(paths.database, dataKey, { cipher: keyring.cipher, ...options });
    try {
      assertNotNewer(db, paths.database);
      configureConnection(db);
      migrate(db, paths.database);
      compactOnce(db, paths.database);
    } catch (error) {
      db.close();
      throw error;
    }
    const store = new Store(db, paths, keyring, Buffer.from(dataKey), options.externalAnchor, options.nativeBinding);
    try {
      store.attachAnchor();
    } catch (error) {
      store.close();
      throw error;
    }
    return store;
  }

  /**
   * `openWithKey`, loading first what a pending migration needs when the
   * file's schema is older than this version's (`Migration.needs`): every
   * open of an up-to-date store skips that JavaScript.
   */
  static async openWithKeyLoading(paths: StorePaths, keyring: Keyring, dataKey: Buffer, options: StoreOptions = {}): Promise<Store> {
    try {
      return Store.openWithKey(paths, keyring, dataKey, options);
    } catch (error) {
      if (!(error instanceof MigrationNotReady)) throw error;
      await error.load();
      return Store.openWithKey(paths, keyring, dataKey, options);
    }
  }

  /**
   * The data key a credential unlocks, and the slot that held it, or null
   * when the credential is wrong. Tries the pending key file as well (a
   * rotation interrupted by a crash) when given a way to test the key.
   */
  static async unlock(
    paths: StorePaths,
    credential: Credential,
  ): Promise<{ dataKey: Buffer; slot: KeySlot; keyring: Keyring; pending: boolean }[]> {
    const current = readKeyring(paths.keyring);
    if (!current) throw new AppError('store_missing', `No Consent Desk store in ${paths.dataDir}. Run setup first.`);
    const pending = readKeyring(paths.pendingKeyring);
    const found: { dataKey: Buffer; slot: KeySlot; keyring: Keyring; pending: boolean }[] = [];
    for (const [keyring, isPending] of [[current, false], ...(pending ? [[pending, true]] : [])] as [Keyring, boolean][]) {
      const slot = 'username' in credential ? findStaffSlot(keyring, credential.username) : recoverySlot(keyring);
      if (!slot) continue;
      const dataKey = await openSlot(slot, 'username' in credential ? credential.password : credential.recoveryKey);
      if (dataKey) found.push({ dataKey, slot, keyring, pending: isPending });
    }
    return found;
  }

  /**
   * Open the store with a credential. Returns null when the credential opens
   * no slot. Settles an interrupted key rotation on the way.
   */
  static async open(
    paths: StorePaths,
    credential: Credential,
    options: StoreOptions & { acceptRollback?: boolean } = {},
  ): Promise<{ store: Store; slot: KeySlot; rollback: string[] } | null> {
    const candidates = await Store.unlock(paths, credential);
    let lastError: unknown = null;
    for (const candidate of candidates) {
      let store: Store;
      try {
        store = await Store.openWithKeyLoading(paths, candidate.keyring, candidate.dataKey, options);
      } catch (error) {
        lastError = error;
        if (error instanceof AppError && error.code === 'store_damaged') continue;
        throw error;
      }
      if (candidate.pending) fs.renameSync(paths.pendingKeyring, paths.keyring);
      else fs.rmSync(paths.pendingKeyring, { force: true });
      // Every page is read once: here when asked (damage is found and named before anyone works on), or by the
      // app in the background after sign-in (checkPagesInBackground).
      const damage = options.checkPagesAtOpen ? quickCheckProblem(store.db) : null;
      if (damage) {
        const last = store.lastGoodBackup;
        store.close();
        throw damagedStoreError(last ? `${last.file} (made ${last.createdAt})` : null, damage);
      }
      // An older copy of the file (or of the folder) is refused before anyone reads from it.
      const rollback = await store.rollbackProblems();
      if (rollback.length > 0 && !options.acceptRollback) {
        store.close();
        throw rolledBackError(rollback);
      }
      return { store, slot: candidate.slot, rollback };
    }
    if (lastError instanceof AppError && lastError.code === 'store_damaged') {
      const last = readAnchorFile(paths.dataDir, null).state?.lastGoodBackup;
      throw damagedStoreError(last ? `${last.file} (made ${last.createdAt})` : null, 'its data file cannot be read with its key');
    }
    if (lastError) throw lastError;
    return null;
  }
}

/** What SQLite's quick check (every page, without the index cross-checks) finds wrong, or null. */
function quickCheckProblem(db: Db): string | null {
  try {
    const result = db.pragma('quick_check(1)', { simple: true });
    return result === 'ok' ? null : `SQLite's check of the data file says: ${String(result)}`;
  } catch (error) {
    return `pages of the data file cannot be read (${String((error as { code?: unknown }).code ?? 'error')})`;
  }
}

/**
 * Stores made before auto_vacuum was set keep freed pages in the file,
 * which no check reads. Converted once, at an open, while the file is
 * small enough for a quick VACUUM (its temporary copy is in memory); a
 * larger one stays as it is, and the check still reads every page in use.
 */
function compactOnce(db: Db, file: string): void {
  if ((db.pragma('auto_vacuum', { simple: true }) as number) !== 0) return;
  if (fs.statSync(file).size > 256 * 1024 * 1024) return;
  try {
    db.pragma('auto_vacuum = FULL');
    db.exec('VACUUM');
  } catch {
    // Another process has the store open: the next open tries again.
  }
}
