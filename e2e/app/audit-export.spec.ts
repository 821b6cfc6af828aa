import crypto from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { readZip } from '../../electron/backend/testing/zip-tools';
import { runConsentDesk } from '../../electron/cli/testing/cli-process';
import { addDaysTo, formatDay } from '../../shared/calendar';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import type { RunningHost } from '../host/start';
import { expect, officer, stallBundleWrites, test, type DemoPractice } from './audit-export-practice';
import { readPdf, saveDownload, tick } from './consents-helpers';
import { callHost, expectAccessible, goTo, openApp, readAndAcknowledge, signIn, signInToPolicy, snapshot } from './fixtures';

/** A call the test makes beside the page (same backend, same signed-in session), which must succeed. */
async function ask<K extends CallName>(host: RunningHost, name: K, input: CallInput<K>): Promise<CallOutput<K>> {
  const { body } = await callHost(host, name, input);
  if (!body.ok) throw new Error(`${name} failed: ${body.error.message}`);
  return body.value;
}

/** The value beside a label in a details list (<dl>). */
function fact(region: Locator, label: string): Locator {
  return region.locator('dl > div').filter({ has: region.page().locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');
}

async function signInAsOfficer(page: Page, host: RunningHost): Promise<void> {
  await openApp(page, host);
  await signIn(page, officer.username, officer.password);
}

/** The export form filled with the demo's whole history (about 13 months up to today), then started. */
async function startExport(page: Page, demo: DemoPractice): Promise<void> {
  await page.getByLabel('From', { exact: true }).fill(demo.historyStart);
  await page.getByLabel('To', { exact: true }).fill(demo.today);
  await page.getByRole('button', { name: 'Start export' }).click();
}

test('the privacy officer exports the demo history with the progress bar on screen, and the CLI verifies the file it saved', async ({
  page,
  host,
  demo,
}, testInfo) => {
  const disk = stallBundleWrites();
  try {
    await signInAsOfficer(page, host);
    // Home leads to the privacy officer's pages.
    const links = page.getByRole('region', { name: 'Audits and records' });
    await expect(links.getByRole('link')).toHaveText(['Export for audit', 'Reports', 'Retention', 'Backups']);

    await goTo(page, 'Export for audit');
    await expect(page.getByLabel('Include patient names in file names and spreadsheets')).not.toBeChecked();
    await expect(page.getByLabel('Include patient names in file names and spreadsheets')).toHaveAccessibleDescription(/Off by default/);
    await expectAccessible(page, 'export for audit');

    // A range the wrong way round is caught on the To box, and nothing starts.
    await page.getByLabel('From', { exact: true }).fill(demo.today);
    await page.getByLabel('To', { exact: true }).fill(demo.historyStart);
    await page.getByRole('button', { name: 'Start export' }).click();
    await expect(page.getByLabel('To', { exact: true })).toHaveAccessibleDescription(/Choose a day on or after the “From” day\./);
    await expect(page.getByLabel('To', { exact: true })).toBeFocused();
    await expect(page.getByRole('region', { name: 'Export in progress' })).toHaveCount(0);

    await startExport(page, demo);
    // The disk holds the bundle's writes: the export is running, for as long as the test looks at it.
    await disk.stalled;
    const running = page.getByRole('region', { name: 'Export in progress' });
    const bar = running.getByRole('progressbar');
    await expect(bar).toBeVisible();
    await expect(bar).toHaveAttribute('aria-valuenow', /^\d+$/);
    const total = Number(await bar.getAttribute('aria-valuemax'));
    // README, two spreadsheets, the audit excerpt, the certificate, manifest and signature, and the PDFs.
    expect(total).toBeGreaterThan(7);
    await expect(running).toContainText(new RegExp(`\\d+ of ${total} files`));
    await expect(running.getByRole('button', { name: 'Cancel export' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: `Export started: ${total} files to write.` })).toBeVisible();
    await expectAccessible(page, 'export in progress');
    await snapshot(page, testInfo, '01-export-running');

    disk.release();
    const ready = page.getByRole('region', { name: 'Bundle ready' });
    await expect(ready).toBeVisible();
    await expect(ready.getByRole('progressbar')).toHaveAttribute('aria-valuenow', String(total));
    await expect(ready).toContainText(`${total} of ${total} files`);
    await expect(ready.getByRole('button', { name: 'Cancel export' })).toHaveCount(0);

    // Where it was saved, how big it is and its SHA-256: all true of the file on disk.
    const filePath = (await fact(ready, 'Saved in').textContent())!;
    expect(path.dirname(filePath)).toBe(demo.exportsDir);
    expect(await readdir(demo.exportsDir)).toEqual([path.basename(filePath)]);
    await expect(fact(ready, 'File')).toHaveText(path.basename(filePath));
    const bytes = await readFile(filePath);
    await expect(fact(ready, 'SHA-256')).toHaveText(crypto.createHash('sha256').update(bytes).digest('hex'));
    await expect(fact(ready, 'Size')).toContainText(`(${bytes.length.toLocaleString('en-US')} bytes)`);
    expect((await stat(filePath)).size).toBe(bytes.length);

    // What it holds: every signed authorization of the demo (drafts never), the one revocation, no names.
    const review = await ask(host, 'retention.review', { purgeableOnly: false });
    const revoked = review.rows.filter((r) => r.revokedAt !== null);
    expect(revoked).toHaveLength(1);
    await expect(fact(ready, 'Contents')).toHaveText(
      new RegExp(`^${review.reviewed} authorizations, 1 revocation acknowledgment, \\d+ posts and \\d+ audit events$`),
    );
    const entries = [...(await readZip(filePath)).keys()];
    expect(entries.filter((name) => name.endsWith('.pdf') && !name.startsWith('program/'))).toHaveLength(review.reviewed + revoked.length);
    // The compliance program's signed PDFs (its report, the policy versions, the incident reports) come too; its training materials are not the practice's to sign.
    const programPdfs = entries.filter((name) => name.startsWith('program/') && name.endsWith('.pdf') && !name.startsWith('program/training-materials/'));
    expect(programPdfs).toContain('program/compliance-program-report.pdf');
    const lastNames = review.rows.map((r) => r.patientName.split(' ').at(-1)!);
    expect(entries.filter((name) => lastNames.some((last) => name.includes(last)))).toEqual([]);

    // Checked in the app, as an auditor would.
    await ready.getByRole('button', { name: 'Verify bundle' }).click();
    const verified = page.getByRole('status').filter({ hasText: /^Bundle intact: / });
    await expect(verified).toBeVisible();
    const [, files, signatures, events] = /Checked (\d+) files, (\d+) PDF signatures and (\d+) audit events\./.exec((await verified.textContent())!)!;
    expect(Number(signatures)).toBe(review.reviewed + revoked.length + programPdfs.length);
    await expectAccessible(page, 'bundle ready and verified');
    await snapshot(page, testInfo, '02-export-verified');

    // And by the auditor, with nothing but the file: no data folder, no password.
    const check = await runConsentDesk(['verify-bundle', filePath]);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    expect(check.stdout).toContain(`Bundle: ${path.basename(filePath)}`);
    expect(check.stdout).toContain('Practice: Riverside Physical Therapy');
    expect(check.stdout).toContain(`Range: ${demo.historyStart} to ${demo.today}`);
    expect(check.stdout).toContain(`Checked: ${files} files, ${signatures} PDF signatures, ${events} audit events`);
    expect(check.stdout).toContain('Bundle intact: every file matches its signed manifest and every signature is valid.');

    // Both exports' ends and the verification are on the record.
    expect((await ask(host, 'audit.list', { action: 'export.completed' })).total).toBe(1);
    expect((await ask(host, 'audit.list', { action: 'export.verified' })).total).toBe(1);
  } finally {
    disk.restore();
  }
});

test('an export survives a reload of the page; cancelled while it runs, it leaves no zip and no temporary file behind', async ({ page, host, demo }, testInfo) => {
  const disk = stallBundleWrites();
  try {
    await signInAsOfficer(page, host);
    await goTo(page, 'Export for audit');
    await startExport(page, demo);
    await disk.stalled;
    const running = page.getByRole('region', { name: 'Export in progress' });
    await expect(running.getByRole('progressbar')).toBeVisible();
    // Mid-way, the bundle exists only as a hidden temporary file beside its final name.
    const during = await readdir(demo.exportsDir);
    expect(during.filter((name) => name.startsWith('.') && name.includes('.partial')).length).toBeGreaterThan(0);
    expect(during.filter((name) => name.endsWith('.zip'))).toEqual([]);

    // The window reloads (or the officer comes back later): the running export is found again.
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-app-ready', 'true');
    await goTo(page, 'Export for audit');
    await expect(running.getByRole('progressbar')).toBeVisible();

    await running.getByRole('button', { name: 'Cancel export' }).click();
    const cancelled = page.getByRole('region', { name: 'Export cancelled' });
    await expect(cancelled).toContainText('Nothing was left behind: the partial file was deleted and no bundle was saved.');
    await expect(cancelled.getByRole('progressbar')).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: 'Export cancelled. Nothing was kept.' })).toBeVisible();
    expect(await readdir(demo.exportsDir)).toEqual([]);
    const events = await ask(host, 'audit.list', { action: 'export.cancelled' });
    expect(events.events.map((e) => e.detail)).toEqual([expect.stringMatching(/; nothing kept$/)]);
    await expectAccessible(page, 'export cancelled');
    await snapshot(page, testInfo, '03-export-cancelled');
  } finally {
    disk.restore();
  }

  // Nothing is left running either: the next export starts at once and completes. This one asks for
  // the revoked authorizations only, with patient names: the bundle holds just those, named.
  const revoked = (await ask(host, 'retention.review', { purgeableOnly: false })).rows.filter((r) => r.revokedAt !== null);
  expect(revoked).toHaveLength(1);
  await tick(page, 'Only authorizations now in these states (optional)', ['Revoked']);
  await page.getByLabel('Include patient names in file names and spreadsheets').check();
  await page.getByRole('button', { name: 'Start export' }).click();
  const ready = page.getByRole('region', { name: 'Bundle ready' });
  await expect(ready).toContainText('only Revoked; patient names included.');
  await expect(fact(ready, 'Contents')).toHaveText(/^1 authorization, 1 revocation acknowledgment, \d+ posts? and \d+ audit events$/);
  const zips = (await readdir(demo.exportsDir)).filter((name) => name.endsWith('.zip'));
  expect(zips).toHaveLength(1);
  expect((await readdir(demo.exportsDir)).filter((name) => name.startsWith('.'))).toEqual([]);
  const lastName = revoked[0]!.patientName.split(' ').at(-1)!;
  const pdfs = [...(await readZip(path.join(demo.exportsDir, zips[0]!))).keys()].filter((name) => name.endsWith('.pdf'));
  // The compliance program's own documents (program/) travel with every bundle; the authorizations are filtered.
  expect(pdfs.filter((name) => !name.startsWith('program/'))).toEqual([
    expect.stringMatching(new RegExp(`^authorizations/${lastName}-.*_${revoked[0]!.authorizationId}\\.pdf$`)),
    expect.stringMatching(new RegExp(`^revocations/${lastName}-.*_${revoked[0]!.authorizationId}\\.pdf$`)),
  ]);
});

test('the reports show the demo’s uncovered post, expiring consents, revocations and staff activity, and save as signed PDFs', async ({
  page,
  host,
}, testInfo) => {
  await signInAsOfficer(page, host);
  await goTo(page, 'Reports');
  // What the backend finds in the demo: one post still up after its consent expired, waiting to be taken down.
  const uncovered = await ask(host, 'reports.uncoveredPosts', {});
  expect(uncovered.total).toBe(1);
  expect(uncovered.liveWithoutCoverage.map((p) => p.state)).toEqual(['takedown_required']);
  const [live] = uncovered.liveWithoutCoverage;

  const first = page.getByRole('region', { name: 'Posts without a valid, covering consent' });
  await expect(first.locator('.headline-number')).toHaveText('1 post without a valid, covering consent. It should be zero.');
  const liveTable = first.getByRole('table', { name: /Still up, and not covered today/ });
  await expect(liveTable.getByRole('row').filter({ hasText: live!.patientName })).toContainText(live!.reasons[0]!);
  await expect(first.getByRole('table', { name: /Published when their consent did not cover them/ })).toHaveCount(0);

  const expiring = await ask(host, 'reports.expiringConsents', {});
  const soon = page.getByRole('region', { name: 'Consents expiring in the next 90 days' });
  await expect(soon.getByRole('heading', { name: `Within 30 days (${expiring.within30.length})` })).toBeVisible();
  for (const row of expiring.within30) await expect(soon.getByRole('row').filter({ hasText: row.patientName })).toContainText(String(row.daysLeft));

  // The default period is the last twelve months: the demo's revocation and its take-down are in it.
  const revocations = page.getByRole('region', { name: /^Revocations, / });
  await expect(revocations.getByRole('table', { name: 'Revocations (1)' })).toContainText(/post: taken down/);
  const activity = page.getByRole('region', { name: /^Staff activity, / });
  await expect(activity.getByRole('row').filter({ hasText: `${officer.displayName} (${officer.username})` })).toContainText('Administrator');
  await expectAccessible(page, 'reports');
  await snapshot(page, testInfo, '04-reports');

  // A period with nothing in it, then a range the wrong way round caught by the form.
  await page.getByLabel('From', { exact: true }).fill('2001-01-01');
  await page.getByLabel('To', { exact: true }).fill('2001-01-31');
  await page.getByRole('button', { name: 'Show reports for this period' }).click();
  await expect(page.getByRole('region', { name: 'Revocations, January 1, 2001 to January 31, 2001' })).toContainText(
    'No revocation was recorded in this period.',
  );
  await page.getByLabel('From', { exact: true }).fill('2001-02-01');
  await page.getByRole('button', { name: 'Show reports for this period' }).click();
  await expect(page.getByLabel('To', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  // The first report as a signed PDF: patients by id only, unless asked.
  const saved = await saveDownload(page, first.getByRole('button', { name: 'Download PDF (uncovered posts)' }), testInfo, 'uncovered-posts.pdf');
  expect(saved.suggested).toMatch(/^report-uncovered-posts-\d{4}-\d{2}-\d{2}\.pdf$/);
  await expect(page.getByRole('status').filter({ hasText: `The uncovered posts report is saved as ${saved.suggested}` })).toBeVisible();
  const pdf = readPdf(saved.bytes);
  expect(pdf.signature).toContain('Signature is Valid');
  expect(pdf.text).toContain('1 post(s). This number should be zero.');
  expect(pdf.text).toContain(`Patient ${live!.patientId}`);
  expect(pdf.text).not.toContain(live!.patientName);

  await page.getByLabel('Include patient names in downloaded PDFs').check();
  const named = await saveDownload(page, first.getByRole('button', { name: 'Download PDF (uncovered posts)' }), testInfo, 'uncovered-posts-named.pdf');
  expect(readPdf(named.bytes).text).toContain(`${live!.patientName} (${live!.patientId})`);

  // A report over a range takes the period chosen on the page.
  const ranged = await saveDownload(page, activity.getByRole('button', { name: 'Download PDF (staff activity)' }), testInfo, 'staff-activity.pdf');
  expect(ranged.suggested).toMatch(/^report-staff-activity-\d{4}-\d{2}-\d{2}\.pdf$/);
  expect(readPdf(ranged.bytes).text).toContain('From January 1, 2001 to January 31, 2001: 0 audit event(s).');
  expect((await ask(host, 'audit.list', { action: 'report.pdf_exported' })).total).toBe(3);
});

test('a purge inside the six-year retention window is offered nowhere in the page and refused by the contract', async ({ page, host, demo }, testInfo) => {
  await signInAsOfficer(page, host);
  await goTo(page, 'Retention');
  const review = await ask(host, 'retention.review', { purgeableOnly: false });
  // The demo's history is about a year long: nothing is six years old.
  expect(review.purgeable).toBe(0);
  await expect(page.getByText(`Reviewed on ${formatDay(demo.today, 'en')}: ${review.reviewed} signed authorization(s), 0 may be purged.`)).toBeVisible();
  await expect(page.getByText('No authorization may be purged today: every one is still within its six years or in effect.')).toBeVisible();
  await expectAccessible(page, 'retention (purgeable only)');

  await page.getByLabel('Show only authorizations that may be purged today').uncheck();
  const table = page.getByRole('table', { name: `Signed authorizations (${review.reviewed})` });
  await expect(table.getByRole('row')).toHaveCount(review.reviewed + 1);
  await expect(page.getByRole('button', { name: /^Purge/ })).toHaveCount(0);
  // Each row says when it may go: the day after its six years, or not while it is in effect.
  const revoked = review.rows.find((r) => r.revokedAt !== null)!;
  expect(revoked.verdict.keptThrough).not.toBeNull();
  const revokedRow = table.getByRole('row').filter({ hasText: revoked.patientName });
  await expect(revokedRow).toContainText(`From ${formatDay(addDaysTo(revoked.verdict.keptThrough!, 1), 'en')}`);
  await expect(revokedRow).toContainText(revoked.verdict.message);
  const inEffect = review.rows.find((r) => !r.verdict.purgeable && r.verdict.reason === 'in_effect')!;
  await expect(table.getByRole('row').filter({ hasText: inEffect.patientName }).first()).toContainText('Not while it is in effect');
  await expectAccessible(page, 'retention (all)');
  await snapshot(page, testInfo, '05-retention');

  // The contract refuses it too, saying until when the record must be kept; the attempt is on the record.
  const refused = await callHost(host, 'retention.purge', { id: revoked.authorizationId });
  expect(refused.status).toBe(409);
  expect(refused.body.ok ? null : refused.body.error).toMatchObject({
    code: 'conflict',
    message: expect.stringContaining(`must be kept through ${formatDay(revoked.verdict.keptThrough!, 'en')}`),
  });
  const after = await ask(host, 'retention.review', { purgeableOnly: false });
  expect(after.rows.map((r) => r.authorizationId)).toContain(revoked.authorizationId);
  const attempts = await ask(host, 'audit.list', { action: 'consent.purge_refused' });
  expect(attempts.events.map((e) => e.subjectId)).toEqual([revoked.authorizationId]);
});

test.describe('six and a quarter years later', () => {
  // The backend's clock moved past the six years of the demo's lapsed authorizations, not of those ending later.
  test.use({ daysAhead: 6 * 365 + 2 + 90 });

  test('the administrator purges what the rule allows; a consent whose post still needs taking down waits, on the page and in the contract', async ({
    page,
    host,
  }, testInfo) => {
    // Years on, the yearly confirmation of the social-media policy comes before anything else.
    await openApp(page, host);
    await signInToPolicy(page, officer.username, officer.password);
    await readAndAcknowledge(page, officer.password);
    await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
    const review = await ask(host, 'retention.review', { purgeableOnly: false });
    const purgeable = review.rows.filter((r) => r.verdict.purgeable);
    // Past its six years, but a post relying on it still stands or waits to be taken down.
    const live = new Set(
      (await ask(host, 'posts.list', {}))
        .filter((p) => p.state === 'approved' || p.state === 'published' || p.state === 'takedown_required')
        .map((p) => p.consentId),
    );
    const blocked = review.rows.find((r) => live.has(r.authorizationId) && r.verdict.keptThrough !== null && r.verdict.keptThrough < review.today);
    const kept = review.rows.filter((r) => !r.verdict.purgeable && r.verdict.reason === 'within_period');
    expect(blocked?.verdict).toMatchObject({ purgeable: false, reason: 'posts_to_take_down' });
    expect(purgeable.map((r) => r.authorizationId)).not.toContain(blocked!.authorizationId);
    const free = purgeable[0];
    expect(free).toBeDefined();
    expect(kept.length).toBeGreaterThanOrEqual(1);

    await goTo(page, 'Retention');
    const table = page.getByRole('table', { name: `Authorizations that may be purged (${purgeable.length})` });
    await expect(table.getByRole('row')).toHaveCount(purgeable.length + 1);
    await expectAccessible(page, 'retention with purgeable records');

    // The contract refuses it too, saying why, and the attempt is on the record.
    const refused = await callHost(host, 'retention.purge', { id: blocked!.authorizationId });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/still need taking down/) } });
    const refusals = await ask(host, 'audit.list', { action: 'consent.purge_refused' });
    expect(refusals.events.map((e) => e.subjectId)).toContain(blocked!.authorizationId);

    await table.getByRole('button', { name: `Purge ${free!.patientName}’s authorization` }).click();
    const dialog = page.getByRole('dialog', { name: `Purge ${free!.patientName}’s authorization?` });
    await expect(dialog).toContainText('for good');
    await expectAccessible(page, 'purge dialog');
    await snapshot(page, testInfo, '06-purge-dialog');
    await dialog.getByRole('button', { name: 'Purge authorization' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: `Purged ${free!.patientName}’s authorization` })).toBeVisible();
    await expect(page.getByRole('table', { name: `Authorizations that may be purged (${purgeable.length - 1})` })).toBeVisible();
    expect((await ask(host, 'retention.review', { purgeableOnly: false })).rows.map((r) => r.authorizationId)).not.toContain(free!.authorizationId);

    // Every other record says when it may go, and offers no Purge button.
    await page.getByLabel('Show only authorizations that may be purged today').uncheck();
    const waiting = page.getByRole('row').filter({ hasText: blocked!.patientName }).filter({ hasText: 'Once its posts are taken down' });
    await expect(waiting).toHaveCount(1);
    await expect(waiting.getByRole('button')).toHaveCount(0);
    for (const row of kept) {
      const line = page.getByRole('row').filter({ hasText: row.patientName }).filter({ hasText: `From ${formatDay(addDaysTo(row.verdict.keptThrough!, 1), 'en')}` }).first();
      await expect(line).toBeVisible();
      await expect(line.getByRole('button')).toHaveCount(0);
    }
    const purged = await ask(host, 'audit.list', { action: 'consent.purged' });
    expect(purged.events.map((e) => e.subjectId)).toEqual([free!.authorizationId]);
  });
});

test('a backup made on request is listed, the schedule is saved, and restoring the backup signs everyone out and puts the store back', async ({
  page,
  host,
  demo,
}, testInfo) => {
  await signInAsOfficer(page, host);
  await goTo(page, 'Backups');
  const overview = page.getByRole('region', { name: 'Overview' });
  const defaultFolder = path.join(demo.dataDir, 'backups');
  await expect(fact(overview, 'Folder')).toContainText(defaultFolder);
  await expect(fact(overview, 'Schedule')).toHaveText('Daily, keeping the newest 14');
  await expect(fact(overview, 'Last backup')).toHaveText('None yet');
  await expect(page.getByText('There is no backup in this folder yet.')).toBeVisible();
  await expectAccessible(page, 'backups (none yet)');

  await overview.getByRole('button', { name: 'Back up now' }).click();
  const written = page.getByRole('status').filter({ hasText: /^Backup written: consent-desk-backup-\d{8}T\d{9}Z\.cdbackup / });
  await expect(written).toBeVisible();
  const fileName = /consent-desk-backup-\d{8}T\d{9}Z\.cdbackup/.exec((await written.textContent())!)![0];
  expect(await readdir(defaultFolder)).toEqual([fileName]);
  const list = page.getByRole('table', { name: 'Backups in the folder, newest first (1)' });
  await expect(list.getByRole('row').filter({ hasText: fileName })).toContainText('On request');
  await expect(fact(overview, 'Last backup')).not.toHaveText('None yet');

  // The schedule: a folder that does not exist is refused on its box; then every 12 hours, keeping 3.
  const schedule = page.getByRole('region', { name: 'Schedule' });
  await schedule.getByLabel('Backup folder').fill(path.join(demo.dataDir, 'no-such-folder'));
  await schedule.getByRole('button', { name: 'Save schedule' }).click();
  await expect(schedule.getByLabel('Backup folder')).toHaveAccessibleDescription(/Choose an existing folder Consent Desk may write to\./);
  await schedule.getByLabel('Backup folder').fill('');
  await schedule.getByLabel('Back up every (hours)').fill('12');
  await schedule.getByLabel('Backups to keep').fill('3');
  await schedule.getByRole('button', { name: 'Save schedule' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Schedule saved.' })).toBeVisible();
  await expect(fact(overview, 'Schedule')).toHaveText('Every 12 hours, keeping the newest 3');
  await expectAccessible(page, 'backups (one made)');
  await snapshot(page, testInfo, '07-backups');

  // Restore the backup, made before the schedule changed: a wrong password first.
  await list.getByRole('button', { name: /^Restore the backup made / }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
  await expect(dialog).toContainText('Everything recorded since then is lost, and everyone is signed out');
  await dialog.getByLabel('Password', { exact: true }).fill('not the password it had');
  await dialog.getByRole('button', { name: 'Restore and sign everyone out' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/^That password does not open this backup\./);
  await expectAccessible(page, 'restore dialog');
  await dialog.getByLabel('Password', { exact: true }).fill(officer.password);
  await dialog.getByRole('button', { name: 'Restore and sign everyone out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
  await expect(page.getByText('Consent Desk was restored from the backup, and everyone was signed out.')).toBeVisible();

  // Back in, on the same page.
  await page.getByLabel('Username', { exact: true }).fill(officer.username);
  await page.getByLabel('Password', { exact: true }).fill(officer.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Backups', level: 1 })).toBeVisible();
  // The store is as it was when the backup was made: the schedule change came after it.
  await expect(fact(page.getByRole('region', { name: 'Overview' }), 'Schedule')).toHaveText('Daily, keeping the newest 14');
  await expect(page.getByRole('table', { name: 'Backups in the folder, newest first (1)' })).toContainText(fileName);
  const restored = await ask(host, 'audit.list', { action: 'store.restored' });
  expect(restored.events.map((e) => e.actorName)).toEqual([officer.username]);
});

test.describe('at 200% zoom', () => {
  test.use({ viewport: { width: 640, height: 430 }, deviceScaleFactor: 2 });

  test('the privacy officer’s pages reflow without scrolling sideways', async ({ page, host }, testInfo) => {
    await signInAsOfficer(page, host);
    for (const [link, ready] of [
      ['Export for audit', page.getByRole('button', { name: 'Start export' })],
      ['Reports', page.getByRole('table', { name: /Staff activity/ })],
      ['Retention', page.getByText(/^Reviewed on /)],
      ['Backups', page.getByRole('button', { name: 'Back up now' })],
    ] as const) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
      await expect(page.getByRole('heading', { name: link, level: 1 })).toBeVisible();
      await expect(ready).toBeVisible();
      // This file compiles without DOM types; this is the part of `document` it reads.
      const overflow = await page.evaluate(() => {
        const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
        return root.scrollWidth - root.clientWidth;
      });
      expect(overflow, `${link} scrolls sideways`).toBeLessThanOrEqual(0);
      await snapshot(page, testInfo, `08-${link.toLowerCase().replace(/ /g, '-')}-zoomed`);
    }
  });
});
