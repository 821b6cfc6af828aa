import { afterAll, beforeAll } from 'vitest';
import { findPgBinaries, startPgTestCluster, type PgTestCluster } from '../../../../scripts/pg-test-cluster.mjs';

export type { PgTestCluster };

const binaries = findPgBinaries();

/** True when PostgreSQL's binaries are installed here; suites use `describe.skipIf(!pgAvailable)`. */
export const pgAvailable = binaries !== null;

/** Why PostgreSQL suites were skipped, for the suite's name (vitest shows it beside "skipped"). */
export const pgSkipReason = pgAvailable
  ? ''
  : ' (skipped: PostgreSQL is not installed here; apt-get install -y postgresql, or set PG_BIN_DIR)';

if (!pgAvailable && !process.env.VITEST_PG_QUIET) {
  console.warn(`PostgreSQL store tests skipped: no initdb/pg_ctl/postgres/pg_dump found${pgSkipReason}`);
}

/**
 * One throwaway cluster for the calling test file: started before its tests,
 * stopped and removed after them, even when a test fails. Use inside a
 * `describe.skipIf(!pgAvailable)` block.
 */
export function useThrowawayCluster(): () => PgTestCluster {
  let cluster: PgTestCluster | undefined;
  beforeAll(() => {
    cluster = startPgTestCluster();
  }, 180_000);
  afterAll(() => {
    cluster?.stop();
  });
  return () => {
    if (!cluster) throw new Error('The PostgreSQL test cluster is not running (did its beforeAll fail?).');
    return cluster;
  };
}
