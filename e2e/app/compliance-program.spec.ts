import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { pdfFlatText, pdfSignatureReport } from '../../electron/backend/testing/pdf-tools';
import { readZip } from '../../electron/backend/testing/zip-tools';
import { runConsentDesk } from '../../electron/cli/testing/cli-process';
import { addDaysTo } from '../../shared/calendar';
import { callHost, expectAccessible, goTo, openApp, readAndAcknowledge, signIn, signInToPolicy, snapshot } from './fixtures';
import { admin, expect, frontDesk, marketer, test } from './compliance-program-practice';

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
}


test('the policy is published and acknowledged, a take-down opens an incident, the letter goes out, and the report and bundle hold it all', async ({ page, host, practice }, testInfo) => {
  test.setTimeout(300_000);
  await openApp(page, host);

  // The privacy officer publishes the practice's first version of the policy.
  await signIn(page, admin.username, admin.password);
  await goTo(page, 'Policy versions');
  await expect(page.getByText('None yet. Edit the draft below')).toBeVisible();
  const donts = page.getByLabel('Don’t (English), one rule per line');
  await donts.fill(`${await donts.inputValue()}\nDo not film in the treatment gym while patients are there.`);
  await page.getByRole('radio', { name: 'Spanish' }).check();
  await expect(page.getByLabel('Title (Spanish)')).toHaveValue('Política de redes sociales');
  await page.getByLabel('Text (Spanish)').first().fill('');
  await page.getByRole('button', { name: 'Publish version 1' }).click();
  await expect(page.getByRole('alert')).toContainText('Spanish: “What counts as patient information” needs its text.');
  await expect(page.getByLabel('Text (Spanish)').first()).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Text (Spanish)').first().fill('Información de un paciente es todo lo que permite saber quién es un paciente junto con algo sobre su atención.');
  await expectAccessible(page, 'policy versions');
  await snapshot(page, testInfo, '01-policy-versions');
  await page.getByRole('button', { name: 'Publish version 1' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Version 1 is published and in force.' })).toBeVisible();
  await expect(page.getByRole('table').first()).toContainText('In force');
  await signOut(page);

  // Marketing is asked at sign-in; "Not now" opens the app, where publishing is refused.
  await signInToPolicy(page, marketer.username, marketer.password);
  await expect(page.getByText('Until then you cannot approve or publish posts.')).toBeVisible();
  await expectAccessible(page, 'policy at sign-in');
  await snapshot(page, testInfo, '02-policy-at-sign-in');
  await page.getByRole('button', { name: 'Not now' }).click();
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
  const notice = page.getByRole('region', { name: 'Policy acknowledgment' });
  await expect(notice).toContainText('Version 1 of the social-media policy');
  await page.goto(`${host.origin}/#/posts?post=${practice.approvedPostId}`);
  await page.getByRole('button', { name: 'Record publication' }).click();
  const publish = page.getByRole('dialog', { name: 'Record the publication' });
  await publish.getByLabel('Post address').fill('https://www.instagram.com/p/riverside1');
  await publish.getByRole('button', { name: 'Record publication' }).click();
  await expect(publish.getByRole('alert')).toContainText('You cannot publish posts yet: version 1 of the social-media policy is not acknowledged yet.');
  await publish.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('State: Approved')).toBeVisible();

  // Do's and don'ts are one click away, on every page.
  await page.getByRole('banner').getByRole('link', { name: 'Do’s and don’ts' }).click();
  await expect(page.getByRole('heading', { name: 'Do’s and don’ts', level: 1 })).toBeVisible();
  await expect(page.getByText('Do not film in the treatment gym while patients are there.')).toBeVisible();
  await expectAccessible(page, 'do’s and don’ts');

  // Reading it to the end, then the password: then publishing goes through.
  await page.getByRole('region', { name: 'Policy acknowledgment' }).getByRole('link', { name: 'Read and acknowledge the policy' }).click();
  await expect(page.getByRole('heading', { name: 'Social-media policy', level: 1 })).toBeVisible();
  await page.getByRole('radio', { name: 'Spanish (Español)' }).check();
  await page.getByLabel('Your password').fill(marketer.password);
  await page.getByRole('button', { name: 'I have read the policy and will follow it' }).click();
  await expect(page.getByRole('alert')).toContainText('Read the policy to its end first');
  await readAndAcknowledge(page, marketer.password);
  await expect(page.getByRole('status').filter({ hasText: 'Your acknowledgment of version 1 is recorded' })).toBeVisible();
  await expectAccessible(page, 'policy acknowledged');
  await page.goto(`${host.origin}/#/posts?post=${practice.approvedPostId}`);
  await expect(page.getByRole('region', { name: 'Policy acknowledgment' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Record publication' }).click();
  await publish.getByLabel('Post address').fill('https://www.instagram.com/p/riverside1');
  await publish.getByRole('button', { name: 'Record publication' }).click();
  await expect(page.getByText('State: Published')).toBeVisible();
  await signOut(page);

  // The patient revokes (the front desk records it): both published posts must come down, and each opens an incident.
  await signInToPolicy(page, frontDesk.username, frontDesk.password);
  await page.getByRole('button', { name: 'Not now' }).click();
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
  const revoked = await callHost(host, 'consents.revoke', { id: practice.consentId, receivedOn: practice.today, method: 'mail', note: 'Letter from the patient.' });
  expect(revoked.body.ok).toBe(true);
  await signOut(page);

  // The privacy officer acknowledges the policy at sign-in, then handles the incident.
  await signInToPolicy(page, admin.username, admin.password);
  await readAndAcknowledge(page, admin.password);
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
  const attention = page.getByRole('region', { name: 'Compliance program' });
  await expect(attention).toContainText('2 incident(s) open');
  await goTo(page, 'Incidents');
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(3);
  // Both went out today, the day the revocation was received: published without a valid authorization.
  await expect(rows.nth(1)).toContainText('Published after a revocation was received');
  await expect(rows.nth(1)).toContainText('(60 days left)');
  await expectAccessible(page, 'incidents');
  await snapshot(page, testInfo, '03-incidents');
  await rows.nth(1).getByRole('link', { name: /^Open/ }).click();
  await expect(page.getByRole('heading', { name: 'Incident: Published after a revocation was received', level: 1 })).toBeVisible();

  // The four factors of 164.402(2).
  const assessment = page.getByRole('form', { name: 'Risk assessment (45 CFR 164.402(2))' });
  await expect(assessment.getByRole('checkbox', { name: 'First name' })).toBeChecked();
  await assessment.getByRole('radio', { name: 'Low (no condition or treatment named)' }).check();
  await assessment.getByRole('radio', { name: 'Yes: it was viewed, shared or copied' }).check();
  await assessment.getByLabel('Evidence').fill('The post had 212 views while it was up.');
  await assessment.getByLabel('Take-down').fill('Marketing removes it today.');
  await assessment.getByRole('button', { name: 'Add a removal request' }).click();
  await assessment.getByLabel('Platform').fill('Facebook');
  await assessment.getByLabel('Reference (optional)').fill('FB-88121');
  await assessment.getByRole('radio', { name: 'Not shown to be low: notification is required' }).check();
  await assessment.getByRole('button', { name: 'Save the assessment' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The assessment is complete.' })).toBeVisible();

  const decide = page.getByRole('form', { name: 'Decide on notification' });
  await decide.getByLabel('Why').fill('Her name and her own words were public after she revoked her authorization.');
  await decide.getByRole('button', { name: 'Record the decision' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Notification is required.' })).toBeVisible();

  // The letter to the patient, in Spanish, signed.
  await page.getByLabel('Language of the letter').selectOption({ label: 'Spanish' });
  await page.getByLabel('Mailing address (optional)').fill('12 Oak Street\nSpringfield, IL 62704');
  await page.getByRole('button', { name: 'Produce the letter' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The letter is produced and signed.' })).toBeVisible();
  await page.getByRole('button', { name: 'Produce the incident report' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The incident report is produced and signed.' })).toBeVisible();
  await expectAccessible(page, 'incident');
  await snapshot(page, testInfo, '04-incident');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: /^Download PDF \(notification letter in Spanish/ }).click();
  const download = await downloading;
  const letter = await readFile((await download.path())!);
  const letterText = pdfFlatText(letter);
  expect(letterText).toContain('Aviso sobre su información de salud');
  expect(letterText).toContain('Estimado/a Maria Lopez:');
  expect(letterText).toContain('12 Oak Street');
  expect(letterText).toContain('(217) 555-0100');
  expect(pdfSignatureReport(letter)).toContain('Signature is Valid');

  await page.getByRole('button', { name: 'Record the notice' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The notice is recorded.' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Notices given' })).toContainText('Individual(s): ');

  // The compliance report for the period, beside the other reports.
  await goTo(page, 'Reports');
  const program = page.getByRole('region', { name: 'Social-media compliance program' });
  await expect(program).toContainText('Incidents: 2 discovered, 0 closed, 2 open.');
  await expect(program).toContainText('2 acknowledgment(s) recorded');
  await expectAccessible(page, 'reports with the program');
  const reportDownload = page.waitForEvent('download');
  await program.getByRole('button', { name: /^Download PDF \(compliance program report\)/ }).click();
  const report = await readFile((await (await reportDownload).path())!);
  expect(pdfFlatText(report)).toContain('Incidents: 2 discovered in the period, 0 closed, 2 still open.');
  expect(pdfSignatureReport(report)).toContain('Signature is Valid');

  // The audit bundle holds all of it, and verify-bundle accepts it.
  await goTo(page, 'Export for audit');
  await page.getByLabel('From', { exact: true }).fill(addDaysTo(practice.today, -30));
  await page.getByLabel('To', { exact: true }).fill(practice.today);
  await page.getByRole('button', { name: 'Start export' }).click();
  const ready = page.getByRole('region', { name: 'Bundle ready' });
  await expect(ready).toBeVisible({ timeout: 60_000 });
  await ready.getByRole('button', { name: 'Verify bundle' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Bundle intact: / })).toBeVisible();
  const filePath = (await ready.locator('dl > div').filter({ has: page.locator('dt', { hasText: /^Saved in$/ }) }).locator('dd').textContent())!;
  const zip = await readZip(filePath);
  const names = [...zip.keys()];
  expect(names.filter((n) => /^program\/incidents\/[0-9a-f-]+\/letter-es-[0-9a-f]{8}\.pdf$/.test(n))).toHaveLength(1);
  expect(names).toEqual(expect.arrayContaining(['program/compliance-program-report.pdf', 'program/policy/social-media-policy-v1-es.pdf', 'program/incidents.csv']));
  const acks = zip.get('program/acknowledgments.csv')!.toString('utf8');
  expect(acks).toContain(`${marketer.username},${marketer.displayName},1,es`);
  expect(acks).toContain(`${admin.username},${admin.displayName},1,en`);
  const check = await runConsentDesk(['verify-bundle', filePath]);
  expect(check.stderr).toBe('');
  expect(check.code).toBe(0);
  expect(check.stdout).toContain('Bundle intact');
  expect(path.dirname(filePath)).toBe(path.join(practice.dataDir, 'exports'));
});
