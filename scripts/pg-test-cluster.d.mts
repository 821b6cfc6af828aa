/** Types for pg-test-cluster.mjs (a plain script, so CI can run it without a build). */
export interface PgTestCluster {
  binDir: string;
  dir: string;
  socketDir: string;
  port: number;
  database: string;
  ownerRole: string;
  appRole: string;
  /** The schema owner: runs the migrations. */
  ownerUrl: string;
  /** The app's role: only the rights the schema grants it. */
  appUrl: string;
  /** The cluster's superuser, for the tests' own inspection (pg_dump, catalog reads). */
  superuserUrl: string;
  dump(): string;
  stop(): void;
}

export function findPgBinaries(): string | null;
export function startPgTestCluster(options?: { database?: string; owner?: string; app?: string }): PgTestCluster;
