import { admin, expect, expectAccessible, openApp, practiceName, seedStore, signIn, snapshot, test } from './fixtures';

test('a wrong password fails with a message; the right one signs in', async ({ page, host }, testInfo) => {
  await seedStore(host);
  await openApp(page, host);
  await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Consent Desk');
  await expectAccessible(page, 'sign-in');
  await snapshot(page, testInfo, '01-sign-in');

  await page.getByLabel('Username', { exact: true }).fill(admin.username);
  await page.getByLabel('Password', { exact: true }).fill('not the password at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toHaveText('The username or password is not right.');
  await expect(alert).toBeFocused();
  // The wrong password is not left in the box; the username is.
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('Username', { exact: true })).toHaveValue(admin.username);
  await expect(page.getByRole('heading', { name: 'Home' })).toHaveCount(0);
  await expectAccessible(page, 'sign-in with an error');
  await snapshot(page, testInfo, '02-sign-in-failed');

  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText(practiceName);
});

test('the form checks the username before asking the backend', async ({ page, host }) => {
  await seedStore(host);
  await openApp(page, host);
  await page.getByLabel('Username', { exact: true }).fill('Not A Username!');
  await page.getByLabel('Password', { exact: true }).fill('whatever');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const username = page.getByLabel('Username', { exact: true });
  await expect(username).toHaveAttribute('aria-invalid', 'true');
  await expect(username).toHaveAccessibleDescription(/lowercase letters/);
  await expect(username).toBeFocused();
});

test('an administrator who forgot the password recovers with the recovery key', async ({ page, host }, testInfo) => {
  const { recoveryKey } = await seedStore(host);
  await openApp(page, host);
  await page.getByRole('button', { name: 'Use the recovery key' }).click();
  await expect(page.getByRole('heading', { name: 'Recover access with the recovery key', level: 1 })).toBeVisible();
  await expectAccessible(page, 'recovery');
  await snapshot(page, testInfo, '03-recovery');

  const newPassword = 'a brand new staple horse battery';
  // Lowercase and without dashes: the key is read generously.
  await page.getByLabel('Recovery key').fill(recoveryKey.replaceAll('-', '').toLowerCase());
  await page.getByLabel('Administrator username').fill(admin.username);
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Confirm new password').fill(newPassword);
  await page.getByRole('button', { name: 'Set new password and sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You are signed out.')).toBeVisible();
  await signIn(page, admin.username, newPassword);
});
