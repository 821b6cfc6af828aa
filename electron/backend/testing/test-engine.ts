import crypto from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { startPgTestCluster, type PgTestCluster } from '../../../scripts/pg-test-cluster.mjs';
import type { PracticeServerLink } from '../practice-server';
import { practiceServerLink } from '../practice-server-link';
import { folderHeadMemory, headMemoryKey } from '../store-pg/server-head-memory';

/**
 * The engine the backend suite runs on: the encrypted file by default;
 * `CONSENT_DESK_TEST_ENGINE=postgres` (`npm run test:unit:pg`) gives every
 * test backend a practice server instead: one throwaway cluster per test
 * process, one database per data folder (so a test that opens a second
 * backend on the same folder finds the same store), set up through the
 * first workstation's owner account as first-run setup on a server is.
 */
export const testEngine: 'sqlite' | 'postgres' = process.env.CONSENT_DESK_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

let cluster: PgTestCluster | null = null;
const databases = new Map<string, Promise<string>>();

const inDatabase = (url: string, from: string, to: string) => url.replace(`@/${from}?`, `@/${to}?`);

/** The database for a data folder, made on first use. */
function databaseFor(dataDir: string): Promise<string> {
  cluster ??= startPgTestCluster();
  const running = cluster;
  let made = databases.get(dataDir);
  if (!made) {
    const name = `store_${crypto.createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}`;
    made = (async () => {
      const superuser = new pg.Client({ connectionString: running.superuserUrl });
      await superuser.connect();
      try {
        await superuser.query(`CREATE DATABASE ${name} OWNER ${running.ownerRole}`);
        await superuser.query(`REVOKE ALL ON DATABASE ${name} FROM PUBLIC`);
        await superuser.query(`GRANT CONNECT ON DATABASE ${name} TO ${running.appRole}`);
      } finally {
        await superuser.end();
      }
      return name;
    })();
    databases.set(dataDir, made);
  }
  return made;
}

/** A link to the data folder's own database on the test cluster, able to set it up (the owner's account is in it). */
export function testServerLink(dataDir: string): PracticeServerLink {
  const linked = (async () => {
    const name = await databaseFor(dataDir);
    const c = cluster!;
    return practiceServerLink({
      connection: { connectionString: inDatabase(c.appUrl, c.database, name) },
      headMemory: { keeper: folderHeadMemory(path.join(dataDir, 'workstation-keeper')), key: headMemoryKey(`test workstation ${dataDir}`) },
      description: 'the test practice server',
      owner: { connection: { connectionString: inDatabase(c.ownerUrl, c.database, name) }, appRole: c.appRole },
    });
  })();
  return {
    description: 'the test practice server',
    create: async (input) => (await linked).create!(input),
    holdsStore: async () => (await linked).holdsStore(),
    open: async (credential, hooks) => (await linked).open(credential, hooks),
  };
}
