import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test as base, type Page } from '@playwright/test';
import { createBackend } from '../../electron/backend/backend';
import { samplePatient, signAuthorization } from '../../electron/backend/testing/consent-flow';
import { testKdf } from '../../electron/backend/testing/test-backend';
import { completeTerms } from '../../shared/authorization/test-terms';
import { addDaysTo, dayOf, workstationTimeZone } from '../../shared/calendar';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import { startHost, type RunningHost } from '../host/start';
import { admin, practiceAddress, practiceName } from './fixtures';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const frontDesk = { displayName: 'Fran Front', username: 'fran', password: 'front desk keeps the records' };
export const marketer = { displayName: 'Mo Market', username: 'mo', password: 'posts and pictures only please' };

/** What the seeded store holds, for the tests to refer to. */
export interface MarketingPractice {
  dataDir: string;
  today: string;
  maria: { id: string; consentId: string };
  james: { id: string; consentId: string; postId: string };
}

/**
 * A practice ready for marketing, made through the contract before the host
 * starts (a separate backend on the same data folder, closed first):
 * - the administrator, a front-desk user and a marketing user;
 * - Maria Lopez, whose signed consent allows her written testimonial, first
 *   name and photographs on Facebook and Instagram for advertising, until 75
 *   days from today;
 * - James Carter, whose consent ends in 20 days, with a published website
 *   post relying on it (so the dashboard has something expiring).
 * Key slots use the tests' low scrypt cost; each slot records its own.
 */
async function seedPractice(dataDir: string): Promise<MarketingPractice> {
  const backend = createBackend({ dataDir, kdf: testKdf, workstation: 'e2e-seed' });
  const call = async <K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> => {
    const result = await backend.invoke(name, input);
    if (!result.ok) throw new Error(`${name} failed while seeding: ${result.error.message}`);
    return result.value as CallOutput<K>;
  };
  try {
    const today = dayOf(new Date(), workstationTimeZone());
    await call('setup.create', { practiceName, adminDisplayName: admin.displayName, adminUsername: admin.username, password: admin.password });
    await call('store.confirmRecoveryKey', {});
    await call('settings.update', { practiceAddress });
    await call('staff.create', { ...frontDesk, role: 'frontdesk' });
    await call('staff.create', { ...marketer, role: 'marketing' });

    const maria = await call('patients.create', samplePatient);
    const mariaConsent = await signAuthorization(
      call,
      maria.id,
      completeTerms({ expiration: { kind: 'date', date: addDaysTo(today, 75) } }),
      'Maria Lopez',
      admin.password,
    );

    const james = await call('patients.create', { firstName: 'James', lastName: 'Carter', dateOfBirth: '1970-02-11', city: 'Shelbyville' });
    const jamesConsent = await signAuthorization(
      call,
      james.id,
      completeTerms({
        scope: { contentKinds: ['written_testimonial', 'first_name'], channels: ['website', 'facebook'], otherChannels: [], purposes: ['patient_education'], otherPurposes: [] },
        expiration: { kind: 'date', date: addDaysTo(today, 20) },
      }),
      'James Carter',
      admin.password,
    );
    const story = await call('testimonials.create', {
      patientId: james.id,
      title: 'Walking the dog again',
      quote: 'Six weeks after my first visit I was walking the dog again.',
    });
    const post = await call('posts.create', {
      testimonialId: story.id,
      consentId: jamesConsent.id,
      channel: 'website',
      caption: 'James is walking the dog again.',
      mediaIds: [],
      purpose: 'patient_education',
      thirdPartyPays: false,
      extraContentKinds: [],
    });
    await call('posts.approve', { id: post.id });
    await call('posts.publish', { id: post.id, publishedOn: today, url: 'https://riverside.example/stories/walking-again' });
    await call('session.signOut', {});
    return {
      dataDir,
      today,
      maria: { id: maria.id, consentId: mariaConsent.id },
      james: { id: james.id, consentId: jamesConsent.id, postId: post.id },
    };
  } finally {
    backend.close();
  }
}

/** Like the shared fixtures' `test` (a fresh data folder and host per test), but the host opens a seeded practice. */
export const test = base.extend<{ practice: MarketingPractice; host: RunningHost }>({
  // The data folder and the seed come first; the host fixture opens it.
  // eslint-disable-next-line no-empty-pattern
  practice: async ({}, use) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'consent-desk-e2e-marketing-'));
    await use(await seedPractice(dataDir));
    await rm(dataDir, { recursive: true, force: true });
  },
  host: async ({ practice }, use) => {
    const host = await startHost({ dataDir: practice.dataDir, staticDir: path.join(repoRoot, 'app', 'dist', 'renderer') });
    await use(host);
    await host.close();
  },
});

export { expect } from '@playwright/test';

/** On the Patients screen: find the patient, open their page and record their written revocation (the dialog's defaults). */
export async function recordRevocation(page: Page, search: string, fullName: string): Promise<void> {
  await page.getByLabel('Find a patient').fill(search);
  await page.getByRole('link', { name: fullName }).click();
  await expect(page.getByRole('heading', { name: fullName, level: 1 })).toBeVisible();
  await page.getByRole('button', { name: /^Revoke/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Record a revocation' });
  await dialog.getByRole('button', { name: 'Record revocation' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'The revocation is recorded' })).toBeVisible();
}
