/**
 * The patient's copy of a signed authorization, through the shell-only
 * calls: the development host has no dialogs or printer, so it "prints" into
 * a test printer folder and takes typed paths (the desktop app uses the
 * system's print and file dialogs for the same calls: e2e/electron).
 */
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base } from '@playwright/test';
import { completeTerms } from '../../shared/authorization/test-terms';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import { signAuthorization } from '../../electron/backend/consents/signing-flow';
import { samplePatient } from '../../electron/backend/testing/consent-flow';
import { pdfSignatureReport } from '../../electron/backend/testing/pdf-tools';
import { testKdf } from '../../electron/backend/testing/test-backend';
import { startHost, type RunningHost } from '../host/start';
import { frontDesk, seedFrontDesk } from './consents-helpers';
import { admin, callHost, expect, expectAccessible, goTo, openApp, signIn } from './fixtures';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const test = base.extend<{ printer: string; host: RunningHost }>({
  // eslint-disable-next-line no-empty-pattern
  printer: async ({}, use) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'consent-desk-printer-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  host: async ({ printer }, use) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'consent-desk-e2e-'));
    const host = await startHost({ dataDir, staticDir: path.join(repoRoot, 'app', 'dist', 'renderer'), backend: { kdf: testKdf }, printerDir: printer });
    await use(host);
    await host.close();
    await rm(dataDir, { recursive: true, force: true });
  },
});

async function finalAuthorization(host: RunningHost): Promise<string> {
  const { patientIds } = await seedFrontDesk(host, [samplePatient]);
  const call = async <K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> => {
    const { body } = await callHost(host, name, input);
    if (!body.ok) throw new Error(`${name}: ${body.error.message}`);
    return body.value;
  };
  await call('session.signIn', { username: frontDesk.username, password: frontDesk.password });
  const final = await signAuthorization(call, patientIds[0]!, completeTerms(), 'Maria Lopez', frontDesk.password);
  await call('session.signOut', {});
  return final.id;
}

test('printing the patient’s copy prints the signed PDF and records it; a declined copy is recorded too', async ({ page, host, printer }) => {
  const id = await finalAuthorization(host);
  await openApp(page, host);
  await signIn(page, frontDesk.username, frontDesk.password);
  // The authorization's own page (renderer/src/features/patients/patients-route.ts).
  await page.goto(`${host.origin}/#/patients?authorization=${encodeURIComponent(id)}`);
  const summary = page.getByRole('region', { name: 'Summary' });
  await expect(summary.getByText(/^Not given yet: print it/)).toBeVisible();

  await page.getByRole('button', { name: 'Print', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The patient’s copy went to the printer.' })).toBeVisible();
  await expect(summary.getByText(/^Printed for the patient: Fran Front, /)).toBeVisible();
  const printed = fs.readdirSync(printer);
  expect(printed).toHaveLength(1);
  const report = pdfSignatureReport(fs.readFileSync(path.join(printer, printed[0]!)));
  expect(report).toContain('Signature is Valid');
  expect(report).toContain('Total document signed');
  await expectAccessible(page, 'authorization with the patient’s copy printed');

  await page.getByRole('button', { name: 'Patient declined a copy' }).click();
  await expect(summary.getByText(/^The patient declined a copy: Fran Front, /)).toBeVisible();
});

test('a bundle is checked from a typed path on the development host', async ({ page, host }) => {
  await finalAuthorization(host);
  await openApp(page, host);
  await signIn(page, admin.username, admin.password);
  await goTo(page, 'Export for audit');
  const section = page.getByRole('region', { name: 'Check a bundle from a file' });
  await section.getByLabel('Bundle file (full path)').fill('/nowhere/missing.zip');
  await section.getByRole('button', { name: 'Check this bundle' }).click();
  await expect(section.getByRole('status')).toHaveText('There is no file at that path.');
  await expectAccessible(page, 'export screen with the bundle check');
});
