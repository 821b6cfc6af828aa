import fs from 'node:fs';
import path from 'node:path';
import { backupTimeOf, type BackupResealReport } from '../../../shared/compliance/backups';
import { AppError } from '../../../shared/errors';
import type { BackendCore } from '../backend-core';
import { resealSlot } from '../crypto/key-slots';
import { newRecoveryKey } from '../crypto/recovery-key';
import { listStaff } from '../repositories/staff-repository';
import type { Keyring } from '../store/keyring';
import { otherStoreUsers } from '../store/store-users';
import { readBackupKeyring, readBackupMeta, resealBackupFile } from './backup-file';
import { markRecoveryKeyUnconfirmed } from '../repositories/recovery-key-state';
import { backupFolder, readBackupSchedule } from './backup-scheduler';

/**
 * When the key slots change (a staff member disabled, a new recovery key),
 * the data key rotates, and the store's own files then open only with the
 * current slots. Backups carry the key file of their time, so each would
 * still open with a disabled person's old password, or with the old
 * recovery key. Each backup in the backup folder is re-sealed: its key file
 * becomes the current slots, sealed to that backup's own data key (the
 * current one, or one a rotation retired, kept inside the store). Its
 * database stays byte for byte. What cannot be reached is said plainly.
 */
export async function resealBackups(core: BackendCore): Promise<BackupResealReport> {
  const store = core.requireStore();
  const folder = backupFolder(core, readBackupSchedule(store.db));
  const staffNames = new Map(listStaff(store.db).map((s) => [s.id, s.username]));
  const report: BackupResealReport = {
    resealed: [],
    stillOpen: [],
    elsewhere:
      'Backups saved anywhere else (a USB drive, a folder chosen for one backup) cannot be reached from here: they still open with the passwords and the recovery key of their time. Delete them, or keep them where only administrators can reach them.',
  };
  const names = fs.existsSync(folder) ? fs.readdirSync(folder).filter((n) => backupTimeOf(n) !== null || n.endsWith('.cdbackup')) : [];
  for (const name of names.sort()) {
    const file = path.join(folder, name);
    try {
      const meta = await readBackupMeta(file);
      if (meta.storeId !== store.keyring.storeId) continue;
      const old = await readBackupKeyring(file);
      const key = store.dataKeyOfEpoch(meta.keyEpoch);
      if (!key) {
        const who = old.slots.map((s) => (s.staffId ? (staffNames.get(s.staffId) ?? 'a removed account') : 'the recovery key of its time')).join(', ');
        report.stillOpen.push({ file, why: `made before Consent Desk kept retired keys; it still opens with: ${who}` });
        continue;
      }
      const next: Keyring = { ...old, slots: store.keyring.slots.map((slot) => resealSlot(slot, key)) };
      key.fill(0);
      await resealBackupFile(file, next, core.paths.dataDir);
      report.resealed.push(file);
    } catch (error) {
      report.stillOpen.push({ file, why: `could not be re-sealed (${error instanceof AppError ? error.message : ((error as NodeJS.ErrnoException).code ?? 'error')}); it opens with the passwords of its time` });
    }
  }
  return report;
}

/**
 * A rotation replaces the data key under every open connection: another
 * process with the store open (the app while the CLI runs, or the reverse)
 * would be left with a key that opens nothing. Wait a little for a short
 * command to finish; then refuse, changing nothing.
 */
export async function waitForSoleUse(core: BackendCore, what: string, waitMs = 10_000): Promise<void> {
  const until = Date.now() + waitMs;
  for (;;) {
    const others = otherStoreUsers(core.paths.dataDir);
    if (others.length === 0) return;
    if (Date.now() >= until) {
      throw new AppError(
        'conflict',
        `Another Consent Desk process has this store open (process ${others.join(', ')}): close it, then ${what} again. Nothing was changed.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A new recovery key: the data key rotates without the old recovery slot, a new one is added, backups re-sealed. */
export async function replaceRecoveryKey(core: BackendCore): Promise<{ recoveryKey: string; backups: BackupResealReport }> {
  const store = core.requireStore();
  await waitForSoleUse(core, 'issue a new recovery key');
  const recovery = newRecoveryKey();
  try {
    // The old recovery slot gets no new key: with a copy of an old key file, the old recovery key opens nothing.
    store.rotateDataKey((slot) => slot.unlock.kind !== 'recovery');
    await store.setRecoverySlot(recovery.bytes);
  } finally {
    recovery.bytes.fill(0);
  }
  const backups = await resealBackups(core);
  store.write(() => {
    markRecoveryKeyUnconfirmed(store.db, core.nowIso());
    core.audit({
      action: 'store.recovery_key_replaced',
      detail: `data key rotated; ${backups.resealed.length} backup(s) re-sealed; ${backups.stillOpen.length} not`,
    });
  });
  return { recoveryKey: recovery.text, backups };
}
