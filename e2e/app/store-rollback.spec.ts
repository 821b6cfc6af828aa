import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testKdf } from '../../electron/backend/testing/test-backend';
import { startHost } from '../host/start';
import { admin, callHost, expect, expectAccessible, openApp, seedStore, snapshot, test } from './fixtures';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const frontDesk = { username: 'fran', displayName: 'Fran Front', password: 'tangerine orbit lantern' };
const start = (dataDir: string) => startHost({ dataDir, staticDir: path.join(repoRoot, 'app', 'dist', 'renderer'), backend: { kdf: testKdf } });

/**
 * A data folder whose database file was put back to an older copy: set up,
 * copied, then a staff member added, then the copy put back (a sync
 * conflict, an OS snapshot restore). The anchor beside it still knows better.
 */
async function rolledBackFolder(): Promise<string> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'consent-desk-e2e-rollback-'));
  const first = await start(dataDir);
  await seedStore(first);
  await callHost(first, 'session.signIn', { username: admin.username, password: admin.password });
  await callHost(first, 'staff.create', { ...frontDesk, role: 'frontdesk' });
  await callHost(first, 'session.signOut', {});
  await first.close();
  const database = path.join(dataDir, 'consent-desk.db');
  const older = fs.readFileSync(database);

  const second = await start(dataDir);
  await callHost(second, 'session.signIn', { username: admin.username, password: admin.password });
  await callHost(second, 'patients.create', { firstName: 'Maria', lastName: 'Lopez', dateOfBirth: '1984-05-17', recordNumber: null, phone: null, email: null, city: null });
  await second.close();
  fs.writeFileSync(database, older);
  return dataDir;
}

test('an older store is refused at sign-in, and only an administrator who gives a reason can accept it', async ({ page }, testInfo) => {
  const dataDir = await rolledBackFolder();
  const host = await start(dataDir);
  try {
    await openApp(page, host);
    await page.getByLabel('Username', { exact: true }).fill(frontDesk.username);
    await page.getByLabel('Password', { exact: true }).fill(frontDesk.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('This store was put back to an older copy');
    await expectAccessible(page, 'sign-in refused: an older store');
    await snapshot(page, testInfo, '01-older-store-refused');

    // Someone who is not an administrator cannot accept it, even with their own right password.
    await page.getByRole('button', { name: 'Accept this older store…' }).click();
    await expect(page.getByRole('heading', { name: 'Accept an older copy of the store', level: 1 })).toBeVisible();
    await expect(page.getByLabel('Administrator username')).toHaveValue(frontDesk.username);
    await expectAccessible(page, 'accept an older store');
    await snapshot(page, testInfo, '02-accept-older-store');
    await page.getByLabel('Administrator password').fill(frontDesk.password);
    await page.getByLabel('Why is the older copy the right one?').fill('We put back Monday’s copy on purpose.');
    await page.getByRole('button', { name: 'Accept the older store and sign in' }).click();
    await expect(page.getByRole('alert').first()).toHaveText('Only an administrator can accept an older store.');
    await expect(page.getByLabel('Administrator password')).toHaveValue('');

    // A reason is required before anything is asked of the backend.
    await page.getByLabel('Administrator username').fill(admin.username);
    await page.getByLabel('Administrator password').fill(admin.password);
    await page.getByLabel('Why is the older copy the right one?').fill('');
    await page.getByRole('button', { name: 'Accept the older store and sign in' }).click();
    const reason = page.getByLabel('Why is the older copy the right one?');
    await expect(reason).toHaveAttribute('aria-invalid', 'true');
    await expect(reason).toHaveAccessibleDescription(/Say why the older store is the right one/);
    await expect(reason).toBeFocused();

    await reason.fill('We put back Monday’s copy on purpose after the disk failed.');
    await page.getByRole('button', { name: 'Accept the older store and sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
    const alerts = page.getByRole('region', { name: 'Store alerts' });
    await expect(alerts).toContainText(`${admin.displayName} accepted an older store`);
    await expect(alerts).toContainText('We put back Monday’s copy on purpose after the disk failed.');
    await expectAccessible(page, 'home after accepting an older store');
    await snapshot(page, testInfo, '03-older-store-accepted');

    // Audited: who, what was older, and why; the refusals too.
    const audit = await callHost(host, 'audit.list', { action: 'store.rollback' });
    if (!audit.body.ok) throw new Error(audit.body.error.message);
    const actions = audit.body.value.events.map((e) => e.action);
    expect(actions).toContain('store.rollback_refused');
    expect(audit.body.value.events.find((e) => e.action === 'store.rollback_accepted')).toMatchObject({
      actorName: admin.username,
      detail: expect.stringMatching(/older than the store last seen in this folder.*reason: We put back Monday’s copy on purpose/) as unknown,
    });
    // The older copy is the store now: the patient added after it is not there.
    const patients = await callHost(host, 'patients.search', {});
    expect(patients.body.ok && patients.body.value).toEqual([]);
  } finally {
    await host.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
