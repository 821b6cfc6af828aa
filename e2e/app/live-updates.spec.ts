import type { Page } from '@playwright/test';
import { admin, openApp, signIn } from './fixtures';
import { expect, recordRevocation, test } from './marketing-practice';

/**
 * Two windows on one development host (one backend, one session, as two
 * screens of the desktop app would be): what page A commits reaches page B
 * through the `records.changed` event, with no reload and no polling. Page
 * B carries a marker on the page's global object that a reload would wipe.
 */
async function markNoReload(page: Page): Promise<void> {
  await page.evaluate(() => ((globalThis as unknown as { stayedOpen?: boolean }).stayedOpen = true));
}
async function expectNotReloaded(page: Page): Promise<void> {
  expect(await page.evaluate(() => (globalThis as unknown as { stayedOpen?: boolean }).stayedOpen)).toBe(true);
}

test('a revocation recorded in one window flags the published post on the dashboard open in another, without a reload', async ({ page, host, context }) => {
  await openApp(page, host);
  await signIn(page, admin.username, admin.password);

  // Page B: the marketing dashboard, open before the revocation, nothing to take down.
  const other = await context.newPage();
  await openApp(other, host);
  await other.goto(`${host.origin}/#/marketing`);
  await expect(other.getByRole('heading', { name: 'Marketing dashboard', level: 1 })).toBeVisible();
  await expect(other.getByRole('region', { name: 'Take-down required (0)' })).toBeVisible();
  await markNoReload(other);

  // Page A: the front desk's part, James's written revocation on his page.
  await page.goto(`${host.origin}/#/patients`);
  await recordRevocation(page, 'James', 'James Carter');

  // Page B follows: the post must come down.
  const takedowns = other.getByRole('region', { name: 'Take-down required (1)' });
  await expect(takedowns.getByRole('heading', { name: /Walking the dog again/ })).toBeVisible();
  await expectNotReloaded(other);
});
