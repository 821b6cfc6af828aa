import { admin, callHost, expect, expectAccessible, goTo, openApp, seedStore, signIn, snapshot, test } from './fixtures';

const colleague = { displayName: 'Robin Avery', username: 'robin', password: 'front desk at the front' };

test('after five minutes without input the app locks and shows no data until someone signs in', async ({ page, host }, testInfo) => {
  await seedStore(host);
  // The page's clock is fake from the start, so the idle timer can be fast-forwarded.
  await page.clock.install();
  await openApp(page, host);
  await signIn(page, admin.username, admin.password);
  // Seed a colleague through the same backend session the page is using.
  const created = await callHost(host, 'staff.create', { ...colleague, role: 'frontdesk' });
  expect(created.body.ok).toBe(true);

  await goTo(page, 'Staff');
  const table = page.getByRole('table', { name: /Staff accounts/ });
  await expect(table.getByRole('row', { name: new RegExp(colleague.displayName) })).toBeVisible();

  await page.clock.fastForward('05:01');

  await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
  await expect(page.getByText('Consent Desk locked after 5 minutes without input')).toBeVisible();
  // Nothing of the signed-in screens is left in the page, not even hidden.
  await expect(page.getByRole('table')).toHaveCount(0);
  await expect(page.getByRole('navigation')).toHaveCount(0);
  const html = await page.content();
  for (const secret of [colleague.displayName, colleague.username, admin.displayName]) expect(html).not.toContain(secret);
  // The username is ready; the password is not.
  await expect(page.getByLabel('Username', { exact: true })).toHaveValue(admin.username);
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
  await expectAccessible(page, 'locked');
  await snapshot(page, testInfo, '01-locked');

  // The backend is locked too: no data for anyone until a sign-in.
  const refused = await callHost(host, 'staff.list', {});
  expect(refused.status).toBe(423);
  expect(refused.body).toMatchObject({ ok: false, error: { code: 'locked' } });

  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Back where the person was.
  await expect(page.getByRole('heading', { name: 'Staff', level: 1 })).toBeVisible();
  await expect(table.getByRole('row', { name: new RegExp(colleague.displayName) })).toBeVisible();

  // The audit trail says why it locked.
  await goTo(page, 'Audit trail');
  await page.getByLabel('Action').selectOption({ label: 'Locks' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  const events = page.getByRole('table', { name: /Audit events/ });
  await expect(events.getByRole('row').filter({ hasText: 'Locked' }).filter({ hasText: 'idle' })).toHaveCount(1);
});

test('input keeps the app open; the idle time restarts from the last input', async ({ page, host }) => {
  await seedStore(host);
  await page.clock.install();
  await openApp(page, host);
  await signIn(page, admin.username, admin.password);

  await page.clock.fastForward('04:00');
  await page.keyboard.press('Shift');
  await page.clock.fastForward('04:00');
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
  await page.clock.fastForward('01:01');
  await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
});

test('Lock hides everything at once and says so', async ({ page, host }, testInfo) => {
  await seedStore(host);
  await openApp(page, host);
  await signIn(page, admin.username, admin.password);
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
  await expect(page.getByText('Consent Desk is locked. Sign in to continue.')).toBeVisible();
  expect(await page.content()).not.toContain(admin.displayName);
  await snapshot(page, testInfo, '02-locked-by-hand');
});
