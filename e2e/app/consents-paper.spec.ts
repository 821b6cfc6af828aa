import { execFileSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { checkAuthorizationText } from '../../shared/authorization/authorization-checker';
import { channelLabels, contentKindLabels, purposeLabels } from '../../shared/authorization/scope';
import { dayOf, workstationTimeZone } from '../../shared/calendar';
import { runConsentDesk } from '../../electron/cli/testing/cli-process';
import { frontDesk, readPdf, saveDownload, seedFrontDesk, tick } from './consents-helpers';
import { admin, callHost, expect, expectAccessible, goTo, openApp, signIn, snapshot, test } from './fixtures';

const marketer = { displayName: 'Mo Market', username: 'mo', password: 'posts and pictures only please' };
const maria = { firstName: 'Maria', lastName: 'Lopez', dateOfBirth: '1984-05-17', recordNumber: 'MRN-20417', phone: null, city: null, email: null };

const fact = (region: Locator, label: string) =>
  region.locator('dl > div').filter({ has: region.page().locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
}

test('a patient signs on paper: the form is printed, the scan recorded, the consent covers a post and is exported', async ({ page, host }, testInfo) => {
  const { patientIds } = await seedFrontDesk(host, [maria]);
  await callHost(host, 'session.signIn', { username: admin.username, password: admin.password });
  await callHost(host, 'staff.create', { ...marketer, role: 'marketing' });
  await callHost(host, 'session.signOut', {});

  // The front desk prepares the authorization as usual, and saves the draft.
  await openApp(page, host);
  await signIn(page, frontDesk.username, frontDesk.password);
  await goTo(page, 'Patients');
  await page.getByRole('searchbox', { name: 'Find a patient' }).fill('maria');
  await page.getByRole('link', { name: 'Maria Lopez' }).click();
  await page.getByRole('link', { name: 'New authorization' }).click();
  await tick(page, 'What information may be used', [contentKindLabels.en.written_testimonial, contentKindLabels.en.first_name]);
  await tick(page, 'Where it may appear', [channelLabels.en.facebook]);
  await tick(page, 'Why it will be used', [purposeLabels.en.advertising]);
  await page.getByLabel('End date').fill('2028-01-31');
  await expect(page.getByText('Complete: every required part is filled in.')).toBeVisible();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('status').filter({ hasText: /ready for the patient to sign/ })).toBeVisible();
  await page.getByRole('link', { name: 'Back to Maria Lopez’s record' }).click();

  // She prefers paper: print the prepared authorization.
  const row = page.getByRole('row').filter({ hasText: 'Draft' });
  const form = await saveDownload(page, row.getByRole('button', { name: /^Print for a paper signature/ }), testInfo, 'form-to-sign.pdf');
  expect(form.suggested).toMatch(/for-paper-signature\.pdf$/);
  const formPdf = readPdf(form.bytes);
  expect(formPdf.text).toContain('I sign it by hand below');
  expect(formPdf.text).toContain('45 Elm Street, Suite 2, Springfield, IL 62704');
  expect(checkAuthorizationText(formPdf.text).complete).toBe(true);
  await expect(page.getByRole('status').filter({ hasText: /Print it\. Have it signed/ })).toBeVisible();

  // Signed at the desk and scanned: the form's signature page, as the scanner's image.
  execFileSync('pdftoppm', ['-png', '-r', '80', form.path, testInfo.outputPath('scan')]);
  const scans = (await readdir(testInfo.outputDir)).filter((f) => /^scan-\d+\.png$/.test(f)).sort();
  const scan = path.join(testInfo.outputDir, scans.at(-1)!);

  await page.getByRole('row').filter({ hasText: 'Draft' }).getByRole('button', { name: /^Record a paper signature/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Record a paper signature' });
  await expect(dialog.getByLabel('Signed by', { exact: true })).toHaveValue('Maria Lopez');
  await dialog.getByRole('button', { name: 'Record paper signature' }).click();
  await expect(dialog.getByLabel('Scan or photo of the signed form')).toHaveAccessibleDescription(/Attach the scan or photo of the signed form/);
  await dialog.getByLabel('Scan or photo of the signed form').setInputFiles(scan);
  await expect(dialog.getByLabel('Date written on the form')).toHaveValue(dayOf(new Date(), workstationTimeZone()));
  await dialog.getByLabel(/I attest that this scan is of the original paper form/).check();
  await dialog.getByLabel('Your password').fill(frontDesk.password);
  await expectAccessible(page, 'record a paper signature');
  await snapshot(page, testInfo, '01-record-paper-signature');
  await dialog.getByRole('button', { name: 'Record paper signature' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The paper signature is recorded' })).toBeVisible();

  // Active, and marked as signed on paper.
  const final = page.getByRole('row').filter({ hasText: 'Active' });
  await final.getByRole('link', { name: /^Open/ }).click();
  const summary = page.getByRole('region', { name: 'Summary' });
  await expect(summary.getByRole('definition').getByText('Active', { exact: true })).toBeVisible();
  await expect(summary).toContainText('By Maria Lopez, on paper, dated');
  await expect(summary).toContainText('PNG image, 1 page, kept in the signed PDF');
  await expectAccessible(page, 'paper-signed authorization');
  const signed = await saveDownload(page, page.getByRole('button', { name: 'Save patient’s copy' }), testInfo, 'paper-signed.pdf');
  const signedPdf = readPdf(signed.bytes);
  expect(signedPdf.signature).toContain('Signature is Valid');
  expect(signedPdf.text).toContain('Scan of the signed paper form');
  expect(signedPdf.text).toContain('Attested by Fran Front (fran)');
  await signOut(page);

  // Marketing links a post to it: the check sees it as covering.
  await callHost(host, 'session.signIn', { username: marketer.username, password: marketer.password });
  await callHost(host, 'testimonials.create', { patientId: patientIds[0]!, title: 'Back on the stairs', quote: 'I can climb stairs again.' });
  await callHost(host, 'session.signOut', {});
  await signIn(page, marketer.username, marketer.password);
  await goTo(page, 'Testimonials');
  await page.getByRole('link', { name: 'Plan a post with “Back on the stairs”' }).click();
  await expect(page.getByRole('heading', { name: 'New post', level: 1 })).toBeVisible();
  await expect(page.getByRole('radio', { name: /^Active · signed / })).toBeChecked();
  await page.getByLabel('Channel', { exact: true }).selectOption({ label: 'Facebook' });
  await page.getByRole('textbox', { name: 'Caption' }).fill('Maria is back on the stairs!');
  const verdict = page.getByRole('complementary', { name: 'May this be posted?' }).getByRole('status');
  await expect(verdict).toContainText('Covered by the consent');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved the draft.' })).toBeVisible();
  await signOut(page);

  // The privacy officer exports the period; the bundle holds the paper-signed PDF and verifies.
  await signIn(page, admin.username, admin.password);
  await goTo(page, 'Export for audit');
  const today = dayOf(new Date(), workstationTimeZone());
  await page.getByLabel('From', { exact: true }).fill(today);
  await page.getByLabel('To', { exact: true }).fill(today);
  await page.getByRole('button', { name: 'Start export' }).click();
  const ready = page.getByRole('region', { name: 'Bundle ready' });
  await expect(ready).toBeVisible();
  await expect(fact(ready, 'Contents')).toHaveText(/^1 authorization, 0 revocation acknowledgments, 1 post and \d+ audit events$/);
  const bundle = (await fact(ready, 'Saved in').textContent())!;
  const check = await runConsentDesk(['verify-bundle', bundle]);
  expect(check.stderr).toBe('');
  expect(check.code).toBe(0);
  expect(check.stdout).toContain('Checked: ');
  expect(check.stdout).toContain('1 PDF signatures');
  const { readZip } = await import('../../electron/backend/testing/zip-tools');
  const pdfs = [...(await readZip(bundle)).entries()].filter(([name]) => name.endsWith('.pdf'));
  expect(pdfs).toHaveLength(1);
  expect(pdfs[0]![1].equals(signed.bytes)).toBe(true);
});

test('the privacy officer publishes wording only when it is complete, and sees what changes', async ({ page, host }, testInfo) => {
  await seedFrontDesk(host);
  await openApp(page, host);
  await signIn(page, admin.username, admin.password);
  await goTo(page, 'Wording');
  await expect(page.getByRole('table')).toContainText('In force');
  const revocation = page.getByLabel('Right to revoke: text', { exact: true });
  await expect(revocation).toHaveValue(/\{\{revocationContact\}\}/);
  const preview = page.getByRole('region', { name: 'Preview with a sample patient' });
  await expect(preview).toContainText('45 Elm Street, Suite 2, Springfield, IL 62704');

  // The revocation statement loses where to send it: named at once, and refused on publish.
  await revocation.fill('I may cancel this authorization at any time by telling the practice.');
  await expect(page.getByText(/parts? (is|are) missing; it cannot be published yet/)).toBeVisible();
  const changes = page.getByRole('region', { name: 'Changes from version 1' });
  await expect(changes.locator('del').first()).toBeVisible();
  await page.getByRole('button', { name: 'Publish English version 2' }).click();
  const refused = page.getByRole('alert').filter({ hasText: 'This wording cannot be published' });
  await expect(refused).toContainText('The right-to-revoke statement must contain {{revocationContact}}');
  await expect(refused).toBeFocused();
  await expect(revocation).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'wording refused');
  await snapshot(page, testInfo, '02-wording-refused');

  // Put it back, say a word more, and publish: version 2 is in force.
  await page.getByRole('button', { name: 'Start again from version 1' }).click();
  const intro = page.getByLabel('Introduction', { exact: true });
  await intro.fill(`${await intro.inputValue()} Thank you for sharing your story.`);
  await expect(changes.locator('ins')).toContainText('Thank you for sharing your story.');
  await expect(preview).toContainText('Thank you for sharing your story.');
  await expect(page.getByText('Complete: every required statement and placeholder is in the draft.')).toBeVisible();
  await page.getByRole('button', { name: 'Publish English version 2' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'English version 2 is published and in force.' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'In force' })).toContainText('2');

  // Spanish has its own versions.
  await page.getByLabel('Spanish (Español)').check();
  await expect(page.getByRole('heading', { name: 'Draft of Spanish version 2' })).toBeVisible();
  await expect(page.getByLabel('Right to revoke: text', { exact: true })).toHaveValue(/por escrito/);
});
