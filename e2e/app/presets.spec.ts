import { channelLabels, contentKindLabels, purposeLabels } from '../../shared/authorization/scope';
import { builtInTemplates } from '../../shared/authorization/template';
import { frontDesk, seedFrontDesk, tick } from './consents-helpers';
import { admin, expect, expectAccessible, goTo, openApp, signIn, snapshot, test } from './fixtures';

const tomas = { firstName: 'Tomás', lastName: 'Ruiz', dateOfBirth: '1970-10-02', recordNumber: null, phone: null, email: null, city: null };
const name = 'Before-and-after photos on Instagram and the website, one year';

test('an administrator keeps a preset in versions; the front desk starts from it and the patient still sees the whole text', async ({ page, host }, testInfo) => {
  const { patientIds } = await seedFrontDesk(host, [tomas]);
  await openApp(page, host);
  await signIn(page, admin.username, admin.password);
  await goTo(page, 'Authorization presets');

  // The form checks before anything is saved.
  await page.getByRole('button', { name: 'Add preset' }).click();
  await expect(page.getByLabel('Name', { exact: true })).toHaveAccessibleDescription(/Give the preset a name\./);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await tick(page, 'What information may be used', [contentKindLabels.en.before_after_images, contentKindLabels.en.first_name]);
  await tick(page, 'Where it may appear', [channelLabels.en.instagram, channelLabels.en.website]);
  await tick(page, 'Why it will be used', [purposeLabels.en.advertising]);
  await page.getByLabel('Ends after (months)').fill('12');
  await page.getByRole('button', { name: 'Add preset' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Saved “${name}” as version 1.` })).toBeVisible();
  const row = page.getByRole('table', { name: /Presets/ }).getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('1 year');

  // A change is a new version.
  await row.getByRole('button', { name: `Change ${name}` }).click();
  await page.getByLabel('Ends after (months)').fill('6');
  await page.getByRole('button', { name: 'Save as a new version' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Saved “${name}” as version 2.` })).toBeVisible();
  await expect(row).toContainText('6 months');
  await expectAccessible(page, 'authorization presets');
  await snapshot(page, testInfo, '01-presets');
  await page.getByRole('button', { name: 'Sign out' }).click();

  // The front desk starts from the preset: the editor is filled in, the preview says it all.
  await signIn(page, frontDesk.username, frontDesk.password);
  await page.goto(`${host.origin}/#/patients?prepare=${patientIds[0]}`);
  await page.getByLabel('Start from a preset (optional)').selectOption({ label: name });
  await page.getByRole('button', { name: 'Apply preset' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Filled in from “${name}” (version 2).` })).toBeVisible();
  const kinds = page.getByRole('group', { name: 'What information may be used' });
  await expect(kinds.getByLabel(contentKindLabels.en.before_after_images, { exact: true })).toBeChecked();
  await expect(kinds.getByLabel(contentKindLabels.en.video, { exact: true })).not.toBeChecked();
  await expect(page.getByRole('group', { name: 'Where it may appear' }).getByLabel(channelLabels.en.website, { exact: true })).toBeChecked();
  await expect(page.getByText('Complete: every required part is filled in.')).toBeVisible();
  await expectAccessible(page, 'editor with a preset applied');

  // The patient reads the whole authorization the preset produced, not the preset.
  await page.getByRole('button', { name: 'Hand the screen to the patient' }).click();
  await expect(page.getByRole('heading', { name: builtInTemplates.en.title, level: 1 })).toBeVisible();
  const main = page.getByRole('main');
  for (const text of [contentKindLabels.en.before_after_images, channelLabels.en.instagram, channelLabels.en.website, purposeLabels.en.advertising]) {
    await expect(main.getByRole('listitem').filter({ hasText: text }).first()).toBeVisible();
  }
  await expect(main).not.toContainText(name);
});
