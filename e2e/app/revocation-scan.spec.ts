import { signatureFixture } from '../../electron/backend/testing/fixture-png';
import { saveDownload } from './consents-helpers';
import { admin, expectAccessible, goTo, openApp, signIn, snapshot } from './fixtures';
import { expect, frontDesk, test } from './marketing-practice';

/** A letter scanned as a PNG: the front desk records the written revocation with it and opens it again later. */
const scan = signatureFixture(480, 200).png;

test('the scan of a written revocation is opened again from the authorization, in both themes, and each view is audited', async ({ page, host }, testInfo) => {
  await openApp(page, host);
  await signIn(page, frontDesk.username, frontDesk.password);
  await goTo(page, 'Patients');
  await page.getByLabel('Find a patient').fill('Maria');
  await page.getByRole('link', { name: 'Maria Lopez' }).click();
  await page.getByRole('button', { name: /^Revoke/ }).click();
  const revoke = page.getByRole('dialog', { name: 'Record a revocation' });
  await revoke.getByLabel('How it arrived').selectOption({ label: 'By mail' });
  await revoke.getByLabel('Scan of the revocation (optional)').setInputFiles({ name: 'letter.png', mimeType: 'image/png', buffer: scan });
  await revoke.getByRole('button', { name: 'Record revocation' }).click();
  await expect(revoke).toHaveCount(0);

  // Later, from the authorization's page.
  await page.getByRole('link', { name: /^Open/ }).first().click();
  const summary = page.getByRole('region', { name: 'Summary' });
  await expect(summary.getByText(/scan attached/)).toBeVisible();
  await summary.getByRole('button', { name: 'View the scan' }).click();
  const viewer = page.getByRole('dialog', { name: 'Scan of the written revocation' });
  const image = viewer.getByRole('img', { name: /^The written revocation as scanned, received / });
  await expect(image).toBeVisible();
  // The image really decoded: the browser knows its size.
  await expect.poll(() => image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(480);
  await expectAccessible(page, 'revocation scan (light)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page, 'revocation scan (dark)');
  await page.emulateMedia({ colorScheme: 'light' });
  await snapshot(page, testInfo, '01-revocation-scan');
  const saved = await saveDownload(page, viewer.getByRole('button', { name: 'Save a copy' }), testInfo, 'scan.png');
  expect(saved.bytes.equals(scan)).toBe(true);
  await viewer.getByRole('button', { name: 'Close' }).click();
  await expect(viewer).toHaveCount(0);
  await expect(summary.getByRole('button', { name: 'View the scan' })).toBeFocused();

  // The privacy officer sees who looked at it.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, admin.username, admin.password);
  await goTo(page, 'Audit trail');
  const rows = page.getByRole('table', { name: /Audit events/ }).getByRole('row');
  await expect(rows.filter({ hasText: 'Revocation scan viewed' }).filter({ hasText: frontDesk.username })).toHaveCount(1);
});
