import type { Db } from '../database';

/** One forward-only schema step. `up` runs inside the migration transaction. */
export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
  /**
   * What `up` needs loaded that a store's every open should not pay for
   * (migration 7: node-forge, for a file that holds a PKCS#12). `up` runs
   * synchronously, so `migrate` refuses to start while one is not ready for
   * the file (`MigrationNotReady`, before anything is touched) and the
   * caller awaits its `load` and tries again. `ready` sees the file before
   * any pending step has run.
   */
  needs?: { ready(db: Db): boolean; load(): Promise<void> };
}
