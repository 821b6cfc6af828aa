import { programLanguages } from '../../shared/program-language';
import { expectAccessible, goTo, openApp, signIn, snapshot } from './fixtures';
import { admin, expect, marketer, test } from './compliance-program-practice';

test('the privacy officer records training; marketing takes the quiz, reviews Facebook and asks before posting', async ({ page, host, practice }, testInfo) => {
  test.setTimeout(240_000);
  await openApp(page, host);
  await signIn(page, admin.username, admin.password);

  // Training: the session, its attendees and a material, and each person's status.
  await goTo(page, 'Training');
  const status = page.getByRole('region', { name: 'Training status' });
  await expect(status.getByRole('row', { name: /Mo Market/ })).toContainText('Due within 30 days');
  await page.getByLabel('Trainer').fill('Alex Morgan, privacy officer');
  await page.getByRole('checkbox', { name: 'Mo Market (Marketing)' }).check();
  await page.getByLabel('Materials (optional)').setInputFiles({ name: 'handout.txt', mimeType: 'text/plain', buffer: Buffer.from('Reply without confirming anyone is a patient.\n') });
  await page.getByRole('button', { name: 'Record the session' }).click();
  await expect(page.getByRole('status').filter({ hasText: '1 attendee(s), 1 material(s)' })).toBeVisible();
  await expect(status.getByRole('row', { name: /Mo Market/ })).toContainText('Current');
  await expect(page.getByRole('button', { name: 'handout.txt' })).toBeVisible();
  await expectAccessible(page, 'training');
  await snapshot(page, testInfo, '01-training');

  // The reviews of Facebook, monthly, by marketing.
  await goTo(page, 'Reviews of live posts');
  await expect(page.getByText('Live posts without a review schedule: Facebook.')).toBeVisible();
  await page.getByLabel('Reviewed by').selectOption({ label: 'Mo Market (Marketing)' });
  await page.getByRole('button', { name: 'Save the schedule' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Facebook: every month, by Mo Market.' })).toBeVisible();
  await expectAccessible(page, 'reviews of live posts (officer)');
  await page.getByRole('button', { name: 'Sign out' }).click();

  // Marketing: the quiz, in Spanish.
  await signIn(page, marketer.username, marketer.password);
  await expect(page.getByRole('region', { name: 'Compliance program' })).toContainText('Review due by');
  await goTo(page, 'Policy quiz');
  await page.getByRole('radio', { name: 'Spanish' }).check();
  await expect(page.getByRole('heading', { name: 'Cuestionario sobre la política de redes sociales' })).toBeVisible();
  await page.getByRole('button', { name: 'Hand in the quiz' }).click();
  await expect(page.getByRole('alert')).toContainText('Answer every question: 12 still without an answer.');
  for (const q of programLanguages.es.quiz.questions) {
    await page.getByRole('group', { name: q.prompt }).getByRole('radio', { name: q.choices[q.answer]!, exact: true }).check();
  }
  await expectAccessible(page, 'quiz');
  await page.getByRole('button', { name: 'Hand in the quiz' }).click();
  await expect(page.getByRole('heading', { name: '12 of 12 correct: passed' })).toBeFocused();
  await expectAccessible(page, 'quiz result');

  // The review: every live post confirmed, a removed comment noted.
  await goTo(page, 'Reviews of live posts');
  await page.getByRole('button', { name: /^Review now/ }).click();
  const review = page.getByRole('form', { name: /^Review of Facebook/ });
  await expect(review).toContainText('1 post(s) live on Facebook.');
  await review.getByRole('button', { name: 'Record the review' }).click();
  await expect(review.getByRole('alert')).toContainText('Confirm every live post: 1 still to confirm.');
  await review.getByRole('radio', { name: 'Checked: something needed action (say what)' }).check();
  await review.getByLabel('What needed action, and what was done').fill('Hid a comment naming her surgery.');
  await review.getByRole('button', { name: 'Add a removed comment' }).click();
  await review.getByLabel('What it held').fill('A relative named her knee surgery.');
  await expectAccessible(page, 'review checklist');
  await snapshot(page, testInfo, '02-review');
  await review.getByRole('button', { name: 'Record the review' }).click();
  await expect(page.getByRole('status').filter({ hasText: '1 post(s) confirmed, 1 removed comment(s).' })).toBeVisible();
  await expect(page.getByRole('region', { name: /^Review periods of Facebook/ }).getByRole('row').nth(1)).toContainText('Done');

  // A reply found posted: the checker flags it, and an incident opens.
  await page.getByLabel('The reply, as posted').fill('So glad your root canal went well! See you at your next cleaning.');
  await page.getByLabel('Where it is posted').fill('Google reviews');
  await page.getByRole('button', { name: 'Check the posted reply' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'an incident is open for the privacy officer' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Review replies checked' })).toContainText('Flagged');

  // Ask before posting, on a new draft.
  await page.goto(`${host.origin}/#/posts?post=${practice.approvedPostId}`);
  const thread = page.getByRole('region', { name: 'Ask before posting' });
  await expect(thread).toContainText('Not sent for review');
  await thread.getByLabel('What should the privacy officer look at?').fill('Is her first name fine on Instagram?');
  await thread.getByRole('button', { name: 'Send for review' }).click();
  await expect(thread).toContainText('Waiting for the privacy officer');
  await expectAccessible(page, 'post with its review thread');
  await page.getByRole('button', { name: 'Sign out' }).click();

  // The privacy officer answers from the queue, and sees the program's state.
  await signIn(page, admin.username, admin.password);
  await goTo(page, 'Ask before posting');
  await expectAccessible(page, 'ask before posting (queue)');
  await page.getByRole('link', { name: 'Back on the stairs on Instagram' }).click();
  await thread.getByRole('radio', { name: 'Approve: it may go ahead' }).check();
  await thread.getByLabel('Message to marketing').fill('Fine: she allowed her first name on Instagram.');
  await thread.getByRole('button', { name: 'Send the answer' }).click();
  await expect(thread).toContainText('Approved by the privacy officer');
  await expect(thread).toContainText('Fine: she allowed her first name on Instagram.');

  await goTo(page, 'Compliance program');
  await expect(page.getByRole('heading', { name: /^Overdue \(\d+\)$/ })).toBeVisible();
  await expect(page.getByText('No social-media policy is published yet: publish one so that staff can acknowledge it.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Incidents open or with a notice due' })).toContainText('Posted reply to a review disclosed patient information');
  await expectAccessible(page, 'compliance program');
  await snapshot(page, testInfo, '03-program');
});
