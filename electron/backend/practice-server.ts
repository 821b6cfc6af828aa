import type { ScryptParams } from './crypto/kdf';
import type { KeySlot } from './crypto/key-slots';
import type { Credential } from './store/store';
import type { SharedRecords, SnapshotStoreEngine } from './store-engine/store-engine';
import type { ChangeFeedLike } from './record-change-events';

/**
 * What the backend needs of a practice server (issue 15, design section 6)
 * when this workstation's store is on PostgreSQL instead of in its data
 * folder. The backend does not know how the server is reached: the shell
 * (the desktop app, the development host, the CLI) builds a
 * `PracticeServerLink` from the workstation's server settings and its paired
 * credential, and passes it in `BackendOptions.practiceServer`. With one,
 * sign-in opens the server's store; without one, the encrypted file.
 */
export interface PracticeServerLink {
  /** Shown in words where the store's place is named ("the practice server at …"). */
  readonly description: string;
  /**
   * Open the server's store with a staff member's password or the recovery
   * key: the key slots are read from the server and tried on this
   * workstation (scrypt). Null when no slot opens; `server_unreachable`,
   * `server_untrusted`, `store_too_new` or `store_rolled_back` in words.
   */
  open(credential: Credential, hooks: ServerStoreHooks): Promise<{ store: OpenServerStore; slot: KeySlot } | null>;
  /**
   * First-run setup on an empty server: the schema, a new data key and the
   * key slots (the administrator's and the recovery key's), in one
   * transaction as the schema's owner. Only a link given the owner's
   * account (the setup of the practice's first workstation) has it; the
   * caller then opens the store and writes the practice's first records.
   */
  create?(input: { admin: { staffId: string; username: string; password: string }; recoveryKey: Buffer; kdf: ScryptParams }): Promise<void>;
  /** Whether the server holds a store yet (asked only by a link that can `create` one: otherwise it does). */
  holdsStore(): Promise<boolean>;
}

/** What the backend adds to every write on the server's engine. */
export interface ServerStoreHooks {
  /**
   * Run inside each write transaction before COMMIT (and again if the
   * transaction is retried): the stale verdicts the write left settled, as
   * the Store's end of a write does on SQLite.
   */
  beforeCommit(tx: unknown, records: SharedRecords<unknown>): Promise<void>;
}

/** The practice server's store, open on this workstation with its data key. */
export interface OpenServerStore {
  /** The engine over the server: every record sealed with the data key before it leaves the workstation. */
  readonly engine: SnapshotStoreEngine<unknown>;
  /** The slots that `credential` opens, for a password checked again (witnessing, patient mode). */
  unlock(credential: Credential): Promise<{ slot: KeySlot; dataKey: Buffer }[]>;
  /** Whether `dataKey` is the key this store is open with. */
  holdsKey(dataKey: Buffer): boolean;
  /** Give a staff member a key slot for `password`, replacing theirs (scrypt: slow). */
  setStaffSlot(staffId: string, username: string, password: string, kdf: ScryptParams): Promise<void>;
  /** The server's change notifications (LISTEN/NOTIFY), every workstation's commits included: forwarded to the screens as `records.changed`. */
  readonly changeFeed?: ChangeFeedLike;
  /** After a write committed: remember the server's audit head here, so a server put back to an older copy is noticed. */
  rememberHead(): Promise<void>;
  /** Stop listening and close every connection; the data key leaves memory. */
  close(): Promise<void>;
}
