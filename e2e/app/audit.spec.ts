import { admin, expect, expectAccessible, goTo, openApp, seedStore, signIn, snapshot, test } from './fixtures';

test('the audit screen lists sign-ins, failed sign-ins, staff changes and locks, and the chain is intact', async ({ page, host }, testInfo) => {
  await seedStore(host);
  await openApp(page, host);

  // A failed sign-in, then the real one.
  await page.getByLabel('Username', { exact: true }).fill(admin.username);
  await page.getByLabel('Password', { exact: true }).fill('a wrong guess at it');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('The username or password is not right.');
  await signIn(page, admin.username, admin.password);

  // A staff member added.
  await goTo(page, 'Staff');
  await page.getByLabel('Name', { exact: true }).fill('Casey Marsh');
  await page.getByLabel('Username', { exact: true }).fill('casey');
  await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Marketing' });
  await page.getByLabel('Password', { exact: true }).fill('marketing is my middle name');
  await page.getByRole('button', { name: 'Add staff member' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added Casey Marsh' })).toBeVisible();

  // A lock, and back in.
  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Staff', level: 1 })).toBeVisible();

  await goTo(page, 'Audit trail');
  const events = page.getByRole('table', { name: /Audit events/ });
  const rows = events.getByRole('row');
  await expect(rows.filter({ hasText: 'Failed sign-in' }).filter({ hasText: admin.username })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Signed in' })).toHaveCount(3); // setup, the sign-in, after the lock
  await expect(rows.filter({ hasText: 'Staff member added' }).filter({ hasText: 'Casey Marsh (casey)' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Locked' }).filter({ hasText: 'manual' })).toHaveCount(1);
  await expectAccessible(page, 'audit');
  await snapshot(page, testInfo, '01-audit');

  // Filters: only failed sign-ins.
  await page.getByLabel('Action').selectOption({ label: 'Failed sign-ins' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(events).toHaveAccessibleName(/showing 1 of 1/);
  await expect(rows.filter({ hasText: 'Failed sign-in' })).toHaveCount(1);
  // By person, and by a day range that excludes everything.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByLabel('Staff member').fill('casey');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(events.getByText('No events match these filters.')).toBeVisible();
  await page.getByLabel('Staff member').fill('');
  await page.getByLabel('From').fill('2001-01-01');
  await page.getByLabel('To').fill('2001-01-31');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(events.getByText('No events match these filters.')).toBeVisible();
  // A range the wrong way round is caught by the form.
  await page.getByLabel('From').fill('2001-02-01');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByLabel('To')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('To')).toBeFocused();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows.filter({ hasText: 'Failed sign-in' })).toHaveCount(1);

  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Audit chain intact: \d+ events$/ })).toBeVisible();
  // The verification is itself on the record.
  await expect(rows.filter({ hasText: 'Audit chain verified' })).toHaveCount(1);
  await expectAccessible(page, 'audit after verifying');
  await snapshot(page, testInfo, '02-audit-verified');
});
