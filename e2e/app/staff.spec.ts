import { admin, expect, expectAccessible, goTo, openApp, seedStore, signIn, snapshot, test } from './fixtures';

const jamie = { displayName: 'Jamie Rivera', username: 'jamie' };

test('an administrator changes a role, resets a password, disables and enables an account', async ({ page, host }, testInfo) => {
  await seedStore(host);
  await openApp(page, host);
  await signIn(page, admin.username, admin.password);
  await goTo(page, 'Staff');

  // The form uses the contract's own rules: a short password is refused before any call.
  await page.getByLabel('Name', { exact: true }).fill(jamie.displayName);
  await page.getByLabel('Username', { exact: true }).fill(jamie.username);
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Add staff member' }).click();
  const role = page.getByLabel('Role', { exact: true });
  await expect(role).toHaveAttribute('aria-invalid', 'true');
  await expect(role).toBeFocused();
  await expect(page.getByLabel('Password', { exact: true })).toHaveAccessibleDescription(/at least 12 characters/i);
  await role.selectOption({ label: 'Front desk' });
  await page.getByLabel('Password', { exact: true }).fill('first password for jamie');
  await page.getByRole('button', { name: 'Add staff member' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added Jamie Rivera (Front desk)' })).toBeVisible();
  // The form starts again from nothing: the next person does not inherit Jamie's role.
  await expect(role).toHaveValue('');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('');

  // The same username again: the backend's conflict lands on the field.
  await page.getByLabel('Name', { exact: true }).fill('Another Jamie');
  await page.getByLabel('Username', { exact: true }).fill(jamie.username);
  await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Marketing' });
  await page.getByLabel('Password', { exact: true }).fill('another long password');
  await page.getByRole('button', { name: 'Add staff member' }).click();
  await expect(page.getByRole('alert')).toHaveText(`The username “${jamie.username}” is taken.`);
  await expect(page.getByLabel('Username', { exact: true })).toHaveAccessibleDescription(/Choose another username/);

  // The list counts the accounts and sorts from its headers (by name: the administrator first, then, reversed, Jamie).
  const table = page.getByRole('table', { name: 'Staff accounts (2)' });
  await expect(page.getByRole('status').filter({ hasText: /^2 accounts$/ })).toBeVisible();
  await expect(table.getByRole('rowheader')).toHaveText([`${admin.displayName} (you)`, jamie.displayName]);
  await table.getByRole('button', { name: 'Name', exact: true }).click();
  await expect(table.getByRole('columnheader', { name: 'Name', exact: true })).toHaveAttribute('aria-sort', 'descending');
  await expect(table.getByRole('rowheader')).toHaveText([jamie.displayName, `${admin.displayName} (you)`]);
  await table.getByRole('button', { name: 'Name', exact: true }).click();

  const row = page.getByRole('table', { name: /Staff accounts/ }).getByRole('row', { name: new RegExp(jamie.displayName) });

  await row.getByRole('button', { name: `Change role for ${jamie.displayName}` }).click();
  const roleDialog = page.getByRole('dialog', { name: `Change ${jamie.displayName}’s role` });
  await expect(roleDialog).toBeVisible();
  await roleDialog.getByLabel('Role').selectOption({ label: 'Marketing' });
  await roleDialog.getByRole('button', { name: 'Save role' }).click();
  await expect(roleDialog).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Jamie Rivera’s role is now Marketing.' })).toBeVisible();
  await expect(row.getByRole('cell', { name: 'Marketing' })).toBeVisible();

  await row.getByRole('button', { name: `Reset password for ${jamie.displayName}` }).click();
  const resetDialog = page.getByRole('dialog', { name: `Reset ${jamie.displayName}’s password` });
  await resetDialog.getByLabel('New password', { exact: true }).fill('second password for jamie');
  await resetDialog.getByLabel('Confirm new password').fill('second password for jamie');
  await resetDialog.getByRole('button', { name: 'Reset password' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Jamie Rivera’s password is reset.' })).toBeVisible();

  await row.getByRole('button', { name: `Disable for ${jamie.displayName}` }).click();
  const disableDialog = page.getByRole('dialog', { name: `Disable ${jamie.displayName}’s account?` });
  await expect(disableDialog).toContainText('rotate the data key');
  await expectAccessible(page, 'disable dialog');
  await snapshot(page, testInfo, '01-disable-dialog');
  // Escape cancels and changes nothing.
  await page.keyboard.press('Escape');
  await expect(disableDialog).toHaveCount(0);
  await expect(row.getByRole('cell', { name: 'Active' })).toBeVisible();

  await row.getByRole('button', { name: `Disable for ${jamie.displayName}` }).click();
  await disableDialog.getByRole('button', { name: 'Disable account' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'data key was rotated' })).toBeVisible();
  await expect(row.getByRole('cell', { name: 'Disabled' })).toBeVisible();

  await row.getByRole('button', { name: `Enable for ${jamie.displayName}` }).click();
  const enableDialog = page.getByRole('dialog', { name: `Enable ${jamie.displayName}’s account` });
  await enableDialog.getByLabel('New password', { exact: true }).fill('third password for jamie');
  await enableDialog.getByLabel('Confirm new password').fill('a different one');
  await enableDialog.getByRole('button', { name: 'Enable account' }).click();
  await expect(enableDialog.getByLabel('Confirm new password')).toHaveAttribute('aria-invalid', 'true');
  await enableDialog.getByLabel('Confirm new password').fill('third password for jamie');
  await enableDialog.getByRole('button', { name: 'Enable account' }).click();
  await expect(row.getByRole('cell', { name: 'Active' })).toBeVisible();
  await snapshot(page, testInfo, '02-staff-after-changes');

  // The new password works, as the role it now has.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, jamie.username, 'third password for jamie');
  await expect(page.getByRole('banner')).toContainText(`Signed in as ${jamie.displayName} (Marketing)`);
});
