import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { createSlot, openSlot, resealSlot, type KeySlot } from '../crypto/key-slots';
import type { ScryptParams } from '../crypto/kdf';
import type { StorePaths } from '../data-dir';
import { configureConnection, newStoreCipher, openDatabase, rekeyDatabase, writeTransaction, type CipherName, type Db } from './database';
import { findStaffSlot, readKeyring, recoverySlot, slotLookup, writeKeyring, type Keyring } from './keyring';
import { assertNotNewer, migrate } from './migrate';
import { unusableStoreProblem } from './store-remains';

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
}

/** Who is opening the store: a staff member's password, or the recovery key. */
export type Credential = { username: string; password: string } | { recoveryKey: Buffer };

/**
 * An open, unlocked store: the encrypted database, its key file and the data
 * key in memory. The only object that touches both the key file and the
 * database, so key changes and rekeys stay consistent.
 */
export class Store {
  private constructor(
    readonly db: Db,
    readonly paths: StorePaths,
    private keyringState: Keyring,
    private dataKeyState: Buffer,
  ) {}

  get keyring(): Keyring {
    return this.keyringState;
  }

  get cipher(): CipherName {
    return this.keyringState.cipher;
  }

  /** Run `fn` in one write transaction: everything it writes commits together or not at all. */
  write<T>(fn: () => T): T {
    return writeTransaction(this.db, fn);
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
    const newKey = crypto.randomBytes(32);
    const next: Keyring = {
      ...this.keyringState,
      keyEpoch: this.keyringState.keyEpoch + 1,
      slots: this.keyringState.slots.filter(keep).map((slot) => resealSlot(slot, newKey)),
    };
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
    fs.mkdirSync(paths.dataDir, { recursive: true, mode: 0o700 });
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
      configureConnection(db);
      migrate(db, paths.database);
    } catch (error) {
      db.close();
      fs.rmSync(paths.database, { force: true });
      throw error;
    }
    // The key file is written last: its presence is what says a store exists.
    writeKeyring(paths.keyring, keyring);
    return new Store(db, paths, keyring, dataKey);
  }

  /** Open the store with a raw data key (tests, benchmarks and crash probes). */
  static openWithKey(paths: StorePaths, keyring: Keyring, dataKey: Buffer, options: StoreOptions = {}): Store {
    const db = openDatabase(paths.database, dataKey, { cipher: keyring.cipher, ...options });
    try {
      assertNotNewer(db, paths.database);
      configureConnection(db);
      migrate(db, paths.database);
    } catch (error) {
      db.close();
      throw error;
    }
    return new Store(db, paths, keyring, Buffer.from(dataKey));
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
    options: StoreOptions = {},
  ): Promise<{ store: Store; slot: KeySlot } | null> {
    const candidates = await Store.unlock(paths, credential);
    let lastError: unknown = null;
    for (const candidate of candidates) {
      let store: Store;
      try {
        store = Store.openWithKey(paths, candidate.keyring, candidate.dataKey, options);
      } catch (error) {
        lastError = error;
        if (error instanceof AppError && error.code === 'store_damaged') continue;
        throw error;
      }
      if (candidate.pending) fs.renameSync(paths.pendingKeyring, paths.keyring);
      else fs.rmSync(paths.pendingKeyring, { force: true });
      return { store, slot: candidate.slot };
    }
    if (lastError) throw lastError;
    return null;
  }
}
