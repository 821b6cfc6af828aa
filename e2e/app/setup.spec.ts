import { admin, expect, expectAccessible, openApp, practiceName, snapshot, test } from './fixtures';

test('first-run setup creates the store, shows the recovery key once, then signs the administrator in', async ({ page, host }, testInfo) => {
  await openApp(page, host);
  await expect(page.getByRole('heading', { name: 'Set up Consent Desk', level: 1 })).toBeVisible();
  // The token has left the address bar.
  expect(page.url()).not.toContain('token=');
  await expectAccessible(page, 'setup');
  await snapshot(page, testInfo, '01-setup');

  // A mismatched confirmation is caught by the form, tied to its field, and takes the focus.
  await page.getByLabel('Practice name').fill(practiceName);
  await page.getByLabel('Your name').fill(admin.displayName);
  await page.getByLabel('Username', { exact: true }).fill(admin.username);
  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByLabel('Confirm password').fill('something else entirely');
  await page.getByRole('button', { name: 'Create store' }).click();
  const confirm = page.getByLabel('Confirm password');
  await expect(confirm).toHaveAttribute('aria-invalid', 'true');
  await expect(confirm).toHaveAccessibleDescription(/not the same as the password/);
  await expect(confirm).toBeFocused();
  await expectAccessible(page, 'setup with errors');

  await confirm.fill(admin.password);
  await page.getByRole('button', { name: 'Create store' }).click();

  // Creating the store derives keys and makes the practice certificate: allow it time.
  await expect(page.getByRole('heading', { name: 'Store your recovery key', level: 1 })).toBeVisible({ timeout: 60_000 });
  const key = page.getByRole('region', { name: 'Recovery key' }).locator('.recovery-key');
  await expect(key).toHaveText(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){12}$/);
  await expect(page.getByText('the data cannot be read by anyone')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
  const continueButton = page.getByRole('button', { name: 'Continue' });
  await expect(continueButton).toBeDisabled();
  await expectAccessible(page, 'recovery key');
  await snapshot(page, testInfo, '02-recovery-key');

  await page.getByRole('checkbox', { name: 'I have stored the recovery key' }).check();
  await continueButton.click();
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText(practiceName);
  await expect(page.getByRole('banner')).toContainText(`Signed in as ${admin.displayName} (Administrator)`);
  // The key is gone for good: it is nowhere in the page any more.
  expect(await page.content()).not.toMatch(/[0-9A-Z]{4}(-[0-9A-Z]{4}){12}/);
  await expectAccessible(page, 'home');
  await snapshot(page, testInfo, '03-home-admin');
});

test('a reload on the recovery-key step comes back to it: confirm the key stored, or issue a new one', async ({ page, host }) => {
  await openApp(page, host);
  await page.getByLabel('Practice name').fill(practiceName);
  await page.getByLabel('Your name').fill(admin.displayName);
  await page.getByLabel('Username', { exact: true }).fill(admin.username);
  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByLabel('Confirm password').fill(admin.password);
  await page.getByRole('button', { name: 'Create store' }).click();
  await expect(page.getByRole('heading', { name: 'Store your recovery key', level: 1 })).toBeVisible({ timeout: 60_000 });
  const first = await page.getByRole('region', { name: 'Recovery key' }).locator('.recovery-key').textContent();

  // Reloaded before confirming (a crash would do the same): the step is back, without the key.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-app-ready', 'true');
  await expect(page.getByRole('heading', { name: 'The recovery key is not confirmed yet', level: 1 })).toBeVisible();
  await expect(page.getByRole('navigation')).toHaveCount(0);
  expect(await page.content()).not.toMatch(/[0-9A-Z]{4}(-[0-9A-Z]{4}){12}/);
  await expectAccessible(page, 'recovery key not confirmed');

  // A new key, shown once, then confirmed: Home, and it stays so after another reload.
  await page.getByLabel('Your password').fill(admin.password);
  await page.getByRole('button', { name: 'Issue a new recovery key' }).click();
  await expect(page.getByRole('heading', { name: 'Store your recovery key', level: 1 })).toBeVisible({ timeout: 60_000 });
  const second = await page.getByRole('region', { name: 'Recovery key' }).locator('.recovery-key').textContent();
  expect(second).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){12}$/);
  expect(second).not.toBe(first);
  await page.getByRole('checkbox', { name: 'I have stored the recovery key' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
});
