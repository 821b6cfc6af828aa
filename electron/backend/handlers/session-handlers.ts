import { AppError } from '../../../shared/errors';
import type { StaffMember } from '../../../shared/staff';
import { defaultIdleMinutes } from '../../../shared/settings';
import { assertStrongPassword } from '../auth/strong-password';
import { newRecoveryKey, parseRecoveryKey } from '../crypto/recovery-key';
import { activateCertificate } from '../repositories/certificate-repository';
import { insertStaff } from '../repositories/staff-repository';
import { writeSettings } from '../repositories/settings-repository';
import { Store } from '../store/store';
import { markRecoveryKeyUnconfirmed } from '../repositories/recovery-key-state';
import type { BackendCore } from '../backend-core';
import { auditIn } from '../engine-core';
import type { Handlers } from './handler';
import type { ParsedInput } from '../../../shared/contract';
import { languages } from '../../../shared/authorization/scope';
import { builtInTemplates } from '../../../shared/authorization/template';
import type { PracticeServerLink } from '../practice-server';

type SetupInput = ParsedInput<'setup.create'>;

/** The practice's first settings, from what setup asked. */
const practiceSettings = (core: BackendCore, input: SetupInput) => ({ practiceName: input.practiceName, idleMinutes: defaultIdleMinutes, timeZone: input.timeZone ?? core.workstationTimeZone });

/** The practice's signing certificate; node-forge and pkijs load here, at setup, not with every sign-in. */
async function practiceCertificate(practiceName: string, now: Date) {
  const { generatePracticeCertificate } = await import('../crypto/practice-certificate');
  return generatePracticeCertificate(practiceName, now);
}

/**
 * First-run setup on the practice's server (the workstation's link holds
 * the schema owner's account): the schema, data key and slots made by the
 * owner in one transaction, then the store opened with the administrator's
 * password and its first records (settings, the administrator, the
 * recovery key's step, the signing certificate, their audit events)
 * written in one engine write. A failure after the schema leaves a store
 * with no administrator: setup says so, and IT empties the database.
 */
async function setUpOnServer(core: BackendCore, server: PracticeServerLink, admin: StaffMember, input: SetupInput, recoveryKey: Buffer): Promise<void> {
  if (!server.create) throw new AppError('conflict', `This workstation is paired with ${server.description}, which cannot be set up from here: ask the administrator who set it up.`);
  const certificate = await practiceCertificate(input.practiceName, core.now());
  await server.create({ admin: { staffId: admin.id, username: admin.username, password: input.password }, recoveryKey, kdf: core.kdf });
  const opened = await server.open({ username: admin.username, password: input.password }, core.serverHooks);
  if (!opened) throw new AppError('internal', `The store was made on ${server.description}, but the administrator's password did not open it. Ask IT to empty the database, then set up again.`);
  await core.adoptServerStore(opened.store);
  const { engine } = core;
  const now = core.nowIso();
  const certificateId = core.newId();
  const templateIds = languages.map(() => core.newId());
  const by = { actorId: admin.id, actorName: admin.username };
  const settings = await engine.write(async (tx) => {
    const written = await engine.records.settings.writeSettings(tx, practiceSettings(core, input));
    await engine.records.staff.insertStaff(tx, admin);
    await engine.records.settings.markRecoveryKeyUnconfirmed(tx, now);
    // The built-in wording as each language's first version, as the file's migrations give a new store.
    for (const [i, language] of languages.entries()) await engine.records.practice.templates.publishTemplate(tx, templateIds[i]!, language, builtInTemplates[language], now);
    await auditIn(core, tx, { ...by, action: 'store.created', detail: `on ${server.description}; workstation ${core.workstation}` });
    await auditIn(core, tx, { ...by, action: 'staff.created', subjectType: 'staff', subjectId: admin.id, detail: 'role admin' });
    await engine.records.practice.certificates.activateCertificate(tx, certificateId, certificate, now);
    await auditIn(core, tx, { ...by, action: 'certificate.generated', subjectType: 'certificate', detail: `SHA-256 ${certificate.info.fingerprintSha256}` });
    return written;
  });
  core.refreshSettings(settings);
  await core.bringStoreToToday();
  await core.startSession(admin, 'first-run setup');
}

/** The staff member a key slot names, read through the engine. */
const staffById = (core: BackendCore, id: string) => core.engine.read((tx) => core.engine.records.staff.getStaffById(tx, id));

const wrongCredentials = () => new AppError('unauthorized', 'The username or password is not right.');

export const sessionHandlers = {
  'app.state': (core) => core.appState(),

  'setup.create': async (core, input) => {
    core.recoverFolder();
    const state = await core.appState();
    if (state.phase === 'unusable') throw new AppError('conflict', state.problem ?? 'This folder holds the remains of a store.');
    if (state.phase !== 'setup') {
      throw new AppError('conflict', 'Consent Desk is already set up on this computer.');
    }
    await assertStrongPassword(input.password, 'password', {
      username: input.adminUsername,
      displayName: input.adminDisplayName,
      practiceName: input.practiceName,
    });
    const now = core.nowIso();
    const admin: StaffMember = {
      id: core.newId(),
      username: input.adminUsername,
      displayName: input.adminDisplayName,
      role: 'admin',
      status: 'active',
      createdAt: now,
      updatedAt: now,
    };
    const recovery = newRecoveryKey();
    const server = core.options.practiceServer;
    if (server) {
      try {
        await setUpOnServer(core, server, admin, input, recovery.bytes);
      } finally {
        recovery.bytes.fill(0);
      }
      return { recoveryKey: recovery.text, state: await core.appState() };
    }
    const store = await Store.create(
      core.paths,
      { staffId: admin.id, username: admin.username, password: input.password },
      recovery.bytes,
      core.kdf,
      core.storeOptions,
    );
    recovery.bytes.fill(0);
    const certificate = await practiceCertificate(input.practiceName, core.now());
    store.write(() => {
      writeSettings(store.db, practiceSettings(core, input));
      insertStaff(store.db, admin);
      markRecoveryKeyUnconfirmed(store.db, now);
      const by = { actorId: admin.id, actorName: admin.username };
      core.adoptStore(store);
      core.audit({ ...by, action: 'store.created', detail: `cipher ${store.cipher}; workstation ${core.workstation}` });
      core.audit({ ...by, action: 'staff.created', subjectType: 'staff', subjectId: admin.id, detail: 'role admin' });
      activateCertificate(store.db, core.newId(), certificate, now);
      core.audit({ ...by, action: 'certificate.generated', subjectType: 'certificate', detail: `SHA-256 ${certificate.info.fingerprintSha256}` });
    });
    await core.bringStoreToToday();
    await core.startSession(admin, 'first-run setup');
    return { recoveryKey: recovery.text, state: await core.appState() };
  },

  'session.signIn': async (core, { username, password }) => {
    core.throttle.check(username, core.now().getTime());
    let staff: StaffMember | undefined;
    const server = core.options.practiceServer;
    if (core.isOpen) {
      const slot = await core.slotOpeningOpenStore({ username, password });
      staff = slot?.staffId ? await staffById(core, slot.staffId) : undefined;
    } else if (server) {
      // The store is on the practice's server: its slots are tried here, and the data key never leaves this workstation.
      const opened = await server.open({ username, password }, core.serverHooks);
      if (opened) {
        await core.adoptServerStore(opened.store);
        await core.bringStoreToToday();
        staff = opened.slot.staffId ? await staffById(core, opened.slot.staffId) : undefined;
      }
    } else {
      core.recoverFolder();
      const opened = await Store.open(core.paths, { username, password }, core.storeOptions).catch((error: unknown) => {
        // Only a right password gets this far: the refusal is recorded, sealed, for when the store next opens.
        if (error instanceof AppError && error.code === 'store_rolled_back') {
          core.auditWhileClosed({ actorName: username, action: 'store.rollback_refused', detail: error.message.slice(0, 1000) });
        }
        throw error;
      });
      if (opened) {
        core.adoptStore(opened.store);
        await core.bringStoreToToday();
        staff = opened.slot.staffId ? await staffById(core, opened.slot.staffId) : undefined;
      }
    }
    if (!staff || staff.status !== 'active' || staff.username !== username) {
      await core.recordFailedSignIn(username, 'wrong username or password');
      throw wrongCredentials();
    }
    await core.startSession(staff, 'password');
    return await core.appState();
  },

  'session.recover': async (core, input) => {
    const throttleKey = '(recovery key)';
    core.throttle.check(throttleKey, core.now().getTime());
    // Before the key is tried: a weak new password is refused without opening anything.
    await assertStrongPassword(input.newPassword, 'newPassword', { username: input.username });
    const recoveryKey = parseRecoveryKey(input.recoveryKey);
    const server = core.options.practiceServer;
    let unlocked = false;
    if (core.isOpen) {
      unlocked = (await core.slotOpeningOpenStore({ recoveryKey })) !== null;
    } else if (server) {
      const opened = await server.open({ recoveryKey }, core.serverHooks);
      if (opened) {
        await core.adoptServerStore(opened.store);
        await core.bringStoreToToday();
      }
      unlocked = opened !== null;
    } else {
      core.recoverFolder();
      const opened = await Store.open(core.paths, { recoveryKey }, core.storeOptions);
      if (opened) {
        core.adoptStore(opened.store);
        await core.bringStoreToToday();
      }
      unlocked = opened !== null;
    }
    recoveryKey.fill(0);
    if (!unlocked) {
      await core.recordFailedSignIn(throttleKey, 'recovery key does not open this store');
      throw new AppError('unauthorized', 'That recovery key does not open this store.');
    }
    const { engine } = core;
    const staff = await engine.read((tx) => engine.records.staff.getStaffByUsername(tx, input.username));
    if (!staff || staff.role !== 'admin' || staff.status !== 'active') {
      throw new AppError('not_found', `There is no active administrator named “${input.username}”.`);
    }
    await core.setStaffSlot(staff.id, staff.username, input.newPassword);
    await engine.write((tx) =>
      auditIn(core, tx, {
        actorId: staff.id,
        actorName: staff.username,
        action: 'staff.password_reset',
        subjectType: 'staff',
        subjectId: staff.id,
        detail: 'with the recovery key',
      }),
    );
    core.throttle.succeed(throttleKey);
    await core.startSession(staff, 'recovery key');
    return await core.appState();
  },

  'session.lock': async (core, { reason }) => {
    await core.lock(reason);
    return await core.appState();
  },

  'session.signOut': async (core) => {
    await core.signOut();
    return await core.appState();
  },

  'session.heartbeat': () => null,

  'session.exitPatientMode': async (core, { password }) => {
    const me = core.requireSession();
    const id = core.patientModeFor;
    if (!id) return await core.appState();
    await core.confirmPassword(me, password, 'leaving patient mode');
    core.setPatientMode(null);
    await core.engine.write((tx) => auditIn(core, tx, { action: 'consent.patient_mode_left', subjectType: 'authorization', subjectId: id }));
    return await core.appState();
  },

  'session.changePassword': async (core, { currentPassword, newPassword }) => {
    const me = core.requireSession();
    try {
      await core.confirmPassword(me, currentPassword, 'changing password');
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'unauthorized') throw error;
      throw new AppError('unauthorized', 'Your current password is not right.', {
        issues: [{ path: 'currentPassword', message: 'This is not your current password.' }],
      });
    }
    await assertStrongPassword(newPassword, 'newPassword', { ...me, practiceName: core.settings.practiceName });
    await core.setStaffSlot(me.id, me.username, newPassword);
    await core.engine.write((tx) => auditIn(core, tx, { action: 'session.password_changed', subjectType: 'staff', subjectId: me.id }));
    return null;
  },
  'session.setPreferences': (core, change) => {
    const me = core.requireSession();
    const { engine } = core;
    return engine.write(async (tx) => {
      const preferences = await engine.records.settings.writeStaffPreferences(tx, me.id, change);
      await auditIn(core, tx, {
        action: 'session.preferences_changed',
        subjectType: 'staff',
        subjectId: me.id,
        detail: Object.entries(change).map(([key, value]) => `${key}: ${String(value)}`).join('; '),
      });
      return preferences;
    });
  },
} satisfies Partial<Handlers>;
