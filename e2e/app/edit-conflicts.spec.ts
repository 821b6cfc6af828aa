import { channelLabels, contentKindLabels } from '../../shared/authorization/scope';
import { frontDesk, seedFrontDesk } from './consents-helpers';
import { callHost, expect, mustCall, openApp, signIn, test } from './fixtures';
import { marketer, test as marketingTest } from './marketing-practice';

/**
 * Two windows on one host, as two workstations on one shared store would be:
 * a correction saved in one is not overwritten by a form opened in the other
 * before it. The form sends the version it was filled from (rowVersion), and
 * the backend refuses a save over a newer change with `conflict`.
 */
const maria = { firstName: 'Maria', lastName: 'Lopez', dateOfBirth: '1984-05-17', recordNumber: 'MRN-20417', phone: null, city: null, email: null };

test('a patient form opened before another window’s correction cannot overwrite it; reopened, it saves', async ({ page, host, context }) => {
  const { patientIds } = await seedFrontDesk(host, [maria]);
  const record = `${host.origin}/#/patients?patient=${encodeURIComponent(patientIds[0]!)}`;
  await openApp(page, host);
  await signIn(page, frontDesk.username, frontDesk.password);
  await page.goto(record);
  await expect(page.getByRole('heading', { name: 'Maria Lopez', level: 1 })).toBeVisible();

  // Window B opens the form first, on the details as they are now.
  const other = await context.newPage();
  await openApp(other, host);
  await other.goto(record);
  await expect(other.getByRole('heading', { name: 'Maria Lopez', level: 1 })).toBeVisible();
  await other.getByRole('button', { name: 'Edit details' }).click();
  const stale = other.getByRole('dialog', { name: 'Edit Maria Lopez’s details' });
  await expect(stale.getByLabel('Phone (optional)')).toBeVisible();

  // Window A corrects the phone number and saves.
  await page.getByRole('button', { name: 'Edit details' }).click();
  const first = page.getByRole('dialog', { name: 'Edit Maria Lopez’s details' });
  await first.getByLabel('Phone (optional)').fill('(555) 201-3344');
  await first.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The patient’s details are saved.' })).toBeVisible();

  // Window B's save, on the older copy, is refused and says why; the form keeps what was typed.
  await stale.getByLabel('Email (optional)').fill('maria@example.org');
  await stale.getByRole('button', { name: 'Save details' }).click();
  await expect(stale.getByRole('alert')).toContainText('Someone else changed this patient while you were editing.');
  await expect(stale.getByLabel('Email (optional)')).toHaveValue('maria@example.org');

  // Nothing of A's correction was lost.
  await page.reload();
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('(555) 201-3344');

  // Reopened, B's form starts from the current details and its change saves beside A's.
  await stale.getByRole('button', { name: /Cancel|Close/ }).first().click();
  await other.reload();
  await other.getByRole('button', { name: 'Edit details' }).click();
  const fresh = other.getByRole('dialog', { name: 'Edit Maria Lopez’s details' });
  await expect(fresh.getByLabel('Phone (optional)')).toHaveValue('(555) 201-3344');
  await fresh.getByLabel('Email (optional)').fill('maria@example.org');
  await fresh.getByRole('button', { name: 'Save details' }).click();
  await expect(other.getByRole('status').filter({ hasText: 'The patient’s details are saved.' })).toBeVisible();
  const details = other.getByRole('region', { name: 'Details' });
  await expect(details).toContainText('(555) 201-3344');
  await expect(details).toContainText('maria@example.org');
});

test('a draft authorization saves again and again in its own window, but a window on an older copy cannot overwrite it', async ({ page, host, context }) => {
  const { patientIds } = await seedFrontDesk(host, [maria]);
  await openApp(page, host);
  await signIn(page, frontDesk.username, frontDesk.password);
  await page.goto(`${host.origin}/#/patients?patient=${encodeURIComponent(patientIds[0]!)}`);
  await page.getByRole('link', { name: 'New authorization' }).click();
  await expect(page.getByRole('heading', { name: 'New authorization for Maria Lopez', level: 1 })).toBeFocused();
  const kinds = page.getByRole('group', { name: 'What information may be used' });
  const places = page.getByRole('group', { name: 'Where it may appear' });
  await kinds.getByLabel(contentKindLabels.en.written_testimonial, { exact: true }).check();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page).toHaveURL(/#\/patients\?draft=/);
  await expect(page.getByRole('status').filter({ hasText: /Draft saved at/ })).toBeVisible();
  const draftUrl = page.url();

  // Saved again and again on one screen, each save goes on from the version the one before made.
  await page.reload();
  await places.getByLabel(channelLabels.en.facebook, { exact: true }).check();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Draft saved at/ })).toBeVisible();
  await places.getByLabel(channelLabels.en.instagram, { exact: true }).check();
  // The same words as the save before say it is saved: wait for the call's answer itself.
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/call/consents.updateDraft'));
  await page.getByRole('button', { name: 'Save draft' }).click();
  expect(await (await answered).json()).toMatchObject({ ok: true });
  await page.reload();
  await expect(places.getByLabel(channelLabels.en.facebook, { exact: true })).toBeChecked();
  await expect(places.getByLabel(channelLabels.en.instagram, { exact: true })).toBeChecked();

  // Window B opens the draft; A then changes it.
  const other = await context.newPage();
  await openApp(other, host);
  await other.goto(draftUrl);
  const otherPlaces = other.getByRole('group', { name: 'Where it may appear' });
  await expect(otherPlaces.getByLabel(channelLabels.en.facebook, { exact: true })).toBeChecked();
  await kinds.getByLabel(contentKindLabels.en.photographs, { exact: true }).check();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Draft saved at/ })).toBeVisible();

  // B's save on its older copy is refused, and A's change stays.
  await otherPlaces.getByLabel(channelLabels.en.website, { exact: true }).check();
  await other.getByRole('button', { name: 'Save draft' }).click();
  await expect(other.getByRole('alert').first()).toContainText('Someone else changed this authorization');
  await page.reload();
  await expect(kinds.getByLabel(contentKindLabels.en.photographs, { exact: true })).toBeChecked();
  await expect(places.getByLabel(channelLabels.en.website, { exact: true })).not.toBeChecked();
});

test('a draft discarded from a window on an older copy is refused; the window that saved it last discards it', async ({ page, host, context }) => {
  const { patientIds } = await seedFrontDesk(host, [maria]);
  await openApp(page, host);
  await signIn(page, frontDesk.username, frontDesk.password);
  await page.goto(`${host.origin}/#/patients?patient=${encodeURIComponent(patientIds[0]!)}`);
  await page.getByRole('link', { name: 'New authorization' }).click();
  await page.getByRole('group', { name: 'What information may be used' }).getByLabel(contentKindLabels.en.written_testimonial, { exact: true }).check();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page).toHaveURL(/#\/patients\?draft=/);
  const draftUrl = page.url();
  const draftId = decodeURIComponent(new URL(draftUrl).hash.split('draft=')[1]!);
  // A opens the draft as saved; B opens it too.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Discard draft' })).toBeVisible();
  const other = await context.newPage();
  await openApp(other, host);
  await other.goto(draftUrl);
  await expect(other.getByRole('button', { name: 'Discard draft' })).toBeVisible();

  // A changes the draft and saves; its screen goes on from the version it saved.
  await page.getByRole('group', { name: 'Where it may appear' }).getByLabel(channelLabels.en.facebook, { exact: true }).check();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Draft saved at/ })).toBeVisible();

  // B, on the copy before that change, cannot discard it.
  await other.getByRole('button', { name: 'Discard draft' }).click();
  const otherDialog = other.getByRole('dialog', { name: 'Discard this draft?' });
  await otherDialog.getByRole('button', { name: 'Discard draft' }).click();
  await expect(otherDialog.getByRole('alert')).toContainText(/changed/);
  expect((await mustCall(host, 'consents.get', { id: draftId })).stage).toBe('draft');

  // A discards it without reloading: it names the version it saved.
  await page.getByRole('button', { name: 'Discard draft' }).click();
  await page.getByRole('dialog', { name: 'Discard this draft?' }).getByRole('button', { name: 'Discard draft' }).click();
  await expect(page).toHaveURL(/#\/patients\?patient=/);
  expect((await callHost(host, 'consents.get', { id: draftId })).body).toMatchObject({ ok: false, error: { code: 'not_found' } });
});

marketingTest('a post edited in two windows: the save on the older copy is refused and the other caption stays', async ({ page, host, practice, context }) => {
  await openApp(page, host);
  await signIn(page, marketer.username, marketer.password);
  const story = await mustCall(host, 'testimonials.create', { patientId: practice.maria.id, title: 'Back on the trail', quote: 'I hiked again this spring.' });
  const post = await mustCall(host, 'posts.create', {
    testimonialId: story.id,
    consentId: practice.maria.consentId,
    channel: 'facebook',
    caption: 'Maria is back on the trail.',
    mediaIds: [],
    purpose: 'advertising',
    thirdPartyPays: false,
    extraContentKinds: [],
  });
  const url = `${host.origin}/#/posts?post=${encodeURIComponent(post.id)}`;
  await page.goto(url);
  const caption = page.getByRole('textbox', { name: 'Caption' });
  await expect(caption).toHaveValue('Maria is back on the trail.');

  // Window B starts a change of its own, not yet saved.
  const other = await context.newPage();
  await openApp(other, host);
  await other.goto(url);
  const otherCaption = other.getByRole('textbox', { name: 'Caption' });
  await expect(otherCaption).toHaveValue('Maria is back on the trail.');
  await otherCaption.fill('Maria hiked again this spring.');

  // A saves first.
  await caption.fill('Maria is hiking again.');
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/call/posts.update'));
  await page.getByRole('button', { name: 'Save draft' }).click();
  expect(await (await answered).json()).toMatchObject({ ok: true });

  // B's save over it is refused; what B typed is still on its screen.
  await other.getByRole('button', { name: 'Save draft' }).click();
  await expect(other.getByRole('alert').first()).toContainText('Someone else changed this post');
  await expect(otherCaption).toHaveValue('Maria hiked again this spring.');
  await page.reload();
  await expect(caption).toHaveValue('Maria is hiking again.');
});
