import type { Page } from '@playwright/test';
import { callHost, expect, expectAccessible, openApp, signIn, snapshot, test } from './fixtures';
import { drawSignature, frontDesk, seedFrontDesk, tick } from './consents-helpers';
import { channelLabels, contentKindLabels, purposeLabels } from '../../shared/authorization/scope';
import { builtInTemplates } from '../../shared/authorization/template';

const tomas = { firstName: 'Tomás', lastName: 'Ruiz', dateOfBirth: '1970-10-02', recordNumber: null, phone: null, email: null, city: null };

test('patient mode holds: no way out without a staff password, and an empty or trivial signature is refused', async ({ page, host }) => {
  await seedFrontDesk(host, [tomas]);
  await openApp(page, host);
  await signIn(page, frontDesk.username, frontDesk.password);
  await page.goto(`${host.origin}/#/patients`);
  await page.getByRole('searchbox', { name: 'Find a patient' }).fill('ruiz');
  await page.getByRole('link', { name: 'Tomás Ruiz' }).click();
  await page.getByRole('link', { name: 'New authorization' }).click();
  await tick(page, 'What information may be used', [contentKindLabels.en.written_testimonial]);
  await tick(page, 'Where it may appear', [channelLabels.en.website]);
  await tick(page, 'Why it will be used', [purposeLabels.en.patient_education]);
  await expect(page.getByText('Complete: every required part is filled in.')).toBeVisible();
  await page.getByRole('button', { name: 'Hand the screen to the patient' }).click();
  const title = page.getByRole('heading', { name: builtInTemplates.en.title, level: 1 });
  await expect(title).toBeVisible();

  // Leaving needs the staff password: none, then a wrong one.
  await page.getByRole('button', { name: 'Leave patient mode' }).click();
  const leave = page.getByRole('dialog', { name: 'Leave patient mode' });
  await leave.getByRole('button', { name: 'Leave patient mode' }).click();
  await expect(leave.getByLabel('Staff password')).toHaveAccessibleDescription(/Enter your password\./);
  await expect(leave.getByLabel('Staff password')).toBeFocused();
  await leave.getByLabel('Staff password').fill('I am the patient');
  await leave.getByRole('button', { name: 'Leave patient mode' }).click();
  await expect(leave.getByRole('alert')).toHaveText('That password is not right.');
  await expectAccessible(page, 'leave patient mode dialog');
  await leave.getByRole('button', { name: 'Stay in patient mode' }).click();
  await expect(leave).toHaveCount(0);
  await expect(title).toBeVisible();
  await expect(page.getByRole('navigation')).toHaveCount(0);

  // No other screen by address, and the backend refuses other calls whoever makes them.
  await page.goto(`${host.origin}/#/staff`);
  await expect(title).toBeVisible();
  await expect(page.getByRole('navigation')).toHaveCount(0);
  const refused = await callHost(host, 'patients.search', { query: '' });
  expect(refused.status).toBe(403);
  expect(refused.body).toMatchObject({ ok: false, error: { code: 'forbidden' } });

  // Signing: the contract's checks first, then the backend's judgement of the signature.
  const sign = page.getByRole('button', { name: 'Sign', exact: true });
  const alert = page.getByRole('form', { name: 'Sign the authorization' }).getByRole('alert');
  const box = page.getByRole('img', { name: 'Signature box' });
  await sign.click();
  await expect(page.getByLabel('Type your full name')).toHaveAccessibleDescription(/Type your full name\./);
  await expect(page.getByLabel('I agree to sign electronically')).toHaveAccessibleDescription('Tick the box to agree to sign electronically.');
  await page.getByLabel('Type your full name').fill('Tomás Ruiz');
  await page.getByLabel('I agree to sign electronically').check();
  await sign.click();
  await expect(alert).toHaveText('Please sign in the box: it is empty.');
  await expect(alert).toBeFocused();
  await expect(box).toHaveAccessibleDescription(/Please sign in the box: it is empty\./);

  // A dot is not a signature either.
  await box.scrollIntoViewIfNeeded();
  const bounds = (await box.boundingBox())!;
  await page.mouse.click(bounds.x + bounds.width / 2, bounds.y + bounds.height / 2);
  await sign.click();
  await expect(alert).toHaveText('That mark is too small to be a signature. Please sign your name across the box.');

  // Drawn, then cleared: empty again. Drawn, then undone stroke by stroke: empty again.
  await page.getByRole('button', { name: 'Clear' }).click();
  await drawSignature(page, box);
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The signature box is empty.' })).toBeAttached();
  await sign.click();
  await expect(alert).toHaveText('Please sign in the box: it is empty.');
  await drawSignature(page, box);
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Undo' }).click();
  await sign.click();
  await expect(alert).toHaveText('Please sign in the box: it is empty.');

  // The typed name must be the signer's.
  await drawSignature(page, box);
  await page.getByLabel('Type your full name').fill('Somebody Else');
  await sign.click();
  await expect(page.getByLabel('Type your full name')).toHaveAccessibleDescription(/Type the signer’s full name as it is written on the authorization: Tomás Ruiz\./);
  await expectAccessible(page, 'patient mode with errors');

  // The staff password takes the screen back: the draft is there, unsigned.
  await page.getByRole('button', { name: 'Leave patient mode' }).click();
  await leave.getByLabel('Staff password').fill(frontDesk.password);
  await leave.getByRole('button', { name: 'Leave patient mode' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Authorization draft for Tomás Ruiz', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Back to Tomás Ruiz’s record' }).click();
  const row = page.getByRole('table', { name: /Authorizations of Tomás Ruiz/ }).getByRole('row').nth(1);
  await expect(row.getByText('Draft', { exact: true })).toBeVisible();
  await expect(row.getByRole('link', { name: /Continue draft/ })).toBeVisible();
});

test.describe('at 200% zoom', () => {
  test.use({ viewport: { width: 640, height: 430 }, deviceScaleFactor: 2 });

  async function expectNoSidewaysScrolling(page: Page, screen: string) {
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow, `sideways scrolling on the ${screen} screen`).toBeLessThanOrEqual(0);
  }

  test('the consent screens reflow, and a signature drawn on a high-density screen is accepted', async ({ page, host }, testInfo) => {
    await seedFrontDesk(host, [tomas]);
    await openApp(page, host);
    await signIn(page, frontDesk.username, frontDesk.password);
    await page.goto(`${host.origin}/#/patients`);
    await expect(page.getByRole('link', { name: 'Tomás Ruiz' })).toBeVisible();
    await expectNoSidewaysScrolling(page, 'patients');
    await page.getByRole('link', { name: 'Tomás Ruiz' }).click();
    await page.getByRole('link', { name: 'New authorization' }).click();
    await tick(page, 'What information may be used', [contentKindLabels.en.first_name, contentKindLabels.en.photographs]);
    await tick(page, 'Where it may appear', [channelLabels.en.facebook]);
    await tick(page, 'Why it will be used', [purposeLabels.en.advertising]);
    await expect(page.getByText('Complete: every required part is filled in.')).toBeVisible();
    await expectNoSidewaysScrolling(page, 'authorization preparation');
    await snapshot(page, testInfo, '01-preparation-zoomed');
    await page.getByRole('button', { name: 'Hand the screen to the patient' }).click();
    await expect(page.getByRole('heading', { name: builtInTemplates.en.title, level: 1 })).toBeVisible();
    await expectNoSidewaysScrolling(page, 'patient mode');
    await page.getByLabel('Type your full name').fill('Tomás Ruiz');
    await page.getByLabel('I agree to sign electronically').check();
    await drawSignature(page, page.getByRole('img', { name: 'Signature box' }));
    await page.getByRole('group', { name: 'Your signature' }).screenshot({ path: testInfo.outputPath('02-signature-zoomed.png') });
    await page.getByRole('button', { name: 'Sign', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Thank you' })).toBeVisible();
    await page.getByLabel('Your password').fill(frontDesk.password);
    await page.getByRole('button', { name: 'Confirm as witness' }).click();
    await expect(page.getByRole('heading', { name: 'Authorization for Tomás Ruiz', level: 1 })).toBeVisible();
    await expectNoSidewaysScrolling(page, 'final authorization');
    await page.getByRole('link', { name: 'Back to Tomás Ruiz’s record' }).click();
    await expect(page.getByRole('table', { name: /Authorizations of Tomás Ruiz/ })).toBeVisible();
    await expectNoSidewaysScrolling(page, 'patient record');
    await snapshot(page, testInfo, '03-record-zoomed');
  });
});
