import type { CallInput, CallName } from '../../shared/contract';
import type { RunningHost } from '../host/start';
import { admin, callHost, expect, expectAccessible, goTo, openApp, seedStore, signIn, snapshot, test } from './fixtures';

async function must<K extends CallName>(host: RunningHost, name: K, input: CallInput<K>) {
  const { body } = await callHost(host, name, input);
  if (!body.ok) throw new Error(`${name} failed while seeding: ${body.error.message}`);
  return body.value;
}

const person = (firstName: string, lastName: string, dateOfBirth: string, recordNumber: string | null = null) => ({
  firstName,
  lastName,
  dateOfBirth,
  recordNumber,
  phone: null,
  email: null,
  city: null,
});

test('patient search finds names whatever the accents, pages 120 matches and says so, and asks before adding a likely duplicate', async ({ page, host }, testInfo) => {
  test.setTimeout(180_000);
  await seedStore(host);
  await must(host, 'session.signIn', { username: admin.username, password: admin.password });
  await must(host, 'patients.create', person('María', 'González', '1984-05-17', 'MRN-7'));
  await must(host, 'patients.create', person('Ángela', 'Ñúñez', '1990-02-03'));
  for (let i = 1; i <= 120; i += 1) {
    await must(host, 'patients.create', person(`Ana ${String(i).padStart(3, '0')}`, 'López', `1970-01-${String((i % 28) + 1).padStart(2, '0')}`));
  }
  await must(host, 'session.signOut', {});

  await openApp(page, host);
  await signIn(page, admin.username, admin.password);
  await goTo(page, 'Patients');
  const search = page.getByRole('searchbox', { name: 'Find a patient' });
  const count = page.locator('.data-list-count');

  // Accents, case and order of names aside.
  for (const query of ['gonzalez', 'GONZÁLEZ maría', 'mar gon']) {
    await search.fill(query);
    await expect(count).toHaveText('1 patient');
    await expect(page.getByRole('link', { name: 'María González' })).toBeVisible();
  }
  await search.fill('ñúñez');
  await expect(page.getByRole('link', { name: 'Ángela Ñúñez' })).toBeVisible();
  await search.fill('angela nunez');
  await expect(page.getByRole('link', { name: 'Ángela Ñúñez' })).toBeVisible();
  // A date of birth as people type it, and a record number.
  await search.fill('05/17/1984');
  await expect(page.getByRole('link', { name: 'María González' })).toBeVisible();
  await search.fill('May 17, 1984');
  await expect(page.getByRole('link', { name: 'María González' })).toBeVisible();
  await search.fill('mrn-7');
  await expect(page.getByRole('link', { name: 'María González' })).toBeVisible();
  await search.fill('zzz');
  await expect(page.getByText('No patient matches “zzz”.')).toBeVisible();

  // 120 matches: a page at a time, and the list says how many.
  await search.fill('lopez');
  const table = page.getByRole('table', { name: /Patients matching “lopez”/ });
  await expect(count).toHaveText('120 patients, showing 1–25');
  await expect(table).toHaveAccessibleName('Patients matching “lopez” (120)');
  await expect(table.getByRole('row')).toHaveCount(26);
  await expect(table.getByRole('rowheader').first()).toHaveText('Ana 001 López');
  await expectAccessible(page, 'patients list');
  await snapshot(page, testInfo, '01-patients-120');
  const pages = page.getByRole('navigation', { name: 'Pages of patients' });
  await pages.getByRole('button', { name: 'Next page' }).click();
  await expect(count).toHaveText('120 patients, showing 26–50');
  await expect(pages).toContainText('Page 2 of 5');
  await expect(table.getByRole('rowheader').first()).toHaveText('Ana 026 López');
  await pages.getByLabel('Rows per page').selectOption('100');
  await expect(count).toHaveText('120 patients, showing 1–100');
  await pages.getByRole('button', { name: 'Next page' }).click();
  await expect(count).toHaveText('120 patients, showing 101–120');
  await expect(table.getByRole('row')).toHaveCount(21);
  await expect(pages.getByRole('button', { name: 'Next page' })).toBeDisabled();
  // Sorted by the backend: by name the other way, then by date of birth.
  await table.getByRole('button', { name: /^Name/ }).click();
  await expect(table.getByRole('columnheader', { name: /^Name/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(count).toHaveText('120 patients, showing 1–100');
  await expect(table.getByRole('rowheader').first()).toHaveText('Ana 120 López');

  // A likely duplicate (same name words and date of birth, accents aside) asks first.
  await page.getByRole('button', { name: 'Add a patient' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a patient' });
  await dialog.getByLabel('First name').fill('maria');
  await dialog.getByLabel('Last name').fill('Gonzalez');
  await dialog.getByLabel('Date of birth').fill('2099-05-17');
  await dialog.getByRole('button', { name: 'Add patient' }).click();
  // A date of birth in the future is refused at its field.
  await expect(dialog.getByLabel('Date of birth')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText('The date of birth is in the future. Check the year.')).toBeVisible();
  await dialog.getByLabel('Date of birth').fill('1984-05-17');
  await dialog.getByRole('button', { name: 'Add patient' }).click();
  const question = dialog.getByRole('group', { name: 'Is this patient already in the records?' });
  await expect(question).toBeVisible();
  await expect(question).toContainText('María González, born 1984-05-17, record MRN-7');
  await expectAccessible(page, 'duplicate patient question');
  await snapshot(page, testInfo, '02-duplicate-question');
  // Going back keeps what was typed; confirming adds the second record.
  await question.getByRole('button', { name: 'Go back and check' }).click();
  await expect(dialog.getByLabel('Last name')).toHaveValue('Gonzalez');
  await dialog.getByRole('button', { name: 'Add patient' }).click();
  await dialog.getByRole('button', { name: 'Add as a different patient' }).click();
  await expect(page.getByRole('heading', { name: 'maria Gonzalez', level: 1 })).toBeVisible();
  await goTo(page, 'Patients');
  await page.getByRole('searchbox', { name: 'Find a patient' }).fill('gonzalez');
  await expect(count).toHaveText('2 patients');
});
