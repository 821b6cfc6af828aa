import { AppError } from '../../../shared/errors';
import type { StaffMember } from '../../../shared/staff';
import { assertStrongPassword } from '../auth/strong-password';
import path from 'node:path';
import type { BackendCore } from '../backend-core';
import { resealBackups, waitForSoleUse } from '../backup/backup-reseal';
import { storageFailure } from '../failure-kinds';
import {
  countActiveAdmins,
  getStaffById,
  getStaffByUsername,
  insertStaff,
  listStaff,
  updateStaff,
} from '../repositories/staff-repository';
import type { Handlers } from './handler';

function existing(core: BackendCore, id: string): StaffMember {
  const staff = getStaffById(core.requireStore().db, id);
  if (!staff) throw new AppError('not_found', 'That staff member does not exist.');
  return staff;
}

/** Refuse a change that would leave the practice without an active administrator. */
function keepAnAdmin(core: BackendCore, staff: StaffMember, what: string): void {
  if (staff.role === 'admin' && staff.status === 'active' && countActiveAdmins(core.requireStore().db) <= 1) {
    throw new AppError('conflict', `${staff.displayName} is the only active administrator: add another before you ${what}.`);
  }
}

export const staffHandlers = {
  'staff.list': (core) => listStaff(core.requireStore().db),

  'staff.create': async (core, input) => {
    const store = core.requireStore();
    if (getStaffByUsername(store.db, input.username)) {
      throw new AppError('conflict', `The username “${input.username}” is taken.`, {
        issues: [{ path: 'username', message: 'Choose another username.' }],
      });
    }
    await assertStrongPassword(input.password, 'password', { ...input, practiceName: core.settings.practiceName });
    const now = core.nowIso();
    const staff: StaffMember = {
      id: core.newId(),
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      status: 'active',
      createdAt: now,
      updatedAt: now,
    };
    store.write(() => {
      insertStaff(store.db, staff);
      core.audit({ action: 'staff.created', subjectType: 'staff', subjectId: staff.id, detail: `role ${staff.role}` });
    });
    await store.setStaffSlot(staff.id, staff.username, input.password, core.kdf);
    return staff;
  },

  'staff.update': (core, { id, displayName, role }) => {
    const store = core.requireStore();
    const staff = existing(core, id);
    if (role && role !== staff.role) keepAnAdmin(core, staff, 'change their role');
    const changes: string[] = [];
    if (displayName !== undefined && displayName !== staff.displayName) changes.push('name');
    if (role !== undefined && role !== staff.role) changes.push(`role ${staff.role} → ${role}`);
    if (changes.length === 0) return staff;
    return store.write(() => {
      const updated = updateStaff(store.db, id, { displayName: displayName ?? staff.displayName, role: role ?? staff.role }, core.nowIso());
      core.audit({ action: 'staff.updated', subjectType: 'staff', subjectId: id, detail: changes.join('; ') });
      return updated;
    });
  },

  'staff.resetPassword': async (core, { id, password }) => {
    const store = core.requireStore();
    const staff = existing(core, id);
    if (staff.status !== 'active') {
      throw new AppError('conflict', `${staff.displayName}’s account is disabled; enable it with a new password instead.`);
    }
    await assertStrongPassword(password, 'password', { ...staff, practiceName: core.settings.practiceName });
    await store.setStaffSlot(staff.id, staff.username, password, core.kdf);
    store.write(() => core.audit({ action: 'staff.password_reset', subjectType: 'staff', subjectId: id }));
    return null;
  },

  /**
   * Disabling is one operation: the status and the key rotation happen
   * both or neither. The status is committed first (a disabled account can
   * no longer sign in, whatever else happens); if the rotation then fails
   * (another process holds the store, a full disk) the status goes back and
   * the error says nothing changed; if the process dies in between, the
   * next open finishes the rotation (BackendCore.settleSlots). Then the
   * backups in the backup folder are re-sealed, so the old password opens
   * none of them either, and the result says which it could not reach.
   */
  'staff.disable': async (core, { id }) => {
    const store = core.requireStore();
    const staff = existing(core, id);
    if (staff.id === core.requireSession().id) {
      throw new AppError('conflict', 'You cannot disable your own account.');
    }
    if (staff.status === 'disabled') return { ...staff, backups: { resealed: [], stillOpen: [], elsewhere: '' } };
    keepAnAdmin(core, staff, 'disable them');
    await waitForSoleUse(core, 'disable the account');
    const updated = store.write(() => {
      const next = updateStaff(store.db, id, { status: 'disabled' }, core.nowIso());
      core.audit({ action: 'staff.disabled', subjectType: 'staff', subjectId: id });
      return next;
    });
    try {
      store.rotateDataKey((slot) => slot.staffId !== id);
    } catch (error) {
      try {
        store.write(() => {
          updateStaff(store.db, id, { status: 'active' }, core.nowIso());
          core.audit({ action: 'staff.enabled', subjectType: 'staff', subjectId: id, detail: 'disabling undone: the data key could not be rotated' });
        });
      } catch {
        // Even that failed (a full disk): the account stays disabled and the next open finishes the rotation.
        throw new AppError('conflict', `${staff.displayName} is disabled, but the data key could not be rotated yet; it will be when Consent Desk next opens.`);
      }
      const reason = storageFailure(error, { dataDir: core.paths.dataDir })?.message ?? 'the data key could not be rotated';
      throw new AppError('conflict', `${staff.displayName}’s account was not disabled: ${reason} Nothing was changed.`);
    }
    store.write(() => core.audit({ action: 'store.key_rotated', subjectType: 'staff', subjectId: id, detail: 'account disabled' }));
    const backups = await resealBackups(core);
    store.write(() =>
      core.audit({
        action: 'backup.resealed',
        subjectType: 'staff',
        subjectId: id,
        detail: `${backups.resealed.length} backup(s) re-sealed to the current key slots; ${backups.stillOpen.length} could not be: ${backups.stillOpen.map((b) => path.basename(b.file)).join(', ') || 'none'}`,
      }),
    );
    return { ...updated, backups };
  },

  'staff.enable': async (core, { id, password }) => {
    const store = core.requireStore();
    const staff = existing(core, id);
    if (staff.status === 'active') return staff;
    await assertStrongPassword(password, 'password', { ...staff, practiceName: core.settings.practiceName });
    await store.setStaffSlot(staff.id, staff.username, password, core.kdf);
    return store.write(() => {
      const next = updateStaff(store.db, id, { status: 'active' }, core.nowIso());
      core.audit({ action: 'staff.enabled', subjectType: 'staff', subjectId: id });
      return next;
    });
  },
} satisfies Partial<Handlers>;
