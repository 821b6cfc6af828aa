import { contentKindLabels } from '../../shared/authorization/scope';
import { frontDesk, seedFrontDesk, tick } from './consents-helpers';
import { expect, openApp, signIn, test } from './fixtures';

const tomas = { firstName: 'Tomás', lastName: 'Ruiz', dateOfBirth: '1970-10-02', recordNumber: null, phone: null, email: null, city: null };

test('unsaved changes to an authorization are not lost to a stray click or a reload without a question', async ({ page, host }) => {
  const { patientIds } = await seedFrontDesk(host, [tomas]);
  await openApp(page, host);
  await signIn(page, frontDesk.username, frontDesk.password);
  await page.goto(`${host.origin}/#/patients?prepare=${patientIds[0]}`);
  const heading = page.getByRole('heading', { name: 'New authorization for Tomás Ruiz', level: 1 });
  await expect(heading).toBeVisible();

  // Nothing changed yet: leaving asks nothing.
  const questions: string[] = [];
  page.on('dialog', (dialog) => {
    questions.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
  expect(questions).toEqual([]);

  await page.goBack();
  await expect(heading).toBeVisible();
  await tick(page, 'What information may be used', [contentKindLabels.en.written_testimonial]);

  // A link elsewhere asks; "no" stays, with the tick still there.
  await page.getByRole('link', { name: 'Home' }).click();
  await expect.poll(() => questions.length).toBe(1);
  expect(questions[0]).toBe('confirm: This authorization has changes that are not saved. Leave without saving them?');
  await expect(heading).toBeVisible();
  await expect(page.getByLabel(contentKindLabels.en.written_testimonial, { exact: true })).toBeChecked();

  // A reload asks too (the browser's own question); dismissed, the page stays as it was.
  // (Started from the page, not page.reload(), which would wait for a navigation that the answer cancels.)
  await page.evaluate('setTimeout(() => location.reload(), 0)');
  await expect.poll(() => questions.some((q) => q.startsWith('beforeunload'))).toBe(true);
  await expect(page.getByLabel(contentKindLabels.en.written_testimonial, { exact: true })).toBeChecked();

  // Saved: nothing to ask any more.
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText(/Draft saved at/)).toBeVisible();
  const asked = questions.length;
  await page.getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
  expect(questions.length).toBe(asked);
});
