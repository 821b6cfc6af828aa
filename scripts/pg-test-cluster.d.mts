/** Types for pg-test-cluster.mjs (a plain script, so CI can run it without a build). */
export interface PgTestCluster {
  binDir: string;
  dir: string;
  socketDir: string;
  port: number;
  /** 127.0.0.1 when started with `tls` (TLS connections only, on `port`); null for a socket-only cluster. */
  tcpHost: string | null;
  /** The password of the owner, app or superuser role (for tests that build their own connection options). */
  roleSecret(role: string): string;
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
export function startPgTestCluster(options?: {
  database?: string;
  owner?: string;
  app?: string;
  /** Also listen on 127.0.0.1 with TLS only, presenting this certificate (chain) and key. */
  tls?: { certPem: string; keyPem: string } | null;
}): PgTestCluster;
