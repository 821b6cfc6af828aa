import { AppError } from '../../../shared/errors';
import { getStaffById } from '../repositories/staff-repository';
import { raiseAlert, clearAlerts } from '../store/store-alerts';
import { recordCheck, runFullCheck } from '../store/store-check';
import { Store } from '../store/store';
import { replaceRecoveryKey } from '../backup/backup-reseal';
import { auditIn, type ConsentCore, type EngineCore } from '../engine-core';
import type { Handlers } from './handler';

export const storeHandlers = {
  'store.check': async (core) => {
    const store = core.requireStore();
    const check = await runFullCheck(store, core.now());
    store.write(() => {
      recordCheck(store.db, check);
      core.audit({
        action: check.ok ? 'store.checked' : 'store.problem_found',
        detail: check.ok
          ? `full check: all pages, ${check.checked.auditEvents} audit events, ${check.checked.storedFiles} stored files, ${check.checked.keySlots} key slots: ok`
          : `full check: ${check.problems.length} problem(s): ${check.problems.join('; ').slice(0, 1500)}`,
      });
      if (check.ok) clearAlerts(store.db, ['check_failed']);
      else raiseAlert(store.db, { kind: 'check_failed', at: check.at, message: `The store check found ${check.problems.length} problem(s): ${check.problems.join('; ')}` });
    });
    return check;
  },

  /**
   * Open a store older than the anchors say it should be, because an
   * administrator says it is the right one (a copy put back on purpose):
   * audited with what was refused and why it was accepted, and the write
   * counter moves past every anchor so that it opens normally from now on.
   */
  'store.acceptRollback': async (core, { username, password, reason }) => {
    if (core.openStore) throw new AppError('conflict', 'The store is open: there is nothing to accept.');
    core.throttle.check(username, core.now().getTime());
    core.recoverFolder();
    const opened = await Store.open(core.paths, { username, password }, { ...core.storeOptions, acceptRollback: true });
    const staff = opened?.slot.staffId ? getStaffById(opened.store.db, opened.slot.staffId) : undefined;
    if (!opened || !staff || staff.status !== 'active' || staff.username !== username) {
      opened?.store.close();
      await core.recordFailedSignIn(username, 'wrong username or password (accepting an older store)');
      throw new AppError('unauthorized', 'The username or password is not right.');
    }
    if (staff.role !== 'admin') {
      opened.store.close();
      throw new AppError('forbidden', 'Only an administrator can accept an older store.');
    }
    const { store, rollback } = opened;
    core.adoptStore(store);
    store.advancePast(0);
    await core.bringStoreToToday();
    const at = core.nowIso();
    store.write(() => {
      core.audit({
        actorId: staff.id,
        actorName: staff.username,
        action: 'store.rollback_accepted',
        detail: `${rollback.length ? rollback.join('; ') : 'nothing was older'}; reason: ${reason}; workstation ${core.workstation}`.slice(0, 2000),
      });
      if (rollback.length) {
        raiseAlert(store.db, { kind: 'rollback_accepted', at, message: `${staff.displayName} accepted an older store (${rollback.join('; ')}): “${reason}”. Check recent work and the audit trail.` });
      }
    });
    await core.startSession(staff, 'password (older store accepted)');
    return await core.appState();
  },

  /**
   * On the store engine: read, and only when unconfirmed, one write that
   * keeps the confirmation with its audit event. The write's check is the
   * removal itself: another workstation may have confirmed meanwhile, before
   * this write began or (on the server, READ COMMITTED) while it waited on
   * the row; either way nothing was left to remove and nothing is written.
   */
  'store.confirmRecoveryKey': async (core: EngineCore & Pick<ConsentCore, 'appState'>) => {
    const engine = core.engine;
    const settings = engine.records.settings;
    if (await engine.read((tx) => settings.recoveryKeyUnconfirmed(tx))) {
      await engine.write(async (tx) => {
        if (!(await settings.markRecoveryKeyConfirmed(tx))) return;
        await auditIn(core, tx, { action: 'store.recovery_key_confirmed' });
      });
    }
    return await core.appState();
  },

  'store.newRecoveryKey': async (core, { password }) => {
    const me = core.requireSession();
    await core.confirmPassword(me, password, 'issuing a new recovery key');
    return replaceRecoveryKey(core);
  },
} satisfies Partial<Handlers>;
