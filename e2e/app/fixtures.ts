import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import type { CallResult } from '../../shared/errors';
import { testKdf } from '../../electron/backend/testing/test-backend';
import { startHost, type RunningHost } from '../host/start';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const practiceName = 'Riverside Family Practice';
export const practiceAddress = '45 Elm Street, Suite 2\nSpringfield, IL 62704';
export const admin = { displayName: 'Alex Morgan', username: 'alex', password: 'correct horse battery staple' };

/** A call straight to the host, as the page would make it: for seeding, and to show the backend refuses. */
export async function callHost<K extends CallName>(host: RunningHost, name: K, input: CallInput<K>): Promise<{ status: number; body: CallResult<CallOutput<K>> }> {
  const response = await fetch(`${host.origin}/api/call/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as CallResult<CallOutput<K>> };
}

/** A call to the host that must succeed (seeding, and a test's own set-up): its value, or an error naming the call. */
export async function mustCall<K extends CallName>(host: RunningHost, name: K, input: CallInput<K>): Promise<CallOutput<K>> {
  const { body } = await callHost(host, name, input);
  if (!body.ok) throw new Error(`${name} failed while seeding: ${body.error.message}`);
  return body.value;
}

/** A store set up with the administrator, signed out: tests that are not about setup start here. */
export async function seedStore(host: RunningHost): Promise<{ recoveryKey: string }> {
  const { recoveryKey } = await mustCall(host, 'setup.create', {
    practiceName,
    adminDisplayName: admin.displayName,
    adminUsername: admin.username,
    password: admin.password,
  });
  // The seed stored the key (it returns it): the app need not come back to that step.
  await mustCall(host, 'store.confirmRecoveryKey', {});
  await mustCall(host, 'settings.update', { practiceAddress: practiceAddress, practiceEmail: 'privacy@riverside-family.example' });
  await mustCall(host, 'session.signOut', {});
  return { recoveryKey };
}

/** Open the app and wait for it to announce that its first state has loaded. */
export async function openApp(page: Page, host: RunningHost): Promise<void> {
  await page.goto(host.url);
  await expect(page.locator('html')).toHaveAttribute('data-app-ready', 'true');
}

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
}

/** Sign in when the policy is waiting to be acknowledged: the policy comes first, not Home. */
export async function signInToPolicy(page: Page, username: string, password: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Read the social-media policy', level: 1 })).toBeVisible();
}

/** Read the policy to its end with the keyboard, then confirm with the password. */
export async function readAndAcknowledge(page: Page, password: string): Promise<void> {
  const reader = page.getByRole('region', { name: /^Social-media policy, version \d+$/ });
  await reader.focus();
  await page.keyboard.press('End');
  await expect(page.getByRole('status').filter({ hasText: 'You have read the policy to its end.' })).toBeVisible();
  await page.getByLabel('Your password').fill(password);
  await page.getByRole('button', { name: 'I have read the policy and will follow it' }).click();
}

export async function goTo(page: Page, linkName: string, heading = linkName): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: linkName, exact: true }).click();
  await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
}

/** axe-core on the page as it is now: no violations, listed readably when there are some. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found, `accessibility violations on the ${screen} screen`).toEqual([]);
}

/** A full-page screenshot kept with the test's results, to look at. */
export async function snapshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

/**
 * Each test gets its own development host on a fresh, empty data folder.
 * Key slots use the backend's test cost for scrypt (the knob exists for
 * tests): the flows here sign in dozens of times.
 */
export const test = base.extend<{ host: RunningHost }>({
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'consent-desk-e2e-'));
    const host = await startHost({ dataDir, staticDir: path.join(repoRoot, 'app', 'dist', 'renderer'), backend: { kdf: testKdf } });
    await use(host);
    await host.close();
    await rm(dataDir, { recursive: true, force: true });
  },
});

export { expect };
