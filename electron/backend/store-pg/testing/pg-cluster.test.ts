import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startPgTestCluster } from '../../../../scripts/pg-test-cluster.mjs';
import { pgAvailable, pgSkipReason } from './pg-cluster';

function postmasterRunning(dataDir: string): boolean {
  const pidFile = `${dataDir}/postmaster.pid`;
  if (!fs.existsSync(pidFile)) return false;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!pgAvailable)(`the throwaway PostgreSQL cluster${pgSkipReason}`, () => {
  it('listens on its own socket only, as a non-root user, and leaves nothing behind', async () => {
    const cluster = startPgTestCluster();
    let stopped = false;
    try {
      expect(postmasterRunning(`${cluster.dir}/data`)).toBe(true);
      const owner = (fs.statSync(`${cluster.dir}/data`).uid);
      expect(owner).not.toBe(0);
      const client = new pg.Client({ connectionString: cluster.superuserUrl });
      await client.connect();
      try {
        const settings = await client.query<{ name: string; setting: string }>(
          "SELECT name, setting FROM pg_settings WHERE name IN ('listen_addresses', 'unix_socket_directories')",
        );
        expect(Object.fromEntries(settings.rows.map((r) => [r.name, r.setting]))).toEqual({
          listen_addresses: '',
          unix_socket_directories: cluster.socketDir,
        });
      } finally {
        await client.end();
      }
      // A wrong password is refused: the socket is not left open to anyone on the machine.
      const intruder = new pg.Client({ connectionString: cluster.appUrl.replace(/:[^:@/]+@/, ':wrong@') });
      await expect(intruder.connect()).rejects.toThrow(/password authentication failed/);
      cluster.stop();
      stopped = true;
      expect(fs.existsSync(cluster.dir)).toBe(false);
      cluster.stop();
    } finally {
      if (!stopped) cluster.stop();
    }
    const left = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').filter((line) => line.includes(cluster.dir));
    expect(left).toEqual([]);
  });
});
