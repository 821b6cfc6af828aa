import crypto from 'node:crypto';
import type { ClientBase } from 'pg';
import { AppError } from '../../../shared/errors';
import type { Role } from '../../../shared/roles';
import type { StaffMember, StaffStatus } from '../../../shared/staff';
import { parseStaffPreferences } from '../../../shared/staff-preferences';
import type { KeySlot } from '../crypto/key-slots';
import { settingsFromValues, settingsKeys } from '../repositories/settings-repository';
import { keyringSchema, type Keyring } from '../store/keyring';
import type { FieldCipher } from './field-crypto';
import { SealedColumns } from './sealed-columns';
import {
  recoveryKeyUnconfirmedKey,
  staffConflictMessage,
  staffPreferencesKey,
  unknownStaffMessage,
  usernameTakenMessage,
  type KeyringRepository,
  type SettingsRepository,
  type StaffRecords,
  type StaffRepository,
} from './store-interface-staff';

/**
 * Staff, settings and the keyring on PostgreSQL (schema: pg-staff-schema.ts).
 * Usernames and display names are sealed, and a username is found by its
 * keyed blind term under every key generation held (a lookup mid-rekey still
 * finds rows not yet re-indexed); the server cannot sort names, so the
 * workstation does, as SQLite's NOCASE would. Settings values are sealed with
 * their key as the record id, so a value moved to another key does not open.
 */

type StaffRow = { id: string; role: Role; status: StaffStatus; sealed: Buffer; created_at: string; updated_at: string };
type StaffSealed = { username: string; displayName: string };

const termLength = 16;

function lengthPrefixed(...parts: string[]): Buffer {
  return Buffer.concat(
    parts.flatMap((part) => {
      const bytes = Buffer.from(part, 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32BE(bytes.length);
      return [length, bytes];
    }),
  );
}

/** The blind term of a username (lower-cased, as SQLite's lookup compares it) under one key generation: its own HMAC domain. */
function usernameTerm(cipher: FieldCipher, keyId: number, username: string): Buffer {
  return crypto.createHmac('sha256', cipher.blindIndexKey(keyId)).update(lengthPrefixed('exact', 'staff.username', username.toLowerCase())).digest().subarray(0, termLength);
}

/** SQLite's NOCASE: A-Z folded, then the UTF-8 bytes compared. */
const nocaseKey = (text: string) => Buffer.from(text.replace(/[A-Z]/g, (c) => c.toLowerCase()), 'utf8');

const isUniqueViolation = (error: unknown, constraint: string) => {
  const e = error as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === constraint;
};

export function createPgStaffRepository(cipher: FieldCipher): StaffRepository<ClientBase> {
  const sealed = new SealedColumns(cipher, 'staff');
  const open = (row: StaffRow): StaffMember => {
    const s = sealed.openJson<StaffSealed>(row.sealed, 'sealed', row.id)!;
    return { id: row.id, username: s.username, displayName: s.displayName, role: row.role, status: row.status, createdAt: row.created_at, updatedAt: row.updated_at };
  };
  const columns = 'id, role, status, sealed, created_at, updated_at';
  const getById = async (client: ClientBase, id: string, lock = false) => {
    const row = (await client.query<StaffRow>(`SELECT ${columns} FROM staff WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])).rows[0];
    return row && open(row);
  };
  return {
    async listStaff(client) {
      const rows = (await client.query<StaffRow>(`SELECT ${columns} FROM staff ORDER BY insert_seq`)).rows;
      const staff = rows.map(open);
      // Array.prototype.sort is stable: ties keep the order they were added in.
      return staff.map((s) => [nocaseKey(s.displayName), s] as const).sort(([a], [b]) => Buffer.compare(a, b)).map(([, s]) => s);
    },
    getStaffById: (client, id) => getById(client, id),
    async getStaffByUsername(client, username) {
      const terms = cipher.keyIds().map((keyId) => usernameTerm(cipher, keyId, username));
      const row = (await client.query<StaffRow>(`SELECT ${columns} FROM staff WHERE username_term = ANY($1::bytea[])`, [terms])).rows[0];
      return row && open(row);
    },
    async insertStaff(client, staff) {
      try {
        await client.query(
          'INSERT INTO staff (id, username_term, role, status, sealed, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [
            staff.id,
            usernameTerm(cipher, cipher.currentKeyId, staff.username),
            staff.role,
            staff.status,
            sealed.sealJson<StaffSealed>({ username: staff.username, displayName: staff.displayName }, 'sealed', staff.id),
            staff.createdAt,
            staff.updatedAt,
          ],
        );
      } catch (error) {
        if (isUniqueViolation(error, 'staff_username_term_key')) throw new AppError('conflict', usernameTakenMessage, { issues: [{ path: 'username', message: usernameTakenMessage }] });
        throw error;
      }
    },
    async updateStaff(client, id, changes, updatedAt, expected) {
      // The row lock holds until commit: another workstation's edit waits, then sees this one's updated_at.
      const current = await getById(client, id, true);
      if (!current) throw new AppError('not_found', unknownStaffMessage);
      if (expected && expected.updatedAt !== current.updatedAt) throw new AppError('conflict', staffConflictMessage);
      const next: StaffMember = { ...current, ...changes, updatedAt };
      await client.query('UPDATE staff SET role = $2, status = $3, sealed = $4, updated_at = $5 WHERE id = $1', [
        id,
        next.role,
        next.status,
        sealed.sealJson<StaffSealed>({ username: next.username, displayName: next.displayName }, 'sealed', id),
        updatedAt,
      ]);
      return next;
    },
    async countActiveAdmins(client) {
      return Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM staff WHERE role = 'admin' AND status = 'active'")).rows[0]!.n);
    },
  };
}

/** One setting's stored JSON text, opened (migrate-store compares the text itself). */
export async function settingTextPg(client: ClientBase, cipher: FieldCipher, key: string): Promise<string | undefined> {
  const row = (await client.query<{ value: Buffer }>('SELECT value FROM settings WHERE key = $1', [key])).rows[0];
  return row && cipher.decryptText(row.value, { table: 'settings', column: 'value', recordId: key });
}

/** Keep one setting's JSON text, sealed (an upsert, as SQLite's). */
export async function putSettingTextPg(client: ClientBase, cipher: FieldCipher, key: string, text: string): Promise<void> {
  await client.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
    key,
    cipher.encryptText(text, { table: 'settings', column: 'value', recordId: key }),
  ]);
}

export function createPgSettingsRepository(cipher: FieldCipher): SettingsRepository<ClientBase> {
  const read = async (client: ClientBase, key: string): Promise<unknown> => {
    const text = await settingTextPg(client, cipher, key);
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  };
  const write = (client: ClientBase, key: string, value: unknown) => putSettingTextPg(client, cipher, key, JSON.stringify(value));
  const readSettings = async (client: ClientBase) => {
    const rows = (await client.query<{ key: string; value: Buffer }>('SELECT key, value FROM settings WHERE key = ANY($1::text[])', [settingsKeys])).rows;
    return settingsFromValues(new Map(rows.map((r) => [r.key, JSON.parse(cipher.decryptText(r.value, { table: 'settings', column: 'value', recordId: r.key })) as unknown])));
  };
  const readStaffPreferences = async (client: ClientBase, staffId: string) => {
    const text = await settingTextPg(client, cipher, staffPreferencesKey(staffId));
    if (text === undefined) return parseStaffPreferences(null);
    try {
      return parseStaffPreferences(JSON.parse(text));
    } catch {
      return parseStaffPreferences(null);
    }
  };
  return {
    readSettings,
    async writeSettings(client, changes) {
      for (const [key, value] of Object.entries(changes)) {
        if (value !== undefined) await write(client, key, value);
      }
      return readSettings(client);
    },
    readStaffPreferences,
    async writeStaffPreferences(client, staffId, change) {
      const next = { ...(await readStaffPreferences(client, staffId)), ...change };
      await write(client, staffPreferencesKey(staffId), next);
      return next;
    },
    markRecoveryKeyUnconfirmed: (client, since) => write(client, recoveryKeyUnconfirmedKey, since),
    async markRecoveryKeyConfirmed(client) {
      return ((await client.query('DELETE FROM settings WHERE key = $1', [recoveryKeyUnconfirmedKey])).rowCount ?? 0) > 0;
    },
    async recoveryKeyUnconfirmed(client) {
      return ((await client.query('SELECT 1 FROM settings WHERE key = $1', [recoveryKeyUnconfirmedKey])).rowCount ?? 0) > 0;
    },
    readSetting: read,
    writeSetting: write,
    async settingKeys(client) {
      // Bytewise, as SQLite's BINARY collation: the database's own collation may differ.
      return (await client.query<{ key: string }>('SELECT key FROM settings ORDER BY key COLLATE "C"')).rows.map((r) => r.key);
    },
  };
}

export const noKeyringMessage = 'This store has no key file yet. Set it up first.';
export const keyringExistsMessage = 'This store already has its keys. Nothing was changed.';
export const keyringMovedOnMessage = 'Another workstation changed the store’s keys at the same moment. Nothing was changed; try again.';

type KeyringRow = { store_id: string; cipher: Keyring['cipher']; key_epoch: number; audit_public_key: string | null };

async function insertSlot(client: ClientBase, slot: KeySlot): Promise<void> {
  await client.query('INSERT INTO key_slots (id, staff_id, lookup, kind, slot) VALUES ($1, $2, $3, $4, $5)', [slot.id, slot.staffId, slot.lookup, slot.unlock.kind, JSON.stringify(slot)]);
}

/** The keyring row, locked until commit: slot changes from several workstations happen one after another. */
async function lockKeyring(client: ClientBase): Promise<KeyringRow> {
  const row = (await client.query<KeyringRow>('SELECT store_id, cipher, key_epoch, audit_public_key FROM keyring WHERE id = 1 FOR UPDATE')).rows[0];
  if (!row) throw new AppError('not_found', noKeyringMessage);
  return row;
}

/** The keyring as the key file shows it (header and slots), or null when the server holds none yet; needs no key. */
export async function readKeyringPg(client: ClientBase): Promise<Keyring | null> {
  const row = (await client.query<KeyringRow>('SELECT store_id, cipher, key_epoch, audit_public_key FROM keyring WHERE id = 1')).rows[0];
  if (!row) return null;
  const slots = (await client.query<{ slot: string }>('SELECT slot FROM key_slots ORDER BY insert_seq')).rows.map((r) => JSON.parse(r.slot) as unknown);
  const parsed = keyringSchema.safeParse({
    format: 'consent-desk-keyring',
    version: 1,
    storeId: row.store_id,
    cipher: row.cipher,
    keyEpoch: row.key_epoch,
    ...(row.audit_public_key === null ? {} : { auditPublicKey: row.audit_public_key }),
    slots,
  });
  if (!parsed.success) throw new AppError('store_damaged', 'The store’s keys on the practice server are damaged. Restore the server from a backup.');
  return parsed.data as Keyring;
}

export function createPgKeyringRepository(cipher: FieldCipher): KeyringRepository<ClientBase> {
  const place = (keyEpoch: number) => ({ table: 'data_key_history', column: 'data_key', recordId: String(keyEpoch) });
  return {
    readKeyring: readKeyringPg,
    async createKeyring(client, keyring) {
      const inserted = await client.query('INSERT INTO keyring (id, store_id, cipher, key_epoch, audit_public_key) VALUES (1, $1, $2, $3, $4) ON CONFLICT (id) DO NOTHING', [
        keyring.storeId,
        keyring.cipher,
        keyring.keyEpoch,
        keyring.auditPublicKey ?? null,
      ]);
      if (inserted.rowCount === 0) throw new AppError('conflict', keyringExistsMessage);
      for (const slot of keyring.slots) await insertSlot(client, slot);
    },
    async putSlot(client, slot) {
      await lockKeyring(client);
      if (slot.staffId === null) await client.query("DELETE FROM key_slots WHERE kind = 'recovery'");
      else await client.query('DELETE FROM key_slots WHERE staff_id = $1', [slot.staffId]);
      await insertSlot(client, slot);
    },
    async setAuditPublicKey(client, auditPublicKey) {
      await lockKeyring(client);
      await client.query('UPDATE keyring SET audit_public_key = $1 WHERE id = 1', [auditPublicKey]);
    },
    async retireDataKey(client, keyEpoch, dataKey, retiredAt) {
      await client.query('INSERT INTO data_key_history (key_epoch, data_key, retired_at) VALUES ($1, $2, $3) ON CONFLICT (key_epoch) DO NOTHING', [
        keyEpoch,
        cipher.encrypt(dataKey, place(keyEpoch)),
        retiredAt,
      ]);
    },
    async retiredDataKey(client, keyEpoch) {
      const row = (await client.query<{ data_key: Buffer }>('SELECT data_key FROM data_key_history WHERE key_epoch = $1', [keyEpoch])).rows[0];
      return row ? cipher.decrypt(row.data_key, place(keyEpoch)) : null;
    },
  };
}

/**
 * A rotation's keyring step on the server (SQLite: Store.rotateDataKey, which
 * also rekeys the file): the epoch moves from `fromEpoch` to the next and the
 * slots become `slots`, or, if another workstation rotated first, nothing
 * changes and `conflict` says so. Re-sealing the rows under the new key is
 * the rekey's own work (design section 3).
 */
export async function rotateKeyringPg(client: ClientBase, fromEpoch: number, slots: readonly KeySlot[]): Promise<void> {
  const row = await lockKeyring(client);
  if (row.key_epoch !== fromEpoch) throw new AppError('conflict', keyringMovedOnMessage);
  await client.query('UPDATE keyring SET key_epoch = $1 WHERE id = 1', [fromEpoch + 1]);
  await client.query('DELETE FROM key_slots');
  for (const slot of slots) await insertSlot(client, slot);
}

export function createPgStaffRecords(cipher: FieldCipher): StaffRecords<ClientBase> {
  return { staff: createPgStaffRepository(cipher), settings: createPgSettingsRepository(cipher), keyring: createPgKeyringRepository(cipher) };
}
