import { expectAccessible, goTo, openApp, signIn, snapshot } from './fixtures';
import { expect, marketer, test } from './marketing-practice';

/**
 * What a caption discloses appears beside it while it is typed, each
 * finding with the content kind it needs; approval is refused while any of
 * it lies outside the consent, and identifiers that no marketing
 * authorization should carry block it outright.
 */
test('the caption’s health information, hashtag name and date are shown while typing, and approval is refused', async ({ page, host }, testInfo) => {
  await openApp(page, host);
  await signIn(page, marketer.username, marketer.password);

  await goTo(page, 'Testimonials');
  await page.getByLabel('Find a patient').fill('lop');
  await page.getByLabel('Patient', { exact: true }).selectOption({ label: 'Maria Lopez' });
  await page.getByLabel('Title', { exact: true }).fill('Walking again');
  await page.getByLabel('Quote or story').fill('I walk every morning now. Thank you all!');
  await page.getByRole('button', { name: 'Record testimonial' }).click();
  const card = page.getByRole('region', { name: 'Walking again' });
  await card.getByRole('link', { name: 'Plan a post with “Walking again”' }).click();
  await expect(page.getByRole('heading', { name: 'New post', level: 1 })).toBeVisible();

  const panel = page.getByRole('complementary', { name: 'May this be posted?' });
  const verdict = panel.getByRole('status');
  await page.getByLabel('Channel', { exact: true }).selectOption({ label: 'Facebook' });
  const caption = page.getByRole('textbox', { name: 'Caption' });
  // Typed as a person types, a key at a time: the panel follows.
  await caption.pressSequentially('Maria is walking three miles a day after her knee replacement');
  await expect(panel.locator('mark')).toHaveText(['Maria (note 1)', 'knee replacement (note 2)']);
  await expect(panel.getByRole('listitem').filter({ hasText: 'knee replacement' })).toHaveText(
    'knee replacement A health condition, treatment or procedure: health information. Needs the health condition or treatment in the consent.',
  );
  await expect(verdict).toContainText('Not covered');
  await expect(verdict.getByRole('listitem')).toHaveText(['The consent does not include the patient’s health condition or treatment.']);
  await expectAccessible(page, 'post editor (health information in the caption)');
  await snapshot(page, testInfo, '01-caption-health');

  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('heading', { name: 'Post: Walking again on Facebook', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Approve' }).click();
  const refused = page.getByRole('alert').filter({ hasText: 'cannot be approved' });
  await expect(refused).toContainText('The consent does not include the patient’s health condition or treatment.');
  await expect(refused).toBeFocused();
  await expect(page.getByText('State: Draft')).toBeVisible();

  // A name inside a hashtag, and a date of birth: the full name is outside a first-name consent, and the date blocks.
  await caption.fill('');
  await caption.pressSequentially('Happy birthday! Born 5/17/1984 #MariaLopezStrong');
  await expect(panel.locator('mark')).toHaveText(['5/17/1984 (note 1)', '#MariaLopezStrong (note 2)']);
  await expect(panel.getByRole('listitem').filter({ hasText: '5/17/1984' })).toContainText('Blocks approval. The caption contains a date more precise than the year.');
  await expect(panel).not.toContainText('date of birth');
  await expect(verdict.getByRole('listitem')).toHaveText([
    'The post contains a date more precise than the year: no marketing authorization should carry it. Remove it, or ask an administrator to approve with a written reason.',
    'The consent does not include the patient’s full name.',
  ]);
  await expectAccessible(page, 'post editor (blocking identifier)');
  await snapshot(page, testInfo, '02-caption-identifier');
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'cannot be approved' })).toContainText('no marketing authorization should carry it');
  // Marketing cannot approve identifiers: the button is an administrator's.
  await expect(page.getByRole('button', { name: 'Approve identifiers…' })).toHaveCount(0);
});
