import type { Locator, Page } from '@playwright/test';
import { admin, callHost, expect, openApp, seedStore, signIn, snapshot, test } from './fixtures';

/** Press a key (Tab, Shift+Tab) until the target has the focus; fails after `max` presses. */
async function pressUntilFocused(page: Page, key: string, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await target.and(page.locator(':focus')).count()) > 0) return;
    await page.keyboard.press(key);
  }
  await expect(target).toBeFocused();
}

test('keyboard only: sign in, move through the navigation, open and cancel a dialog', async ({ page, host }) => {
  await seedStore(host);
  await openApp(page, host);
  // The screen's heading has the focus; the form follows it.
  await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Username', { exact: true })).toBeFocused();
  await page.keyboard.type(admin.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(admin.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeFocused();

  // Back from the page into the navigation.
  await pressUntilFocused(page, 'Shift+Tab', page.getByRole('link', { name: 'Staff' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Staff', level: 1 })).toBeFocused();

  const changeRole = page.getByRole('button', { name: `Change role for ${admin.displayName}` });
  await changeRole.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Change ${admin.displayName}’s role` });
  await expect(dialog.getByLabel('Role')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  // The focus goes back where it was.
  await expect(changeRole).toBeFocused();

  // The skip link is the first stop and jumps to the content.
  await pressUntilFocused(page, 'Shift+Tab', page.getByRole('link', { name: 'Skip to main content' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
});

test.describe('at 200% zoom', () => {
  test.use({ viewport: { width: 640, height: 430 }, deviceScaleFactor: 2 });

  async function expectNoSidewaysScrolling(page: Page) {
    // This file compiles without DOM types; this is the part of `document` it reads.
    const overflow = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
  }

  test('every screen reflows without scrolling sideways', async ({ page, host }, testInfo) => {
    await seedStore(host);
    await openApp(page, host);
    await expectNoSidewaysScrolling(page);
    await snapshot(page, testInfo, '01-sign-in-zoomed');
    await signIn(page, admin.username, admin.password);
    await callHost(host, 'staff.create', { displayName: 'Sam Lee', username: 'sam', role: 'marketing', password: 'posts and pictures only' });
    await expectNoSidewaysScrolling(page);
    await snapshot(page, testInfo, '02-home-zoomed');
    for (const [link, name] of [
      ['Staff', '03-staff-zoomed'],
      ['Audit trail', '04-audit-zoomed'],
      ['Settings', '05-settings-zoomed'],
    ] as const) {
      await page.getByRole('link', { name: link }).click();
      await expect(page.getByRole('heading', { name: link, level: 1 })).toBeVisible();
      await expect(page.getByRole('table').or(page.getByRole('button', { name: 'Save settings' })).first()).toBeVisible();
      await expectNoSidewaysScrolling(page);
      await snapshot(page, testInfo, name);
    }
  });
});
