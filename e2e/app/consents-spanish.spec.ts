import { builtInTemplates } from '../../shared/authorization/template';
import { authorityLabels, channelLabels, contentKindLabels, purposeLabels } from '../../shared/authorization/scope';
import { drawSignature, expectAllIn, frontDesk, readPdf, renderFirstPage, saveDownload, scrollToTop, seedFrontDesk, tick } from './consents-helpers';
import { expect, expectAccessible, goTo, openApp, signIn, snapshot, test } from './fixtures';

const kinds = ['first_name', 'photographs', 'health_condition'] as const;
const places = ['instagram', 'youtube', 'printed_material'] as const;
const reasons = ['community_awareness'] as const;
const event = 'el fin de mi tratamiento de ortodoncia';
const es = builtInTemplates.es;

test('in Spanish, a parent signs for a minor; the PDF is in Spanish and the ending event is recorded later', async ({ page, host }, testInfo) => {
  await seedFrontDesk(host);
  await openApp(page, host);
  await signIn(page, frontDesk.username, frontDesk.password);
  await goTo(page, 'Patients');

  await page.getByRole('button', { name: 'Add a patient' }).click();
  const addDialog = page.getByRole('dialog', { name: 'Add a patient' });
  await addDialog.getByLabel('First name').fill('Lucía');
  await addDialog.getByLabel('Last name').fill('Hernández');
  await addDialog.getByLabel('Date of birth').fill('2015-03-02');
  await addDialog.getByLabel('City (optional)').fill('Springfield');
  await addDialog.getByRole('button', { name: 'Add patient' }).click();
  await expect(page.getByRole('heading', { name: 'Lucía Hernández', level: 1 })).toBeVisible();

  await page.getByRole('link', { name: 'New authorization' }).click();
  await expect(page.getByRole('heading', { name: 'New authorization for Lucía Hernández', level: 1 })).toBeVisible();
  await tick(page, 'Language of the authorization', ['Spanish (Español)']);
  const preview = page.getByRole('region', { name: 'Preview of the authorization in Spanish' });
  await expect(preview.getByRole('heading', { name: es.title })).toBeVisible();
  // The coordinator's form stays in English; the preview shows the patient's Spanish.
  await tick(page, 'What information may be used', kinds.map((k) => contentKindLabels.en[k]));
  await tick(page, 'Where it may appear', places.map((c) => channelLabels.en[c]));
  await tick(page, 'Why it will be used', reasons.map((p) => purposeLabels.en[p]));
  await page.getByRole('button', { name: 'Add a purpose not listed' }).click();
  // Typed in English for a Spanish document: the editor says so, with a Spanish example.
  await page.getByLabel('Other purpose 1').fill('The community newsletter of the clinic');
  const notice = page.getByRole('status').filter({ hasText: 'looks English' });
  await expect(notice).toContainText('Other purpose 1: “The community newsletter of the clinic”. For example: “El boletín comunitario del consultorio”');
  await page.getByLabel('Other purpose 1').fill('Boletín comunitario de la clínica');
  await expect(notice).toHaveCount(0);
  await tick(page, 'When the authorization ends', ['When an event happens']);
  await expect(page.getByText('Describe the event that ends this authorization, or choose a date.')).toBeVisible();
  await page.getByLabel('The event that ends it').fill(event);

  // A parent signs for the minor: the representative's name and authority are required.
  await page.getByLabel('Someone signs for the patient (a personal representative)').check();
  await expect(page.getByRole('button', { name: 'Enter the name of the person signing for the patient.' })).toBeVisible();
  await page.getByLabel('Representative’s full name').fill('Ana Hernández');
  await page.getByLabel('Their authority to act for the patient').selectOption({ label: authorityLabels.en.parent_of_minor });
  await expect(page.getByText('Complete: every required part is filled in.')).toBeVisible();
  for (const label of [...kinds.map((k) => contentKindLabels.es[k]), ...places.map((c) => channelLabels.es[c]), ...reasons.map((p) => purposeLabels.es[p])]) {
    await expect(preview.getByRole('listitem').filter({ hasText: label })).toBeVisible();
  }
  await expect(preview).toContainText(`Ana Hernández firma en nombre de Lucía Hernández, con esta autoridad: ${authorityLabels.es.parent_of_minor}.`);
  await expectAccessible(page, 'authorization preparation (Spanish)');
  await scrollToTop(page);
  await snapshot(page, testInfo, '01-preparation-es');

  // Patient mode speaks Spanish around the document too.
  await page.getByRole('button', { name: 'Hand the screen to the patient' }).click();
  await expect(page.getByRole('heading', { name: es.title, level: 1 })).toBeFocused();
  await expect(page.getByRole('main')).toHaveAttribute('lang', 'es');
  await expect(page.getByText('Si prefiere firmar en papel, avísele al personal')).toBeVisible();
  const name = page.getByLabel('Escriba su nombre completo');
  await expect(name).toHaveAccessibleDescription('Como aparece en la autorización: Ana Hernández.');
  await expectAccessible(page, 'patient mode (Spanish)');
  await snapshot(page, testInfo, '02-patient-mode-es');
  await name.fill('Ana Hernández');
  await page.getByLabel('Acepto firmar electrónicamente').check();
  await drawSignature(page, page.getByRole('img', { name: 'Recuadro de firma' }));
  await page.getByRole('button', { name: 'Firmar', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Gracias' })).toBeFocused();
  await expect(page.getByText('Gracias. Por favor, devuelva la pantalla al personal.')).toBeVisible();

  const witness = page.getByRole('form', { name: 'Staff: confirm as witness' });
  await witness.getByLabel('Your password').fill(frontDesk.password);
  await witness.getByRole('button', { name: 'Confirm as witness' }).click();
  await expect(page.getByRole('heading', { name: 'Authorization for Lucía Hernández', level: 1 })).toBeVisible();
  const summary = page.getByRole('region', { name: 'Summary' });
  await expect(summary).toContainText('By Ana Hernández');
  await expect(summary).toContainText(`When: ${event}`);

  const pdf = await saveDownload(page, page.getByRole('button', { name: 'Save patient’s copy' }), testInfo, 'authorization-es.pdf');
  const { text, signature } = readPdf(pdf.bytes);
  expectAllIn(
    text,
    [
      es.title,
      'Lucía Hernández',
      ...kinds.map((k) => contentKindLabels.es[k]),
      ...places.map((c) => channelLabels.es[c]),
      ...reasons.map((p) => purposeLabels.es[p]),
      'Boletín comunitario de la clínica',
      `Esta autorización termina cuando ocurra lo siguiente: ${event}.`,
      'Puedo cancelar esta autorización en cualquier momento',
      'no dependen de que yo firme esta autorización',
      'la ley federal de privacidad (HIPAA) ya no la proteja',
      'Ana Hernández firma en nombre de Lucía Hernández',
      'Certificado de la firma',
      'Firmada por Ana Hernández (representante personal de la persona atendida',
      'Con fran como testigo; este PDF quedó definitivo y firmado',
      authorityLabels.es.parent_of_minor,
      'Página 1 de',
    ],
    'the Spanish PDF',
  );
  expect(signature).toContain('Signature is Valid');
  renderFirstPage(pdf.path, testInfo, '03-pdf-page-1-es');

  // The event happens: recording it ends the authorization.
  await page.getByRole('button', { name: 'Record the ending event' }).click();
  const eventDialog = page.getByRole('dialog', { name: 'Record the event that ends it' });
  await expect(eventDialog).toContainText(event);
  await expectAccessible(page, 'ending event dialog');
  await eventDialog.getByRole('button', { name: 'Record the event' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'the authorization has expired' })).toBeVisible();
  await expect(summary.getByRole('definition').getByText('Expired', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Record the ending event' })).toHaveCount(0);
});
