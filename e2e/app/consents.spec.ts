import { PDFDocument } from 'pdf-lib';
import { builtInTemplates } from '../../shared/authorization/template';
import { channelLabels, contentKindLabels, purposeLabels } from '../../shared/authorization/scope';
import { addDaysTo, formatDay } from '../../shared/calendar';
import {
  drawSignature,
  expectAllIn,
  frontDesk,
  readPdf,
  renderFirstPage,
  saveDownload,
  scrollToTop,
  seedFrontDesk,
  tick,
} from './consents-helpers';
import { expect, expectAccessible, goTo, openApp, signIn, snapshot, test } from './fixtures';

const maria = { firstName: 'Maria', lastName: 'Lopez', dateOfBirth: '1984-05-17', recordNumber: 'MRN-20417' };
const kinds = ['written_testimonial', 'full_name', 'photographs', 'video'] as const;
const places = ['facebook', 'instagram', 'website'] as const;
const reasons = ['advertising', 'patient_education'] as const;
const ends = '2028-01-31';
const en = builtInTemplates.en;

test('a front-desk user adds a patient, prepares an authorization, the patient signs it on screen and the witness makes it final', async ({
  page,
  host,
}, testInfo) => {
  await seedFrontDesk(host);
  await openApp(page, host);
  await signIn(page, frontDesk.username, frontDesk.password);
  await goTo(page, 'Patients');
  await expect(page.getByRole('status').filter({ hasText: 'No patients yet' })).toBeVisible();
  await expectAccessible(page, 'patients');

  // Add the patient; the form uses the contract's rules before any call.
  await page.getByRole('button', { name: 'Add a patient' }).click();
  const addDialog = page.getByRole('dialog', { name: 'Add a patient' });
  await addDialog.getByLabel('First name').fill(maria.firstName);
  await addDialog.getByRole('button', { name: 'Add patient' }).click();
  await expect(addDialog.getByLabel('Last name')).toHaveAccessibleDescription(/Enter the last name/);
  await addDialog.getByLabel('Last name').fill(maria.lastName);
  await addDialog.getByLabel('Date of birth').fill(maria.dateOfBirth);
  await addDialog.getByLabel('Record number (optional)').fill(maria.recordNumber);
  await expectAccessible(page, 'add patient dialog');
  await addDialog.getByRole('button', { name: 'Add patient' }).click();
  await expect(page.getByRole('heading', { name: 'Maria Lopez', level: 1 })).toBeFocused();
  await expect(page.getByText('MRN-20417')).toBeVisible();
  await expect(page.getByText('Maria Lopez has no authorization yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Edit details' }).click();
  const editDialog = page.getByRole('dialog', { name: 'Edit Maria Lopez’s details' });
  await editDialog.getByLabel('Phone (optional)').fill('(555) 201-3344');
  await editDialog.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The patient’s details are saved.' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('(555) 201-3344');
  await expectAccessible(page, 'patient record');

  // She is found by name, date of birth and record number.
  await page.getByRole('link', { name: 'Back to patients' }).click();
  const search = page.getByRole('searchbox', { name: 'Find a patient' });
  for (const query of ['lop mar', '05/17/1984', 'mrn-20417']) {
    await search.fill(query);
    await expect(page.getByRole('table', { name: new RegExp(`matching “${query}”`) }).getByRole('link', { name: 'Maria Lopez' })).toBeVisible();
  }
  await search.fill('nobody here');
  await expect(page.getByText('No patient matches “nobody here”.')).toBeVisible();
  await search.fill('maria');
  await page.getByRole('link', { name: 'Maria Lopez' }).click();
  await expect(page.getByRole('heading', { name: 'Maria Lopez', level: 1 })).toBeVisible();

  // Prepare the authorization: nothing chosen yet, so the preview lists what is missing.
  await page.getByRole('link', { name: 'New authorization' }).click();
  await expect(page.getByRole('heading', { name: 'New authorization for Maria Lopez', level: 1 })).toBeFocused();
  const handOver = page.getByRole('button', { name: 'Hand the screen to the patient' });
  await expect(page.getByText('3 things are missing before the patient can sign:')).toBeVisible();
  await expect(handOver).toHaveAttribute('aria-disabled', 'true');
  await expect(handOver).toHaveAccessibleDescription(/Not ready to hand over/);
  const preview = page.getByRole('region', { name: 'Preview of the authorization in English' });
  await expect(preview.getByRole('heading', { name: en.title })).toBeVisible();
  await expect(preview).toContainText('I, Maria Lopez, allow Riverside Family Practice');

  await tick(page, 'What information may be used', kinds.map((k) => contentKindLabels.en[k]));
  await tick(page, 'Where it may appear', places.map((c) => channelLabels.en[c]));
  await page.getByRole('button', { name: 'Add a place not listed' }).click();
  await expect(page.getByLabel('Other place 1')).toBeFocused();
  await page.getByLabel('Other place 1').fill('Lobby display screen');
  await expect(page.getByText('1 thing is missing before the patient can sign:')).toBeVisible();
  // A problem leads to its field.
  await page.getByRole('button', { name: 'Choose at least one purpose of the use.' }).click();
  await expect(page.getByRole('group', { name: 'Why it will be used' }).getByRole('checkbox').first()).toBeFocused();
  await tick(page, 'Why it will be used', reasons.map((p) => purposeLabels.en[p]));
  await page.getByLabel('End date').fill(ends);

  await expect(page.getByText('Complete: every required part is filled in.')).toBeVisible();
  await expect(handOver).not.toHaveAttribute('aria-disabled', 'true');
  for (const label of [...kinds.map((k) => contentKindLabels.en[k]), ...places.map((c) => channelLabels.en[c]), 'Lobby display screen']) {
    await expect(preview.getByRole('listitem').filter({ hasText: label })).toBeVisible();
  }
  await expect(preview).toContainText(`The last day this authorization is in effect is ${formatDay(addDaysTo(ends, -1), 'en')}.`);
  await expectAccessible(page, 'authorization preparation');
  await scrollToTop(page);
  await snapshot(page, testInfo, '01-preparation');

  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Draft saved at .*ready for the patient to sign/ })).toBeVisible();
  await expect(page).toHaveURL(/#\/patients\?draft=/);

  // Patient mode: the authorization alone, in large type, no navigation.
  await handOver.click();
  const title = page.getByRole('heading', { name: en.title, level: 1 });
  await expect(title).toBeFocused();
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  const document = page.getByRole('main');
  for (const statement of [en.revocation.heading, en.noConditioning.heading, en.redisclosure.heading]) {
    await expect(document.getByRole('heading', { name: statement })).toBeVisible();
  }
  const signatureBox = page.getByRole('img', { name: 'Signature box' });
  await expect(signatureBox).toHaveAccessibleDescription(/Sign your name inside the box.*cannot be drawn with the keyboard/);
  await expectAccessible(page, 'patient mode');
  await snapshot(page, testInfo, '02-patient-mode');

  await page.getByLabel('Type your full name').fill('Maria Lopez');
  await page.getByLabel('I agree to sign electronically').check();
  await drawSignature(page, signatureBox);
  await page.getByRole('group', { name: 'Your signature' }).screenshot({ path: testInfo.outputPath('03-signature-box.png') });
  // A full-page screenshot resizes the window: the strokes must survive it.
  await snapshot(page, testInfo, '03-patient-mode-before-signing');
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Thank you' })).toBeFocused();
  await expect(page.getByText('Thank you — please hand the screen back to staff.')).toBeVisible();
  await expectAccessible(page, 'patient mode, signed');

  // The witness confirms with their password: the authorization is final and patient mode ends.
  const witness = page.getByRole('form', { name: 'Staff: confirm as witness' });
  await witness.getByLabel('Your password').fill('not my password');
  await witness.getByRole('button', { name: 'Confirm as witness' }).click();
  await expect(witness.getByRole('alert')).toHaveText('That password is not right.');
  await witness.getByLabel('Your password').fill(frontDesk.password);
  await witness.getByRole('button', { name: 'Confirm as witness' }).click();
  await expect(page.getByRole('heading', { name: 'Authorization for Maria Lopez', level: 1 })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Witnessed: the authorization is final' })).toBeVisible();
  const summary = page.getByRole('region', { name: 'Summary' });
  await expect(summary.getByRole('definition').getByText('Active', { exact: true })).toBeVisible();
  await expectAccessible(page, 'final authorization');
  await snapshot(page, testInfo, '04-final-authorization');

  // The patient's copy: the signed PDF, exactly as stored.
  const pdf = await saveDownload(page, page.getByRole('button', { name: 'Save patient’s copy' }), testInfo, 'authorization-en.pdf');
  expect(pdf.suggested).toMatch(/^authorization-[0-9a-f-]{36}\.pdf$/);
  const { text, signature } = readPdf(pdf.bytes);
  expectAllIn(
    text,
    [
      'Riverside Family Practice',
      'Maria Lopez',
      ...kinds.map((k) => contentKindLabels.en[k]),
      ...places.map((c) => channelLabels.en[c]),
      'Lobby display screen',
      ...reasons.map((p) => purposeLabels.en[p]),
      `The last day this authorization is in effect is ${formatDay(addDaysTo(ends, -1), 'en')}.`,
      'I may cancel this authorization at any time',
      'will not depend on whether I sign this authorization',
      'may then no longer be protected by federal privacy law',
      'Signature certificate',
      'Fran Front',
    ],
    'the English PDF',
  );
  expect(signature).toContain('Signature is Valid');
  renderFirstPage(pdf.path, testInfo, '05-pdf-page-1');

  // Print explains why it goes through the saved file (the CSP allows no PDF inside the window).
  await page.getByRole('button', { name: 'Print' }).click();
  const printDialog = page.getByRole('dialog', { name: 'Print the patient’s copy' });
  await expect(printDialog).toContainText('cannot send the PDF to the printer itself');
  await expectAccessible(page, 'print dialog');
  await printDialog.getByRole('button', { name: 'Close' }).click();
  await expect(printDialog).toHaveCount(0);

  // The written revocation arrives: recorded with a scan, acknowledged in a one-page PDF.
  await page.getByRole('button', { name: 'Revoke' }).click();
  const revoke = page.getByRole('dialog', { name: 'Record a revocation' });
  await revoke.getByLabel('How it arrived').selectOption({ label: 'By mail' });
  await revoke.getByLabel('Note (optional)').fill('Letter dated this week');
  // A real one-page PDF: scans pass through the bounded PDF reader, which refuses what it cannot parse.
  const letter = await PDFDocument.create();
  letter.addPage([612, 792]).drawText('I revoke my authorization.', { x: 72, y: 700, size: 12 });
  const letterBytes = Buffer.from(await letter.save());
  await revoke.getByLabel('Scan of the revocation (optional)').setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: letterBytes });
  await expectAccessible(page, 'revocation dialog');
  await revoke.getByRole('button', { name: 'Record revocation' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The revocation is recorded and in effect now.' })).toBeVisible();
  await expect(summary.getByRole('definition').getByText('Revoked', { exact: true })).toBeVisible();
  await expect(summary.getByText(/by mail\), recorded by Fran Front .*; scan attached\. Note: Letter dated this week/)).toBeVisible();
  // The scan is kept as received: a PDF, which the window cannot show, is saved for the PDF reader.
  const scanCopy = await saveDownload(page, summary.getByRole('button', { name: 'View the scan' }), testInfo, 'revocation-scan.pdf');
  expect(scanCopy.bytes.equals(letterBytes)).toBe(true);
  await expect(page.getByRole('status').filter({ hasText: /^The scan \(a PDF\) is saved as revocation-scan-.*\.pdf; open it with your PDF reader\.$/ })).toBeVisible();
  const acknowledgment = await saveDownload(page, page.getByRole('button', { name: 'Save revocation acknowledgment' }), testInfo, 'revocation.pdf');
  const ack = readPdf(acknowledgment.bytes);
  expect(ack.text).toContain('Acknowledgment of revocation');
  expect(ack.signature).toContain('Signature is Valid');

  // The patient's record lists it with its status.
  await page.getByRole('link', { name: 'Back to Maria Lopez’s record' }).click();
  const row = page.getByRole('table', { name: /Authorizations of Maria Lopez/ }).getByRole('row').nth(1);
  await expect(row.getByText('Revoked', { exact: true })).toBeVisible();
  await expect(row.getByRole('button', { name: /Save revocation acknowledgment/ })).toBeVisible();
  await expect(row.getByRole('button', { name: /^Revoke/ })).toHaveCount(0);
  await expectAccessible(page, 'patient record');
  await snapshot(page, testInfo, '06-patient-record');
});
