import path from 'node:path';
import type { BackendCallName, CallOutput, ParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { StaffMember } from '../../../shared/staff';
import { assertStrongPassword } from '../auth/strong-password';
import { auditIn, type StaffCore } from '../engine-core';
import { staffConflictMessage } from '../store-pg/store-interface-staff';

/**
 * Staff accounts on the store engine (issue 15, switch-over step 3): read
 * and written through `records.staff`, each change and its audit event in
 * one engine transaction. Password hashing (scrypt, in the key slot) and
 * the key file's other steps (`core.staffKeys`: the keyring is not in the
 * engine's records yet) run with no transaction open: a call reads, does
 * the slow work, then writes, checking again what it read. SQLite's staff
 * table has no row_version yet, so an edit names the `updatedAt` it read
 * (the staff interface's `expected`); a staff member changed meanwhile (by
 * another workstation, on PostgreSQL) is `conflict`, and nothing is saved.
 * Every change reaches the change feed (`records.changed`, table `staff`)
 * through the staff table itself, on either engine.
 */

type StaffCall = 'staff.list' | 'staff.create' | 'staff.update' | 'staff.resetPassword' | 'staff.disable' | 'staff.enable';

/** Written against `StaffCore`, not `BackendCore`: the same handlers run on either engine (staff-handlers.engines.test.ts). */
export type StaffHandlers<K extends BackendCallName> = { [P in K]: (core: StaffCore, input: ParsedInput<P>) => Promise<CallOutput<P>> };

async function existingIn(core: StaffCore, tx: unknown, id: string): Promise<StaffMember> {
  const staff = await core.engine.records.staff.getStaffById(tx, id);
  if (!staff) throw new AppError('not_found', 'That staff member does not exist.');
  return staff;
}

const existing = (core: StaffCore, id: string) => core.engine.read((tx) => existingIn(core, tx, id));

/** The staff member as `read` saw them, in the write `tx`: gone is `not_found`, changed since is `conflict`. */
async function unchangedIn(core: StaffCore, tx: unknown, read: StaffMember): Promise<StaffMember> {
  const now = await existingIn(core, tx, read.id);
  if (now.updatedAt !== read.updatedAt) throw new AppError('conflict', staffConflictMessage);
  return now;
}

const onlyAdmin = (staff: StaffMember, what: string) => new AppError('conflict', `${staff.displayName} is the only active administrator: add another before you ${what}.`);

/** Refuse a change that would leave the practice without an active administrator (counted in `tx`, before the change). */
async function keepAnAdminIn(core: StaffCore, tx: unknown, staff: StaffMember, what: string): Promise<void> {
  if (staff.role === 'admin' && staff.status === 'active' && (await core.engine.records.staff.countActiveAdmins(tx)) <= 1) throw onlyAdmin(staff, what);
}

const usernameTaken = (username: string) =>
  new AppError('conflict', `The username “${username}” is taken.`, { issues: [{ path: 'username', message: 'Choose another username.' }] });

export const staffHandlers: StaffHandlers<StaffCall> = {
  'staff.list': (core) => core.engine.read((tx) => core.engine.records.staff.listStaff(tx)),

  /**
   * The username is checked in a read (a taken one is refused before the
   * password is judged), and again in the write that inserts. The key slot
   * (scrypt) is made once the account is committed, as before the port.
   */
  'staff.create': async (core, input) => {
    const staffRecords = core.engine.records.staff;
    if (await core.engine.read((tx) => staffRecords.getStaffByUsername(tx, input.username))) throw usernameTaken(input.username);
    await assertStrongPassword(input.password, 'password', { ...input, practiceName: core.settings.practiceName });
    const now = core.nowIso();
    // Taken before the write: on PostgreSQL its work may run again, and the account keeps its id.
    const staff: StaffMember = {
      id: core.newId(),
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      status: 'active',
      createdAt: now,
      updatedAt: now,
    };
    await core.engine.write(async (tx) => {
      if (await staffRecords.getStaffByUsername(tx, input.username)) throw usernameTaken(input.username);
      await staffRecords.insertStaff(tx, staff);
      await auditIn(core, tx, { action: 'staff.created', subjectType: 'staff', subjectId: staff.id, detail: `role ${staff.role}` });
    });
    await core.staffKeys.setSlot(staff, input.password);
    return staff;
  },

  /**
   * One check that the member is as read: the update names the `updatedAt`
   * it read (changed since: `conflict`; on the server the row is locked
   * before it is compared), and it comes first, so a stale copy is refused
   * as stale whatever else it would change. Then the rule that an active
   * administrator remains, counted with the change in (a refusal rolls the
   * change back with the transaction).
   */
  'staff.update': async (core, { id, displayName, role }) => {
    const staff = await existing(core, id);
    const changes: string[] = [];
    if (displayName !== undefined && displayName !== staff.displayName) changes.push('name');
    if (role !== undefined && role !== staff.role) changes.push(`role ${staff.role} → ${role}`);
    if (changes.length === 0) return staff;
    const staffRecords = core.engine.records.staff;
    const demotesAnAdmin = role !== undefined && role !== staff.role && staff.role === 'admin' && staff.status === 'active';
    return core.engine.write(async (tx) => {
      const updated = await staffRecords.updateStaff(tx, id, { displayName: displayName ?? staff.displayName, role: role ?? staff.role }, core.nowIso(), {
        updatedAt: staff.updatedAt,
      });
      if (demotesAnAdmin && (await staffRecords.countActiveAdmins(tx)) === 0) throw onlyAdmin(staff, 'change their role');
      await auditIn(core, tx, { action: 'staff.updated', subjectType: 'staff', subjectId: id, detail: changes.join('; ') });
      return updated;
    });
  },

  /** The new slot is the change (made with no transaction open); its audit event follows it. */
  'staff.resetPassword': async (core, { id, password }) => {
    const staff = await existing(core, id);
    if (staff.status !== 'active') {
      throw new AppError('conflict', `${staff.displayName}’s account is disabled; enable it with a new password instead.`);
    }
    await assertStrongPassword(password, 'password', { ...staff, practiceName: core.settings.practiceName });
    await core.staffKeys.setSlot(staff, password);
    await core.engine.write((tx) => auditIn(core, tx, { action: 'staff.password_reset', subjectType: 'staff', subjectId: id }));
    return null;
  },

  /**
   * Disabling is one operation: the status and the key rotation happen
   * both or neither. The status is committed first (a disabled account can
   * no longer sign in, whatever else happens), in a write that checks again
   * that the account is as read and that an administrator remains; if the
   * rotation then fails (another process holds the store, a full disk) the
   * status goes back and the error says nothing changed; if the process
   * dies in between, the next open finishes the rotation
   * (BackendCore.settleSlots). Then the backups in the backup folder are
   * re-sealed, so the old password opens none of them either, and the
   * result says which it could not reach.
   */
  'staff.disable': async (core, { id }) => {
    const staff = await core.engine.read(async (tx) => {
      const staff = await existingIn(core, tx, id);
      if (staff.id === core.requireSession().id) throw new AppError('conflict', 'You cannot disable your own account.');
      if (staff.status !== 'disabled') await keepAnAdminIn(core, tx, staff, 'disable them');
      return staff;
    });
    if (staff.status === 'disabled') return { ...staff, backups: { resealed: [], stillOpen: [], elsewhere: '' } };
    await core.staffKeys.waitForSoleUse('disable the account');
    const updated = await core.engine.write(async (tx) => {
      await unchangedIn(core, tx, staff);
      await keepAnAdminIn(core, tx, staff, 'disable them');
      const next = await core.engine.records.staff.updateStaff(tx, id, { status: 'disabled' }, core.nowIso(), { updatedAt: staff.updatedAt });
      await auditIn(core, tx, { action: 'staff.disabled', subjectType: 'staff', subjectId: id });
      return next;
    });
    const failed = await core.staffKeys.rotateDataKeyWithout(id);
    if (failed !== null) {
      try {
        await core.engine.write(async (tx) => {
          await core.engine.records.staff.updateStaff(tx, id, { status: 'active' }, core.nowIso(), { updatedAt: updated.updatedAt });
          await auditIn(core, tx, { action: 'staff.enabled', subjectType: 'staff', subjectId: id, detail: 'disabling undone: the data key could not be rotated' });
        });
      } catch {
        // Even that failed (a full disk): the account stays disabled and the next open finishes the rotation.
        throw new AppError('conflict', `${staff.displayName} is disabled, but the data key could not be rotated yet; it will be when Consent Desk next opens.`);
      }
      throw new AppError('conflict', `${staff.displayName}’s account was not disabled: ${failed} Nothing was changed.`);
    }
    await core.engine.write((tx) => auditIn(core, tx, { action: 'store.key_rotated', subjectType: 'staff', subjectId: id, detail: 'account disabled' }));
    const backups = await core.staffKeys.resealBackups();
    await core.engine.write((tx) =>
      auditIn(core, tx, {
        action: 'backup.resealed',
        subjectType: 'staff',
        subjectId: id,
        detail: `${backups.resealed.length} backup(s) re-sealed to the current key slots; ${backups.stillOpen.length} could not be: ${backups.stillOpen.map((b) => path.basename(b.file)).join(', ') || 'none'}`,
      }),
    );
    return { ...updated, backups };
  },

  /** The slot for the new password is made (no transaction open) before the write that enables the account and checks it is still as read. */
  'staff.enable': async (core, { id, password }) => {
    const staff = await existing(core, id);
    if (staff.status === 'active') return staff;
    await assertStrongPassword(password, 'password', { ...staff, practiceName: core.settings.practiceName });
    await core.staffKeys.setSlot(staff, password);
    return core.engine.write(async (tx) => {
      await unchangedIn(core, tx, staff);
      const next = await core.engine.records.staff.updateStaff(tx, id, { status: 'active' }, core.nowIso(), { updatedAt: staff.updatedAt });
      await auditIn(core, tx, { action: 'staff.enabled', subjectType: 'staff', subjectId: id });
      return next;
    });
  },
};
