import type { Page } from '@playwright/test';
import type { RunningHost } from '../host/start';
import { builtInTemplates } from '../../shared/authorization/template';
import { completeTerms } from '../../shared/authorization/test-terms';
import { patientLanguages } from '../../shared/patient-language';
import { pdfFlatText } from '../../electron/backend/testing/pdf-tools';
import { drawSignature, frontDesk, seedFrontDesk } from './consents-helpers';
import { callHost, expect, expectAccessible, openApp, signIn, snapshot, test } from './fixtures';

const lucia = { firstName: 'Lucía', lastName: 'Fernández', dateOfBirth: '1981-04-12', recordNumber: null, phone: null, email: null, city: null };
const es = patientLanguages.es.patientMode;

/** Lucía's complete draft in Spanish, prepared through the backend and handed to her on the screen by the front desk. */
async function handSpanishDraftToLucia(page: Page, host: RunningHost): Promise<string> {
  const { patientIds } = await seedFrontDesk(host, [lucia]);
  await openApp(page, host);
  await signIn(page, frontDesk.username, frontDesk.password);
  const draft = await callHost(host, 'consents.createDraft', { patientId: patientIds[0]!, terms: completeTerms({ language: 'es' }) });
  if (!draft.body.ok) throw new Error(draft.body.error.message);
  await page.goto(`${host.origin}/#/patients?draft=${draft.body.value.id}`);
  await page.getByRole('button', { name: 'Hand the screen to the patient' }).click();
  return draft.body.value.id;
}

test('a Spanish patient who waits is asked in Spanish, the screen pauses without ending patient mode, and staff hand it back where it was', async ({ page, host }, testInfo) => {
  // The page's clock is fake from the start, so the idle timer can be fast-forwarded.
  await page.clock.install();
  const draftId = await handSpanishDraftToLucia(page, host);
  const title = page.getByRole('heading', { name: builtInTemplates.es.title, level: 1 });
  await expect(title).toBeVisible();

  // The Sign button says whether the whole text has been on screen.
  const sign = page.getByRole('button', { name: 'Firmar', exact: true });
  await expect(sign).toHaveAccessibleDescription(es.notAllShown);
  await page.getByLabel('Escriba su nombre completo').scrollIntoViewIfNeeded();
  await expect(sign).toHaveAccessibleDescription(`✓ ${es.allShown}`);
  const readTo = await page.evaluate<number>('window.scrollY');
  expect(readTo).toBeGreaterThan(0);

  // Past the staff idle time (5 minutes) nothing happens: patient mode waits longer (20 minutes).
  await page.clock.fastForward('10:00');
  await expect(title).toBeVisible();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);

  // Before the pause, a large prompt in Spanish; any input keeps the screen.
  await page.clock.fastForward('08:01');
  const prompt = page.getByRole('alertdialog', { name: es.stillThereHeading });
  await expect(prompt).toBeVisible();
  await expect(prompt).toHaveAttribute('lang', 'es');
  await expect(prompt).toHaveAccessibleDescription(es.stillThereBody);
  await expect(prompt.getByRole('button', { name: es.stillHere })).toBeFocused();
  await expectAccessible(page, 'are you still there (Spanish patient)');
  await snapshot(page, testInfo, '01-still-there-es');
  // The focused button is pressed from the keyboard: a pointer would close the
  // prompt on its way to the button (moving is input too), and the click would
  // then land on nothing.
  await page.keyboard.press('Enter');
  await expect(prompt).toHaveCount(0);

  // Waiting again past the prompt: the screen pauses, in Spanish, with nothing of the authorization.
  await page.clock.fastForward('20:01');
  const paused = page.getByRole('heading', { name: es.pausedHeading, level: 1 });
  await expect(paused).toBeVisible();
  await expect(page.getByRole('main')).toHaveAttribute('lang', 'es');
  const html = await page.content();
  for (const secret of ['Lucía', 'Fernández', builtInTemplates.es.title]) expect(html).not.toContain(secret);
  // The screen pauses first and then locks the backend: wait for the lock the backend answers with, not for a guess.
  await expect.poll(async () => (await callHost(host, 'consents.get', { id: draftId })).body).toMatchObject({ ok: false, error: { code: 'locked' } });
  await expectAccessible(page, 'patient mode paused (Spanish)');
  await snapshot(page, testInfo, '02-paused-es');

  // Staff sign in again: patient mode is back, on the same authorization, where the patient was.
  await page.getByRole('button', { name: es.pausedStaffButton }).click();
  await expect(page.getByText('Consent Desk locked after 20 minutes without input')).toBeVisible();
  await expect(page.getByLabel('Username', { exact: true })).toHaveValue(frontDesk.username);
  await page.getByLabel('Password', { exact: true }).fill(frontDesk.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(title).toBeVisible();
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await expect(sign).toHaveAccessibleDescription(`✓ ${es.allShown}`);
  await expect.poll(() => page.evaluate<number>('window.scrollY')).toBe(readTo);

  // The name typed without accents is the signer's name.
  await page.getByLabel('Escriba su nombre completo').fill('Lucia Fernandez');
  await page.getByLabel('Acepto firmar electrónicamente').check();
  await drawSignature(page, page.getByRole('img', { name: 'Recuadro de firma' }));
  await sign.click();
  await expect(page.getByRole('heading', { name: 'Gracias' })).toBeFocused();
});

test('a refusal of the signature reaches a Spanish patient in Spanish', async ({ page, host }) => {
  await handSpanishDraftToLucia(page, host);
  await page.getByLabel('Escriba su nombre completo').fill('Lucia Fernandes');
  await page.getByLabel('Acepto firmar electrónicamente').check();
  await page.getByRole('button', { name: 'Firmar', exact: true }).click();
  const alert = page.getByRole('form', { name: 'Firme la autorización' }).getByRole('alert');
  await expect(alert).toHaveText(es.signatureEmpty);
  await drawSignature(page, page.getByRole('img', { name: 'Recuadro de firma' }));
  await page.getByRole('button', { name: 'Firmar', exact: true }).click();
  await expect(page.getByLabel('Escriba su nombre completo')).toHaveAccessibleDescription(
    new RegExp('Escriba el nombre completo de quien firma, como aparece en la autorización: Lucía Fernández'),
  );
});

test('a patient who cannot draw adopts the typed name as the signature, and the signed PDF says so', async ({ page, host }) => {
  const draftId = await handSpanishDraftToLucia(page, host);
  await page.getByLabel('Escriba su nombre completo').fill('Lucía Fernández');
  await page.getByLabel('Acepto firmar electrónicamente').check();
  await page.getByLabel(es.typedSignatureOption).check();
  await expect(page.getByRole('img', { name: 'Recuadro de firma' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: es.typedSignatureShown })).toContainText(es.typedSignatureNote);
  await expectAccessible(page, 'typed signature (Spanish)');
  await page.getByRole('button', { name: 'Firmar', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Gracias' })).toBeFocused();
  const witness = page.getByRole('form', { name: 'Staff: confirm as witness' });
  await witness.getByLabel('Your password').fill(frontDesk.password);
  await witness.getByRole('button', { name: 'Confirm as witness' }).click();
  await expect(page.getByRole('heading', { name: 'Authorization for Lucía Fernández', level: 1 })).toBeVisible();
  await expect(page.getByText('a typed signature: the signer could not draw and adopted their typed name')).toBeVisible();
  const pdf = await callHost(host, 'consents.pdf', { id: draftId });
  if (!pdf.body.ok) throw new Error(pdf.body.error.message);
  expect(pdfFlatText(Buffer.from(pdf.body.value.base64, 'base64'))).toContain(patientLanguages.es.certificate.typedSignature);
});
