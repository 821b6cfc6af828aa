import { admin, expect, expectAccessible, goTo, openApp, practiceAddress, seedStore, signIn, snapshot, test } from './fixtures';

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

test('settings: the practice’s contact details, printed for revocations and let through by the reply checker', async ({ page, host }, testInfo) => {
  await seedStore(host);
  await openApp(page, host);
  await signIn(page, admin.username, admin.password);
  await goTo(page, 'Settings');
  // The address and email the authorizations print are the ones the reply checker knows.
  await expect(page.getByLabel('Practice address')).toHaveValue(practiceAddress);
  const email = page.getByLabel('Email for revocations (optional)');
  await expect(email).toHaveValue('privacy@riverside-family.example');
  await email.fill('privacy at riverside');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAccessibleDescription(/Enter an email address such as privacy@example.com/);
  await email.fill('hello@riverside-family.example');
  await page.getByLabel('Phone (optional)').fill('(217) 555-0100');
  await page.getByLabel('Website (optional)').fill('www.riverside-family.example');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await expectAccessible(page, 'settings with contact details');
  await snapshot(page, testInfo, '01-settings-contact');

  await goTo(page, 'Review replies');
  const reply = page.getByRole('textbox', { name: 'Your reply' });
  const result = page.getByRole('region', { name: 'Is this reply safe to post?' });
  await reply.fill('Thank you for your feedback. Please call our office at (217) 555-0100, write to hello@riverside-family.example, or visit riverside-family.example or 45 Elm Street.');
  await page.getByRole('button', { name: 'Check reply' }).click();
  await expect(result.getByRole('status')).toHaveText('Safe to post: nothing in it confirms a patient or mentions care.');
  // Someone else's number is still a finding.
  await reply.fill('Thank you for your feedback. Please call our office at (217) 555-0199.');
  await page.getByRole('button', { name: 'Check reply' }).click();
  await expect(result.getByRole('status')).toHaveText(/^Change this reply before posting/);
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
