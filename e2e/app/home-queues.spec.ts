import { completeTerms } from '../../shared/authorization/test-terms';
import { patientSignature } from '../../electron/backend/consents/signing-flow';
import { frontDesk, seedFrontDesk } from './consents-helpers';
import { admin, callHost, expect, expectAccessible, openApp, signIn, snapshot, test } from './fixtures';

const maria = { firstName: 'María', lastName: 'González', dateOfBirth: '1979-02-11', recordNumber: null, phone: null, email: null, city: null };
const tomas = { firstName: 'Tomás', lastName: 'Ruiz', dateOfBirth: '1970-10-02', recordNumber: null, phone: null, email: null, city: null };

async function must<T>(result: Promise<{ body: { ok: true; value: T } | { ok: false; error: { message: string } } }>): Promise<T> {
  const { body } = await result;
  if (!body.ok) throw new Error(body.error.message);
  return body.value;
}

test('the front desk’s Home lists a draft and a signature awaiting the witness, with counts, and each link opens it', async ({ page, host }, testInfo) => {
  const { patientIds } = await seedFrontDesk(host, [maria, tomas]);
  await openApp(page, host);
  await signIn(page, frontDesk.username, frontDesk.password);

  // An empty day first: every queue says so.
  const drafts = page.getByRole('region', { name: /Drafts waiting for a signature/ });
  const witness = page.getByRole('region', { name: /Signed, waiting for the witness/ });
  await expect(drafts).toContainText('No drafts are waiting.');
  await expect(witness).toContainText('No signature is waiting for a witness.');

  // A draft for María; Tomás signed in patient mode, staff took the screen back before witnessing.
  const draft = await must(callHost(host, 'consents.createDraft', { patientId: patientIds[0]!, terms: completeTerms() }));
  const toWitness = await must(callHost(host, 'consents.createDraft', { patientId: patientIds[1]!, terms: completeTerms() }));
  await must(callHost(host, 'consents.startPatientMode', { id: toWitness.id }));
  await must(callHost(host, 'consents.patientSign', patientSignature(toWitness, 'Tomas Ruiz')));
  await must(callHost(host, 'session.exitPatientMode', { password: frontDesk.password }));
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();

  await expect(drafts.getByRole('heading')).toHaveText('Drafts waiting for a signature 1');
  await expect(witness.getByRole('heading')).toHaveText('Signed, waiting for the witness 1');
  await expect(drafts.getByRole('listitem')).toHaveCount(1);
  await expectAccessible(page, 'front desk home with work queues');
  await snapshot(page, testInfo, '01-front-desk-home');

  await drafts.getByRole('link', { name: 'María González' }).click();
  await expect(page.getByRole('heading', { name: 'Authorization draft for María González', level: 1 })).toBeVisible();
  expect(page.url()).toContain(draft.id);

  await page.getByRole('link', { name: 'Home' }).click();
  await witness.getByRole('link', { name: 'Tomás Ruiz' }).click();
  await expect(page.getByRole('heading', { name: 'Authorization for Tomás Ruiz', level: 1 })).toBeVisible();
  expect(page.url()).toContain(toWitness.id);

  // Witnessed here: back on Home, the queue has emptied (computed again, not a stored counter).
  const form = page.getByRole('form', { name: 'Staff: confirm as witness' });
  await form.getByLabel('Your password').fill(frontDesk.password);
  await form.getByRole('button', { name: 'Confirm as witness' }).click();
  await expect(form).toHaveCount(0);
  await page.getByRole('link', { name: 'Home' }).click();
  await expect(witness.getByRole('heading')).toHaveText('Signed, waiting for the witness 0');
  await expect(drafts.getByRole('heading')).toHaveText('Drafts waiting for a signature 1');
});

test('Home says “1 minute”, not “1 minutes”, and an administrator sees each group of work under its heading', async ({ page, host }) => {
  await seedFrontDesk(host);
  await openApp(page, host);
  await signIn(page, admin.username, admin.password);
  for (const heading of ['Front desk work', 'Marketing work', 'Privacy office work']) await expect(page.getByRole('heading', { name: heading, level: 3 })).toBeVisible();
  await expectAccessible(page, 'administrator home with work queues');
  await must(callHost(host, 'settings.update', { idleMinutes: 1 }));
  await page.reload();
  await expect(page.getByText('Consent Desk locks itself after 1 minute without input.')).toBeVisible();
});
