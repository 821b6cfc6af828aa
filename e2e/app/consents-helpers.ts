import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { Locator, Page, TestInfo } from '@playwright/test';
import type { PatientFields } from '../../shared/patients';
import { pdfFlatText, pdfSignatureReport } from '../../electron/backend/testing/pdf-tools';
import type { RunningHost } from '../host/start';
import { admin, callHost, expect, seedStore } from './fixtures';

export const frontDesk = { displayName: 'Fran Front', username: 'fran', password: 'front desk keeps the forms' };

async function must<T>(result: Promise<{ body: { ok: true; value: T } | { ok: false; error: { message: string } } }>, what: string): Promise<T> {
  const { body } = await result;
  if (!body.ok) throw new Error(`${what} failed while seeding: ${body.error.message}`);
  return body.value;
}

/**
 * Preconditions through the backend, before the page signs in: the
 * practice, its administrator and a front-desk account, and optionally
 * patients. Everything under test happens in the page.
 */
export async function seedFrontDesk(host: RunningHost, patients: PatientFields[] = []): Promise<{ patientIds: string[] }> {
  await seedStore(host);
  await must(callHost(host, 'session.signIn', { username: admin.username, password: admin.password }), 'admin sign-in');
  await must(callHost(host, 'staff.create', { ...frontDesk, role: 'frontdesk' }), 'staff.create');
  const patientIds: string[] = [];
  for (const patient of patients) patientIds.push((await must(callHost(host, 'patients.create', patient), 'patients.create')).id);
  await must(callHost(host, 'session.signOut', {}), 'sign-out');
  return { patientIds };
}

/** Ticks a checkbox or picks a radio button by its label inside a fieldset. */
export async function tick(page: Page, group: string, labels: readonly string[]): Promise<void> {
  const fieldset = page.getByRole('group', { name: group });
  for (const label of labels) await fieldset.getByLabel(label, { exact: true }).check();
}

/**
 * A signature drawn with the mouse: several wavy strokes across the box, as
 * a hand would sign (the pad keeps each stroke's points and their times).
 */
export async function drawSignature(page: Page, box: Locator): Promise<void> {
  await box.scrollIntoViewIfNeeded();
  const bounds = await box.boundingBox();
  if (!bounds) throw new Error('The signature box is not on screen.');
  const strokes = 3;
  for (let s = 0; s < strokes; s++) {
    const left = bounds.x + bounds.width * (0.08 + s * 0.3);
    const width = bounds.width * 0.26;
    const middle = bounds.y + bounds.height * (0.45 + s * 0.05);
    await page.mouse.move(left, middle);
    await page.mouse.down();
    for (let i = 1; i <= 40; i++) {
      const t = i / 40;
      await page.mouse.move(left + width * t, middle + Math.sin(t * Math.PI * 3 + s) * bounds.height * 0.22, { steps: 2 });
    }
    await page.mouse.up();
  }
}

/** Back to the top before a full-page screenshot, so sticky parts are drawn where a person first sees them. */
export async function scrollToTop(page: Page): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
}

/** Clicks what starts a download and keeps the file with the test's results. */
export async function saveDownload(page: Page, trigger: Locator, testInfo: TestInfo, name: string): Promise<{ path: string; bytes: Buffer; suggested: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), trigger.click()]);
  const path = testInfo.outputPath(name);
  await download.saveAs(path);
  return { path, bytes: await readFile(path), suggested: download.suggestedFilename() };
}

/** What pdftotext reads in the PDF, whitespace made single spaces; and what pdfsig says of its signature. */
export function readPdf(bytes: Buffer): { text: string; signature: string } {
  return { text: pdfFlatText(bytes), signature: pdfSignatureReport(bytes) };
}

/** The PDF's first page as a small PNG next to the test's results (pdftoppm), for a reviewer to look at. */
export function renderFirstPage(pdfPath: string, testInfo: TestInfo, name: string): string {
  const out = testInfo.outputPath(name);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdfPath, out]);
  return `${out}.png`;
}

/** Every expected phrase, reported all at once when some are missing. */
export function expectAllIn(text: string, phrases: readonly string[], what: string): void {
  expect(phrases.filter((phrase) => !text.includes(phrase)), `missing from ${what}`).toEqual([]);
}
