import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { findPgBinaries, startPgTestCluster, type PgTestCluster } from '../../scripts/pg-test-cluster.mjs';
import { practiceServerLink } from '../../electron/backend/practice-server-link';
import { moveStoreFromFile } from '../../electron/backend/store-pg/pg-move-from-file';
import { folderHeadMemory, headMemoryKey } from '../../electron/backend/store-pg/server-head-memory';
import { startHost, type RunningHost } from '../host/start';
import { admin, openApp, signIn } from './fixtures';
import { expect, frontDesk, marketer, recordRevocation, test } from './marketing-practice';

/**
 * Two workstations of one practice (issue 15): two development hosts, each
 * with a data folder of its own and no store in it, both signed in to one
 * PostgreSQL database on a throwaway cluster. The practice is made on a
 * file first and moved to the server with migrate-store's core, as a
 * practice moving to a server would. Reception records James's revocation;
 * the marketing dashboard open in the back office asks for his post to come
 * down, with no reload (a marker on the page's global object would be
 * wiped by one) and no polling (the host's page follows the backend's
 * events, and the backend the server's LISTEN/NOTIFY feed).
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const pgInstalled = findPgBinaries() !== null;

/** The owner's address without its password (migrate-store takes it from PGPASSWORD), and the password. */
function split(url: string): { address: string; secret: string } {
  const match = /^(postgresql:\/\/[^:@/]+):([^@/]+)@/.exec(url);
  if (!match) throw new Error('unexpected test cluster address');
  return { address: url.replace(`:${match[2]}@`, '@'), secret: decodeURIComponent(match[2]!) };
}

async function markNoReload(page: Page): Promise<void> {
  await page.evaluate(() => ((globalThis as unknown as { stayedOpen?: boolean }).stayedOpen = true));
}
async function expectNotReloaded(page: Page): Promise<void> {
  expect(await page.evaluate(() => (globalThis as unknown as { stayedOpen?: boolean }).stayedOpen)).toBe(true);
}

test.skip(!pgInstalled, 'PostgreSQL is not installed here (apt-get install -y postgresql)');

test('a revocation at reception flags the published post on the marketing dashboard of another workstation, without a reload', async ({ practice, browser }) => {
  const cluster: PgTestCluster = startPgTestCluster();
  const hosts: RunningHost[] = [];
  const folders: string[] = [];
  try {
    const owner = split(cluster.ownerUrl);
    const before = process.env.PGPASSWORD;
    process.env.PGPASSWORD = owner.secret;
    try {
      const moved = await moveStoreFromFile({ from: practice.dataDir, to: owner.address, appRole: cluster.appRole, credential: { username: admin.username, password: admin.password } });
      expect(moved.check.problems).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.PGPASSWORD;
      else process.env.PGPASSWORD = before;
    }

    const workstation = async (name: string) => {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), `consent-desk-e2e-${name}-`));
      folders.push(dataDir);
      const host = await startHost({
        dataDir,
        staticDir: path.join(repoRoot, 'app', 'dist', 'renderer'),
        backend: {
          workstation: name,
          practiceServer: practiceServerLink({
            connection: { connectionString: cluster.appUrl },
            headMemory: { keeper: folderHeadMemory(path.join(dataDir, 'keeper')), key: headMemoryKey(`${name} paired secret`) },
            description: 'the practice server',
          }),
        },
      });
      hosts.push(host);
      return host;
    };
    const reception = await workstation('reception');
    const backOffice = await workstation('back-office');

    // The back office: marketing's dashboard, open before the revocation, nothing to take down.
    const marketing = await (await browser.newContext()).newPage();
    await openApp(marketing, backOffice);
    await signIn(marketing, marketer.username, marketer.password);
    await marketing.goto(`${backOffice.origin}/#/marketing`);
    await expect(marketing.getByRole('heading', { name: 'Marketing dashboard', level: 1 })).toBeVisible();
    await expect(marketing.getByRole('region', { name: 'Take-down required (0)' })).toBeVisible();
    await markNoReload(marketing);

    // Reception: the front desk records James's written revocation on his page.
    const desk = await (await browser.newContext()).newPage();
    await openApp(desk, reception);
    await signIn(desk, frontDesk.username, frontDesk.password);
    await desk.goto(`${reception.origin}/#/patients`);
    await recordRevocation(desk, 'James', 'James Carter');

    // The back office follows: the post must come down.
    const takedowns = marketing.getByRole('region', { name: 'Take-down required (1)' });
    await expect(takedowns.getByRole('heading', { name: /Walking the dog again/ })).toBeVisible();
    await expectNotReloaded(marketing);
  } finally {
    for (const host of hosts) await host.close();
    cluster.stop();
    for (const dir of folders) await rm(dir, { recursive: true, force: true });
  }
});
