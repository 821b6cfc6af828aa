import { admin, callHost, expect, openApp, seedStore, signIn, test } from './fixtures';

/**
 * The Staff screen follows the `records.changed` event: an account added,
 * given another role or disabled somewhere else (here a call straight to the
 * backend, as another window or another workstation on the practice server
 * would make it) appears on a Staff screen already open, with no reload and
 * no polling. The page carries a marker on its global object that a reload
 * would wipe.
 */
test('an account added, given another role and disabled elsewhere shows on an open Staff screen without a reload', async ({ page, host }) => {
  await seedStore(host);
  await openApp(page, host);
  await signIn(page, admin.username, admin.password);
  await page.goto(`${host.origin}/#/staff`);
  await expect(page.getByRole('table', { name: 'Staff accounts (1)' })).toBeVisible();
  await page.evaluate(() => ((globalThis as unknown as { stayedOpen?: boolean }).stayedOpen = true));

  const added = await callHost(host, 'staff.create', { username: 'jamie', displayName: 'Jamie Rivera', role: 'frontdesk', password: 'first password for jamie' });
  if (!added.body.ok) throw new Error(added.body.error.message);
  const jamie = added.body.value;
  const table = page.getByRole('table', { name: 'Staff accounts (2)' });
  const row = table.getByRole('row', { name: /Jamie Rivera/ });
  await expect(row.getByRole('cell', { name: 'Front desk' })).toBeVisible();

  expect((await callHost(host, 'staff.update', { id: jamie.id, role: 'marketing' })).body.ok).toBe(true);
  await expect(row.getByRole('cell', { name: 'Marketing' })).toBeVisible();

  expect((await callHost(host, 'staff.disable', { id: jamie.id })).body.ok).toBe(true);
  await expect(row.getByRole('cell', { name: 'Disabled' })).toBeVisible();
  expect(await page.evaluate(() => (globalThis as unknown as { stayedOpen?: boolean }).stayedOpen)).toBe(true);
});
