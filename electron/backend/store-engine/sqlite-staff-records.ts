import { AppError } from '../../../shared/errors';
import { markRecoveryKeyConfirmed, markRecoveryKeyUnconfirmed, recoveryKeyUnconfirmed } from '../repositories/recovery-key-state';
import { readSettings, writeSettings } from '../repositories/settings-repository';
import { readStaffPreferences, writeStaffPreferences } from '../repositories/staff-preferences-repository';
import * as staff from '../repositories/staff-repository';
import type { Db } from '../store/database';
import { readKeyring, writeKeyring } from '../store/keyring';
import { keyringExistsMessage, noKeyringMessage } from '../store-pg/pg-staff-repository';
import { staffConflictMessage, unknownStaffMessage, usernameTakenMessage, type SettingsRepository, type StaffRecords, type StaffRepository } from '../store-pg/store-interface-staff';

/**
 * Staff and sign-in material over the encrypted SQLite file: today's
 * functions, unchanged, behind the interface both engines implement
 * (store-pg/store-interface-staff.ts), with the PostgreSQL side's errors for
 * the same cases. The keyring is the key file beside the database, as the
 * Store keeps it: read and written atomically, outside the database's
 * transaction (on SQLite one process holds the store, and the engine's queue
 * orders its writes).
 */

const isUsernameTaken = (error: unknown) =>
  (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE' && String((error as Error).message).includes('staff.username');

const upsert = 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value';

/** The staff records alone (the store engine's `records.staff`). */
export function createSqliteStaffRepository(): StaffRepository<Db> {
  return {
    listStaff: async (db) => staff.listStaff(db),
    getStaffById: async (db, id) => staff.getStaffById(db, id),
    getStaffByUsername: async (db, username) => staff.getStaffByUsername(db, username),
    async insertStaff(db, member) {
      try {
        staff.insertStaff(db, member);
      } catch (error) {
        if (isUsernameTaken(error)) throw new AppError('conflict', usernameTakenMessage, { issues: [{ path: 'username', message: usernameTakenMessage }] });
        throw error;
      }
    },
    async updateStaff(db, id, changes, updatedAt, expected) {
      const current = staff.getStaffById(db, id);
      if (!current) throw new AppError('not_found', unknownStaffMessage);
      if (expected && expected.updatedAt !== current.updatedAt) throw new AppError('conflict', staffConflictMessage);
      return staff.updateStaff(db, id, changes, updatedAt);
    },
    countActiveAdmins: async (db) => staff.countActiveAdmins(db),
  };
}

/** The settings and keyed records alone (the store engine's `records.settings`). */
export function createSqliteSettingsRepository(): SettingsRepository<Db> {
  return {
    readSettings: async (db) => readSettings(db),
    writeSettings: async (db, changes) => writeSettings(db, changes),
    readStaffPreferences: async (db, staffId) => readStaffPreferences(db, staffId),
    writeStaffPreferences: async (db, staffId, change) => writeStaffPreferences(db, staffId, change),
    markRecoveryKeyUnconfirmed: async (db, since) => markRecoveryKeyUnconfirmed(db, since),
    markRecoveryKeyConfirmed: async (db) => markRecoveryKeyConfirmed(db),
    recoveryKeyUnconfirmed: async (db) => recoveryKeyUnconfirmed(db),
    async readSetting(db, key) {
      const value = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
      return value === undefined ? undefined : (JSON.parse(value) as unknown);
    },
    async writeSetting(db, key, value) {
      db.prepare(upsert).run(key, JSON.stringify(value));
    },
    settingKeys: async (db) => db.prepare('SELECT key FROM settings ORDER BY key').pluck().all() as string[],
  };
}

export function createSqliteStaffRecords(options: { keyringFile: string }): StaffRecords<Db> {
  const keyringOrFail = () => {
    const keyring = readKeyring(options.keyringFile);
    if (!keyring) throw new AppError('not_found', noKeyringMessage);
    return keyring;
  };
  return {
    staff: createSqliteStaffRepository(),

    settings: createSqliteSettingsRepository(),

    keyring: {
      readKeyring: async () => readKeyring(options.keyringFile),
      async createKeyring(_db, keyring) {
        if (readKeyring(options.keyringFile)) throw new AppError('conflict', keyringExistsMessage);
        writeKeyring(options.keyringFile, keyring);
      },
      async putSlot(_db, slot) {
        const keyring = keyringOrFail();
        const others = keyring.slots.filter((s) => (slot.staffId === null ? s.unlock.kind !== 'recovery' : s.staffId !== slot.staffId));
        writeKeyring(options.keyringFile, { ...keyring, slots: [...others, slot] });
      },
      async setAuditPublicKey(_db, auditPublicKey) {
        writeKeyring(options.keyringFile, { ...keyringOrFail(), auditPublicKey });
      },
      async retireDataKey(db, keyEpoch, dataKey, retiredAt) {
        db.prepare('INSERT INTO data_key_history (key_epoch, data_key, retired_at) VALUES (?, ?, ?) ON CONFLICT (key_epoch) DO NOTHING').run(keyEpoch, dataKey, retiredAt);
      },
      async retiredDataKey(db, keyEpoch) {
        const key = db.prepare('SELECT data_key FROM data_key_history WHERE key_epoch = ?').pluck().get(keyEpoch) as Buffer | undefined;
        return key ? Buffer.from(key) : null;
      },
    },
  };
}
