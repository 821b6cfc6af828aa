import { readFile, rm, truncate, writeFile } from 'node:fs/promises';
import exifr from 'exifr';
import type { Page, TestInfo } from '@playwright/test';
import { photoWithGps } from '../../electron/backend/testing/fixture-photo';
import { expectAccessible, goTo, openApp, signIn, snapshot } from './fixtures';
import { expect, frontDesk, marketer, recordRevocation, test } from './marketing-practice';

const caption = 'Maria is back on the stairs! “I can climb stairs again.”';

/** A full-page screenshot from the top, so the sticky verdict panel sits where a reader first sees it. */
async function snapshotFromTop(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  await snapshot(page, testInfo, name);
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
}

/** The front desk records Maria's written revocation on her patient record. */
async function revokeMariasConsent(page: Page): Promise<void> {
  await goTo(page, 'Patients');
  await recordRevocation(page, 'Maria', 'Maria Lopez');
}

test('a photo loses its GPS data on import; a post outside the consent is refused, fixed, published, and flagged for take-down when the consent is revoked', async ({
  page,
  host,
}, testInfo) => {
  await openApp(page, host);
  await signIn(page, marketer.username, marketer.password);
  // Nothing to take down yet: Home says so and leads to the dashboard.
  await expect(page.getByRole('region', { name: 'Marketing' })).toContainText('No published post needs to come down.');

  // A testimonial for Maria: marketing chooses her by name only.
  await goTo(page, 'Testimonials');
  await expectAccessible(page, 'testimonials (empty)');
  await page.getByLabel('Find a patient').fill('lop');
  const patient = page.getByLabel('Patient', { exact: true });
  await expect(patient.getByRole('option')).toHaveText(['Choose a patient (1 found)', 'Maria Lopez']);
  await patient.selectOption({ label: 'Maria Lopez' });
  await page.getByLabel('Title', { exact: true }).fill('Back on the stairs');
  await page.getByLabel('Quote or story').fill('I can climb stairs again. Thank you all!');
  await page.getByRole('button', { name: 'Record testimonial' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Recorded “Back on the stairs” for Maria Lopez.' })).toBeVisible();
  const card = page.getByRole('region', { name: 'Back on the stairs' });
  await expect(card.getByRole('heading', { name: 'Back on the stairs' })).toBeFocused();

  // A file that is not an image, then one that is too large: clear errors on the file field.
  const file = card.getByLabel('File', { exact: true });
  await file.setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('these are my notes, not a photo') });
  await card.getByRole('button', { name: 'Import file' }).click();
  await expect(file).toHaveAccessibleDescription(/That file is not a readable image\. Choose a JPEG, PNG or WebP photo\./);
  await expect(file).toBeFocused();
  const huge = testInfo.outputPath('huge-video.mp4');
  await writeFile(huge, '');
  await truncate(huge, 51 * 1024 * 1024);
  await file.setInputFiles(huge);
  await expect(card.getByLabel('Kind', { exact: true })).toHaveValue('video');
  await card.getByRole('button', { name: 'Import file' }).click();
  await expect(file).toHaveAccessibleDescription(/That file is 51 MB; the limit is 50 MB\./);
  await rm(huge);

  // A photo straight from a phone, with its GPS position, dates and camera in EXIF.
  const original = await photoWithGps();
  expect(await exifr.gps(original)).toMatchObject({ latitude: expect.any(Number), longitude: expect.any(Number) });
  await file.setInputFiles({ name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: original });
  await expect(card.getByLabel('Kind', { exact: true })).toHaveValue('photo');
  await card.getByRole('button', { name: 'Import file' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported IMG_2041.jpg into “Back on the stairs”.' })).toBeVisible();
  await expect(card.getByRole('img', { name: 'Photo IMG_2041.jpg' })).toBeVisible();
  await expect(file).toHaveValue('');
  await expect(card.getByText(/^Removed on import: GPS position, dates, camera details, EXIF/)).toBeVisible();
  await expectAccessible(page, 'testimonials');
  await snapshot(page, testInfo, '01-testimonial-with-photo');

  // The list below (James's story was there already): each row with its media counted, found by a word of the patient's name whatever the accents.
  const list = page.getByRole('table', { name: /^Testimonials \(\d\)$/ });
  await expect(list).toHaveAccessibleName('Testimonials (2)');
  await expect(list.getByRole('row').filter({ hasText: 'Back on the stairs' })).toContainText(/Back on the stairs\s*Maria Lopez\s*1\s*/);
  await expect(page.getByRole('status').filter({ hasText: /^2 testimonials$/ })).toBeVisible();
  const find = page.getByRole('searchbox', { name: 'Find a testimonial' });
  await find.fill('LÓPEZ');
  await expect(list).toHaveAccessibleName('Testimonials (1)');
  await expect(list.getByRole('row')).toHaveCount(2);
  await find.fill('knee');
  await expect(page.getByRole('status').filter({ hasText: /^No testimonial matches that search/ })).toBeVisible();
  await expectAccessible(page, 'testimonials (no match)');
  await find.fill('');
  await expect(list.getByRole('row')).toHaveCount(3);

  // The stored copy, saved as a user would: no GPS position, no dates, no EXIF at all.
  const downloading = page.waitForEvent('download');
  await card.getByRole('button', { name: 'Save a copy of IMG_2041.jpg' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('IMG_2041.jpg');
  const exported = await readFile((await download.path())!);
  expect(exported.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  expect(await exifr.gps(exported)).toBeUndefined();
  expect(await exifr.parse(exported, { tiff: true, exif: true, gps: true, xmp: true, iptc: true })).toBeUndefined();

  // A post for TikTok, which the consent does not list.
  await card.getByRole('link', { name: 'Plan a post with “Back on the stairs”' }).click();
  await expect(page.getByRole('heading', { name: 'New post', level: 1 })).toBeVisible();
  // The choice lists a page of testimonials found by words; the one chosen stays listed and chosen whatever is typed.
  const testimonialChoice = page.getByLabel('Testimonial', { exact: true });
  await expect(testimonialChoice.locator('option:checked')).toHaveText('Back on the stairs (Maria Lopez)');
  await expect(testimonialChoice.getByRole('option')).toHaveCount(3);
  const findTestimonial = page.getByRole('searchbox', { name: 'Find a testimonial' });
  await findTestimonial.fill('no such words');
  await expect(testimonialChoice).toHaveAccessibleDescription('No testimonial has these words in its title or its patient’s name.');
  await expect(testimonialChoice.getByRole('option')).toHaveText(['Choose a testimonial', 'Back on the stairs (Maria Lopez)']);
  await expect(testimonialChoice.locator('option:checked')).toHaveText('Back on the stairs (Maria Lopez)');
  await findTestimonial.fill('');
  await expect(testimonialChoice.getByRole('option')).toHaveCount(3);
  const panel = page.getByRole('complementary', { name: 'May this be posted?' });
  const verdict = panel.getByRole('status');
  await expect(verdict).toContainText('Choose the channel');
  // Her one consent in effect is proposed, with what it allows.
  const consent = page.getByRole('radio', { name: /^Active · signed .* · expires on / });
  await expect(consent).toBeChecked();
  await expect(consent).toHaveAccessibleDescription(/Photographs.*Facebook, Instagram/);
  await page.getByLabel('Channel', { exact: true }).selectOption({ label: 'TikTok' });
  await page.getByRole('textbox', { name: 'Caption' }).fill(caption);
  await page.getByRole('checkbox', { name: /IMG_2041\.jpg/ }).check();
  await expect(verdict).toContainText('Not covered');
  await expect(verdict.getByRole('listitem')).toHaveText(['TikTok is not among the channels the patient allowed.']);
  await expect(panel).toContainText('First name, photographs and written testimonial.');
  // What the caption reveals, marked where it is.
  await expect(panel.locator('mark')).toHaveText(['Maria (note 1)']);
  await expect(panel.getByRole('listitem').filter({ hasText: 'The patient’s first name.' })).toHaveCount(1);

  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('heading', { name: 'Post: Back on the stairs on TikTok', level: 1 })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Saved the draft.' })).toBeVisible();
  await page.getByRole('button', { name: 'Approve' }).click();
  const refused = page.getByRole('alert').filter({ hasText: 'cannot be approved' });
  await expect(refused).toContainText('TikTok is not among the channels the patient allowed.');
  await expect(refused).toBeFocused();
  await expect(page.getByText('State: Draft')).toBeVisible();
  await expectAccessible(page, 'post editor (not covered)');
  await snapshotFromTop(page, testInfo, '02-post-editor-not-covered');

  // Facebook is allowed: the panel turns green, and approval goes through.
  await page.getByLabel('Channel', { exact: true }).selectOption({ label: 'Facebook' });
  await expect(verdict).toContainText('Covered by the consent');
  await expect(verdict.getByRole('listitem')).toHaveCount(0);
  await expectAccessible(page, 'post editor (covered)');
  await snapshotFromTop(page, testInfo, '03-post-editor-covered');
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Approved.' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Post: Back on the stairs on Facebook', level: 1 })).toBeVisible();
  await expect(page.getByText('State: Approved')).toBeVisible();

  await page.getByRole('button', { name: 'Record publication' }).click();
  const publish = page.getByRole('dialog', { name: 'Record the publication' });
  await expect(publish.getByLabel('Published on')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await publish.getByLabel('Post address').fill('not a link');
  await publish.getByRole('button', { name: 'Record publication' }).click();
  await expect(publish.getByLabel('Post address')).toHaveAttribute('aria-invalid', 'true');
  await publish.getByLabel('Post address').fill('https://www.facebook.com/riverside/posts/1');
  await publish.getByRole('button', { name: 'Record publication' }).click();
  await expect(publish).toHaveCount(0);
  await expect(page.getByText('State: Published')).toBeVisible();
  // The address is a link the shell opens in the system's browser, never inside the app.
  const link = page.getByRole('link', { name: 'https://www.facebook.com/riverside/posts/1' });
  await link.click();
  await expect(page.getByRole('status').filter({ hasText: 'copy the address into your browser' })).toBeVisible();
  expect(host.openedLinks).toEqual(['https://www.facebook.com/riverside/posts/1']);
  expect(page.url()).toContain(host.origin);
  // Published: the post can no longer be changed, only taken down.
  await expect(page.getByRole('textbox', { name: 'Caption' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Record take-down' })).toBeVisible();
  await expectAccessible(page, 'post (published)');
  await snapshotFromTop(page, testInfo, '04-post-published');

  await goTo(page, 'Posts');
  const row = page.getByRole('table', { name: /Posts/ }).getByRole('row', { name: /Back on the stairs/ });
  await expect(row.getByRole('cell', { name: 'Published' })).toBeVisible();
  await expect(row.getByRole('cell', { name: 'Covered' })).toBeVisible();
  await expectAccessible(page, 'posts');
  await snapshot(page, testInfo, '05-posts');
  await signOut(page);

  // The front desk records Maria's written revocation.
  await signIn(page, frontDesk.username, frontDesk.password);
  await revokeMariasConsent(page);
  await signOut(page);

  // Marketing sees it at once: on Home, and at the top of the dashboard.
  await signIn(page, marketer.username, marketer.password);
  await expect(page.getByRole('region', { name: 'Marketing' })).toContainText('1 published post needs to be taken down.');
  await page.getByRole('link', { name: 'Open the marketing dashboard' }).click();
  await expect(page.getByRole('heading', { name: 'Marketing dashboard', level: 1 })).toBeVisible();
  const takedowns = page.getByRole('region', { name: 'Take-down required (1)' });
  await expect(takedowns.getByRole('heading', { name: 'Back on the stairs on Facebook' })).toBeVisible();
  await expect(takedowns).toContainText(/Why: Published on \w+ \d+, \d{4}, on or after the day the revocation was received \(\w+ \d+, \d{4}\): it went out without a valid authorization\./);
  await expect(takedowns).toContainText('https://www.facebook.com/riverside/posts/1');
  // James's consent ends within 30 days, with the post that relies on it.
  const soon = page.getByRole('region', { name: 'Within 30 days (1)' });
  await expect(soon).toContainText('James Carter');
  await expect(soon.getByRole('link', { name: 'The practice website post (Published)' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Posts by state' })).toContainText(/Take-down required\s*1/);
  await expectAccessible(page, 'marketing dashboard');
  await snapshot(page, testInfo, '06-dashboard-takedown-required');

  await takedowns.getByRole('button', { name: /^Record take-down/ }).click();
  const confirm = page.getByRole('dialog', { name: 'Record the take-down' });
  await expectAccessible(page, 'record take-down dialog');
  await confirm.getByRole('button', { name: 'Record take-down' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Recorded that “Back on the stairs” on Facebook was taken down.' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Take-down required (0)' })).toContainText('No published post needs to come down.');
  await expect(page.getByRole('region', { name: 'Posts by state' })).toContainText(/Taken down\s*1/);
});

test('the review-reply checker flags a reply that confirms care and passes a general one', async ({ page, host }, testInfo) => {
  await openApp(page, host);
  await signIn(page, frontDesk.username, frontDesk.password);
  await goTo(page, 'Review replies');
  await expectAccessible(page, 'review replies (empty)');

  const reply = page.getByRole('textbox', { name: 'Your reply' });
  await reply.fill("We're sorry your knee surgery with Dr. Lee on March 3 didn't meet your expectations");
  await page.getByRole('button', { name: 'Check reply' }).click();
  const result = page.getByRole('region', { name: 'Is this reply safe to post?' });
  await expect(result.getByRole('status')).toHaveText('Change this reply before posting: 4 concerns.');
  // "knee surgery" is both a confirmation and care: marked once, explained twice.
  await expect(result.locator('mark')).toHaveText(['your knee surgery (note 1)', 'Dr. Lee (note 3)', 'March 3 (note 4)']);
  await expect(result.getByRole('listitem')).toHaveText([
    'your knee surgery This confirms the reviewer is (or was) a patient.',
    'knee surgery Care, a treatment or a condition: health information about the reviewer.',
    'Dr. Lee A name or a greeting by name: it confirms who the reviewer is.',
    'March 3 A date, day or time of a visit: it confirms the reviewer was seen.',
  ]);
  await expect(result).toContainText('Thank the reviewer, stay general, and invite them to call.');
  await expect(result.getByRole('button', { name: 'Use this reply (English)' })).toBeVisible();
  await expect(result.getByRole('button', { name: 'Use this reply (Spanish)' })).toBeVisible();
  await expectAccessible(page, 'review replies (flagged)');
  await snapshot(page, testInfo, '01-review-reply-flagged');

  await reply.fill('Thank you for your feedback. Please call our office manager so we can help.');
  await page.getByRole('button', { name: 'Check reply' }).click();
  await expect(result.getByRole('status')).toHaveText('Safe to post: nothing in it confirms a patient or mentions care.');
  await expect(result.locator('mark')).toHaveCount(0);
  await expectAccessible(page, 'review replies (safe)');
});

test.describe('at 200% zoom', () => {
  test.use({ viewport: { width: 640, height: 430 }, deviceScaleFactor: 2 });

  async function expectNoSidewaysScrolling(page: Page) {
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
  }

  test('the marketing screens reflow without scrolling sideways', async ({ page, host, practice }, testInfo) => {
    await openApp(page, host);
    await signIn(page, marketer.username, marketer.password);
    await expectNoSidewaysScrolling(page);
    for (const [link, heading, name] of [
      ['Marketing dashboard', 'Marketing dashboard', '01-dashboard-zoomed'],
      ['Testimonials', 'Testimonials', '02-testimonials-zoomed'],
      ['Posts', 'Posts', '03-posts-zoomed'],
      ['Review replies', 'Review replies', '05-replies-zoomed'],
    ] as const) {
      await goTo(page, link, heading);
      await expectNoSidewaysScrolling(page);
      await snapshot(page, testInfo, name);
      if (link === 'Posts') {
        await page.goto(`${host.origin}/#/posts?post=${practice.james.postId}`);
        await expect(page.getByRole('heading', { name: 'Post: Walking the dog again on The practice website', level: 1 })).toBeVisible();
        await expect(page.getByRole('complementary', { name: 'May this be posted?' }).getByRole('status')).toContainText('Covered by the consent');
        await expectNoSidewaysScrolling(page);
        await snapshot(page, testInfo, '04-post-zoomed');
      }
    }
  });
});
