import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expectAccessible, openApp, signIn } from './fixtures';
import { demoPassword, expect, test } from './audit-export-practice';
import { chooseInAccountMenu, navigationRoutes, screenSettled } from './staff-ui-walk';

/**
 * The dark theme on every screen, checked by axe like the light one, and
 * the user guide's pictures: with USER_GUIDE_SCREENSHOTS=1 the walk writes
 * docs/user-guide/img/<role>-<screen>.png (light theme, English) over the
 * committed ones, so the guide always shows the app as it is.
 */
const guideDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'user-guide', 'img');
const writeGuide = process.env.USER_GUIDE_SCREENSHOTS === '1';
const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

async function guidePicture(page: Page, name: string): Promise<void> {
  if (!writeGuide) return;
  fs.mkdirSync(guideDir, { recursive: true });
  await page.screenshot({ path: path.join(guideDir, `${name}.png`), fullPage: false });
}

async function walk(page: Page, role: string, check: (screen: string) => Promise<void>): Promise<number> {
  const routes = await navigationRoutes(page);
  for (const { name } of routes) {
    await page.locator('nav.main-nav').getByRole('link', { name, exact: true }).click();
    await screenSettled(page);
    await check(`${role}-${slug(name)}`);
  }
  return routes.length;
}

test('every screen passes axe in the dark theme as in the light one; the theme is kept for the staff member', async ({ page, host }) => {
  test.setTimeout(300_000);
  await openApp(page, host);
  await signIn(page, 'admin', demoPassword);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');

  // Light first (and the guide's pictures), then dark.
  const screens = await walk(page, 'admin', async (screen) => {
    await guidePicture(page, screen);
  });
  if (writeGuide) {
    await page.keyboard.press('F1');
    await expect(page.getByRole('dialog')).toBeVisible();
    await guidePicture(page, 'admin-help-panel');
    await page.keyboard.press('Escape');
  }

  await chooseInAccountMenu(page, 'Theme', 'dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const background = await page.evaluate('getComputedStyle(document.documentElement).backgroundColor');
  expect(background).toBe('rgb(17, 21, 27)');
  const checked = await walk(page, 'admin', async (screen) => {
    await expectAccessible(page, `${screen} (dark)`);
  });
  expect(checked).toBe(screens);
  await guidePicture(page, 'admin-dark-theme');

  // "System" follows the operating system's setting.
  await chooseInAccountMenu(page, 'Theme', 'system');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');

  // Kept with the staff member: chosen dark, signed out and in again on a cleared workstation, still dark.
  await chooseInAccountMenu(page, 'Theme', 'dark');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.evaluate('window.localStorage.clear()');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expectAccessible(page, 'sign-in (light)');
  await signIn(page, 'admin', demoPassword);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // The workstation now remembers it for the sign-in screen.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectAccessible(page, 'sign-in (dark)');
});

test('the other roles’ screens, for the guide and for axe in the dark theme', async ({ page, host }) => {
  test.setTimeout(300_000);
  await openApp(page, host);
  for (const role of ['frontdesk', 'marketing']) {
    await page.evaluate("location.hash = '#/'");
    await signIn(page, role, demoPassword);
    await walk(page, role, async (screen) => guidePicture(page, screen));
    await chooseInAccountMenu(page, 'Theme', 'dark');
    await walk(page, role, async (screen) => expectAccessible(page, `${screen} (dark)`));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.evaluate('window.localStorage.clear()');
  }
});
