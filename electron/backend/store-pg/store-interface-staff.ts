import type { Settings } from '../../../shared/settings';
import type { StaffMember } from '../../../shared/staff';
import type { StaffPreferences } from '../../../shared/staff-preferences';
import type { KeySlot } from '../crypto/key-slots';
import type { Keyring } from '../store/keyring';

/**
 * Staff and sign-in material behind the store interface (issue 15,
 * switch-over step 3), both engines: the functions of
 * `repositories/staff-repository.ts`, `settings-repository.ts`,
 * `staff-preferences-repository.ts`, `recovery-key-state.ts`, the keyed
 * settings rows, the key file (`store/keyring.ts`) and `data_key_history`,
 * made asynchronous with the engine's transaction handle first.
 *
 * Implemented over `Db` (and the key file beside it) by
 * `store-engine/sqlite-staff-records.ts`, and over a pooled PostgreSQL
 * client by `store-pg/pg-staff-repository.ts`. Kept apart from
 * `store-interface.ts` (the shared records) until the port joins them.
 */

/**
 * The version a staff edit was based on. SQLite's staff table has no
 * row_version yet (that needs a migration on the file), so on both engines a
 * staff edit names the `updatedAt` it read; PostgreSQL also keeps a
 * row_version of its own that its triggers raise.
 */
export interface ExpectedStaff {
  updatedAt: string;
}

export type StaffChanges = Partial<Pick<StaffMember, 'displayName' | 'role' | 'status'>>;

export const staffConflictMessage =
  'Someone else changed this staff member while you were editing. Reopen the Staff screen to see their change, then make yours again.';
export const usernameTakenMessage = 'Another staff member already has this username.';
export const unknownStaffMessage = 'Unknown staff member.';

export interface StaffRepository<Tx> {
  /** By display name, ignoring the case of A-Z (SQLite's NOCASE), then in the order they were added. */
  listStaff(tx: Tx): Promise<StaffMember[]>;
  getStaffById(tx: Tx, id: string): Promise<StaffMember | undefined>;
  /** Usernames are compared lower-cased. */
  getStaffByUsername(tx: Tx, username: string): Promise<StaffMember | undefined>;
  /** A username another person has: `conflict` (nothing written). */
  insertStaff(tx: Tx, staff: StaffMember): Promise<void>;
  /** A missing person: `not_found`; a stale `expected`: `conflict`. */
  updateStaff(tx: Tx, id: string, changes: StaffChanges, updatedAt: string, expected?: ExpectedStaff): Promise<StaffMember>;
  countActiveAdmins(tx: Tx): Promise<number>;
}

export interface SettingsRepository<Tx> {
  readSettings(tx: Tx): Promise<Settings>;
  writeSettings(tx: Tx, changes: Partial<Settings>): Promise<Settings>;
  readStaffPreferences(tx: Tx, staffId: string): Promise<StaffPreferences>;
  writeStaffPreferences(tx: Tx, staffId: string, change: Partial<StaffPreferences>): Promise<StaffPreferences>;
  markRecoveryKeyUnconfirmed(tx: Tx, since: string): Promise<void>;
  /**
   * Whether the key was waiting: false when it was confirmed already, and
   * nothing changed (on the server, also when another transaction's
   * confirmation committed while this one waited on the row).
   */
  markRecoveryKeyConfirmed(tx: Tx): Promise<boolean>;
  recoveryKeyUnconfirmed(tx: Tx): Promise<boolean>;
  /** Any keyed record (alerts, the backup schedule, the training cycle, ...): its JSON value, or undefined. */
  readSetting(tx: Tx, key: string): Promise<unknown>;
  writeSetting(tx: Tx, key: string, value: unknown): Promise<void>;
  /** Every key held, sorted (what migrate-store copies and checks). */
  settingKeys(tx: Tx): Promise<string[]>;
}

/**
 * The keyring: readable before anyone signs in (nothing in it is secret;
 * slots open only with their password or the recovery key). On SQLite it is
 * the key file beside the database, written atomically; on PostgreSQL the
 * `keyring` and `key_slots` tables, in the caller's transaction.
 */
export interface KeyringRepository<Tx> {
  readKeyring(tx: Tx): Promise<Keyring | null>;
  /** At setup; a store that has a keyring already: `conflict`. */
  createKeyring(tx: Tx, keyring: Keyring): Promise<void>;
  /** Add a slot, replacing the one of the same staff member (or the recovery slot): Store.setStaffSlot / setRecoverySlot. */
  putSlot(tx: Tx, slot: KeySlot): Promise<void>;
  setAuditPublicKey(tx: Tx, auditPublicKey: string): Promise<void>;
  /** Keep a data key a rotation retires (once per epoch; a second call keeps the first). */
  retireDataKey(tx: Tx, keyEpoch: number, dataKey: Buffer, retiredAt: string): Promise<void>;
  retiredDataKey(tx: Tx, keyEpoch: number): Promise<Buffer | null>;
}

export interface StaffRecords<Tx> {
  staff: StaffRepository<Tx>;
  settings: SettingsRepository<Tx>;
  keyring: KeyringRepository<Tx>;
}

/** The settings key of the recovery key's confirmation step (repositories/recovery-key-state.ts). */
export const recoveryKeyUnconfirmedKey = 'recoveryKeyUnconfirmedSince';

export const staffPreferencesKey = (staffId: string) => `staffPreferences:${staffId}`;
