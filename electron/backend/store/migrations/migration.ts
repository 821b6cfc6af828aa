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
  /**
   * The same step in the PostgreSQL store's dialect (issue 15: one numbering,
   * a dialect per engine). The server's schema as it is first created is
   * migration `pgBaselineVersion` (store-pg/pg-schema.ts); every migration
   * after it needs this part, run by `migratePgSchema` as the schema's owner
   * in the upgrade's one transaction. `appRole` is the role to grant the
   * app's rights to.
   */
  postgres?(appRole: string): string;
}
