import { admin, expect, expectAccessible, goTo, openApp, seedStore, signIn, snapshot, test } from './fixtures';

test('settings: the practice name and the idle lock time', async ({ page, host }, testInfo) => {
  await seedStore(host);
  await page.clock.install();
  await openApp(page, host);
  await signIn(page, admin.username, admin.password);
  await goTo(page, 'Settings');
  await expectAccessible(page, 'settings');
  await snapshot(page, testInfo, '01-settings');

  const minutes = page.getByLabel('Lock after (minutes)');
  await minutes.fill('0');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(minutes).toHaveAttribute('aria-invalid', 'true');
  await expect(minutes).toHaveAccessibleDescription(/at least 1 minute/);
  await expect(minutes).toBeFocused();

  await page.getByLabel('Practice name').fill('Riverside Family Practice East');
  await minutes.fill('2');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Riverside Family Practice East');

  await goTo(page, 'Home');
  await expect(page.getByText('locks itself after 2 minutes without input')).toBeVisible();
  await page.clock.fastForward('02:01');
  await expect(page.getByText('Consent Desk locked after 2 minutes without input')).toBeVisible();
});

test('my account: change your own password', async ({ page, host }, testInfo) => {
  await seedStore(host);
  await openApp(page, host);
  await signIn(page, admin.username, admin.password);
  await goTo(page, 'My account');
  await expect(page.getByText(admin.username, { exact: true })).toBeVisible();
  await expectAccessible(page, 'my account');
  await snapshot(page, testInfo, '02-my-account');

  const newPassword = 'my much better new password';
  // A wrong current password is the field's problem, not a lost session.
  await page.getByLabel('Current password').fill('not my password at all');
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Confirm new password').fill(newPassword);
  await page.getByRole('button', { name: 'Change password' }).click();
  const current = page.getByLabel('Current password');
  await expect(current).toHaveAttribute('aria-invalid', 'true');
  await expect(current).toHaveAccessibleDescription(/not your current password/);
  await expect(page.getByRole('heading', { name: 'My account', level: 1 })).toBeVisible();
  await expectAccessible(page, 'my account with an error');

  await current.fill(admin.password);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your password is changed.' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, admin.username, newPassword);
});
