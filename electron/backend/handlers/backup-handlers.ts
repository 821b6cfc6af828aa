import fs from 'node:fs';
import { AppError } from '../../../shared/errors';
import { commitRestore, discardRestore, prepareRestore } from '../backup/backup-file';
import { backupNow, backupOverview, writeBackupSchedule } from '../backup/backup-scheduler';
import { parseRecoveryKey } from '../crypto/recovery-key';
import type { Handlers } from './handler';

export const backupHandlers = {
  'backups.create': (core, { destinationPath }) => backupNow(core, { target: destinationPath, trigger: 'manual' }),

  'backups.list': (core) => backupOverview(core),

  'backups.setSchedule': async (core, schedule) => {
    if (schedule.folder !== null) {
      const ok = (() => {
        try {
          fs.accessSync(schedule.folder, fs.constants.W_OK);
          return fs.statSync(schedule.folder).isDirectory();
        } catch {
          return false;
        }
      })();
      if (!ok) {
        throw new AppError('validation', `Consent Desk cannot write to ${schedule.folder}.`, {
          issues: [{ path: 'folder', message: 'Choose an existing folder Consent Desk may write to.' }],
        });
      }
    }
    const store = core.requireStore();
    store.write(() => {
      writeBackupSchedule(store.db, schedule);
      core.audit({
        action: 'backup.schedule_changed',
        detail: `${schedule.enabled ? `every ${schedule.everyHours} h` : 'off'}; keep ${schedule.keep}; folder ${schedule.folder ?? '(data folder)'}`,
      });
    });
    return backupOverview(core);
  },

  /**
   * Check the backup first (it opens with the credential, its integrity and
   * audit chain hold), then sign everyone out, close the store and replace
   * it. On any failure before the switch, nothing changes; after it, the
   * previous store is put back.
   */
  'backups.restore': async (core, { filePath, password, recoveryKey }) => {
    const staff = core.requireSession();
    const credential = password !== undefined ? { username: staff.username, password } : { recoveryKey: parseRecoveryKey(recoveryKey!) };
    const prepared = await prepareRestore(core.paths.dataDir, filePath, credential, core.storeOptions);
    try {
      // Loaded here rather than with the backend (pdf-lib, pkijs); no export can be running before it is.
      const { cancelAllExports } = await import('../export/export-jobs');
      await cancelAllExports(core);
      await core.signOut();
    } catch (error) {
      discardRestore(prepared);
      throw error;
    }
    commitRestore(prepared, core.paths.dataDir, { at: core.now(), workstation: core.workstation, storeOptions: core.storeOptions });
    return await core.appState();
  },
} satisfies Partial<Handlers>;
