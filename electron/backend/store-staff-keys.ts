import type { BackendCore } from './backend-core';
import { resealBackups, waitForSoleUse } from './backup/backup-reseal';
import type { StaffKeySteps } from './engine-core';
import { storageFailure } from './failure-kinds';

/**
 * The staff handlers' key file steps on the open `Store` (issue 15): the
 * keyring is not joined to the engine's `records` yet. A slot is sealed to
 * the Store's data key and the Store keeps the key file's state; a rotation
 * rekeys the SQLite file itself and renames the key file, which no engine
 * transaction can hold. Joining them (`records.keyring`, the Store reading
 * its key file back, the server's rekey in batches) is its own step; until
 * then these are the very calls the staff handlers made before the port.
 */
export function storeStaffKeySteps(core: BackendCore): StaffKeySteps {
  return {
    setSlot: (staff, password) => core.setStaffSlot(staff.id, staff.username, password),
    waitForSoleUse: (what) => waitForSoleUse(core, what),
    async rotateDataKeyWithout(staffId) {
      try {
        core.requireStore().rotateDataKey((slot) => slot.staffId !== staffId);
        return null;
      } catch (error) {
        return storageFailure(error, { dataDir: core.paths.dataDir })?.message ?? 'the data key could not be rotated';
      }
    },
    resealBackups: () => resealBackups(core),
  };
}
