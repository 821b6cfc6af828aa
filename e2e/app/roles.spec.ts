import { admin, callHost, expect, expectAccessible, goTo, openApp, seedStore, signIn, snapshot, test } from './fixtures';

const marketer = { displayName: 'Sam Lee', username: 'sam', password: 'posts and pictures only please' };

test('an administrator adds a marketing user, who cannot open the staff screen', async ({ page, host }, testInfo) => {
  await seedStore(host);
  await openApp(page, host);
  await signIn(page, admin.username, admin.password);

  await goTo(page, 'Staff');
  const table = page.getByRole('table', { name: /Staff accounts/ });
  await expect(table.getByRole('row', { name: new RegExp(admin.displayName) })).toBeVisible();
  await expectAccessible(page, 'staff');

  await page.getByLabel('Name', { exact: true }).fill(marketer.displayName);
  await page.getByLabel('Username', { exact: true }).fill(marketer.username);
  await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Marketing' });
  await page.getByLabel('Password', { exact: true }).fill(marketer.password);
  await page.getByRole('button', { name: 'Add staff member' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Added ${marketer.displayName} (Marketing)` })).toBeVisible();
  const row = table.getByRole('row', { name: new RegExp(marketer.displayName) });
  await expect(row.getByRole('cell', { name: 'Marketing' })).toBeVisible();
  await expect(row.getByRole('cell', { name: 'Active' })).toBeVisible();
  await expectAccessible(page, 'staff after adding');
  await snapshot(page, testInfo, '01-staff');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, marketer.username, marketer.password);
  await expect(page.getByRole('banner')).toContainText(`Signed in as ${marketer.displayName} (Marketing)`);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Home' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'My account' })).toBeVisible();
  for (const hidden of ['Staff', 'Audit trail', 'Settings']) await expect(nav.getByRole('link', { name: hidden })).toHaveCount(0);
  await expectAccessible(page, 'home (marketing)');
  await snapshot(page, testInfo, '02-home-marketing');

  // Going to the address directly: the page says no and loads nothing...
  await page.goto(`${host.origin}/#/staff`);
  await expect(page.getByRole('heading', { name: 'Not allowed', level: 1 })).toBeVisible();
  await expect(page.getByText('Your role (Marketing) does not allow you to manage staff accounts.')).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
  await expectAccessible(page, 'not allowed');
  await snapshot(page, testInfo, '03-not-allowed');

  // ...and the backend refuses the call whoever makes it.
  const refused = await callHost(host, 'staff.list', {});
  expect(refused.status).toBe(403);
  expect(refused.body).toMatchObject({ ok: false, error: { code: 'forbidden' } });
});
