import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base } from '@playwright/test';
import { createBackend } from '../../electron/backend/backend';
import { samplePatient, signAuthorization } from '../../electron/backend/testing/consent-flow';
import { testKdf } from '../../electron/backend/testing/test-backend';
import { completeTerms } from '../../shared/authorization/test-terms';
import { addDaysTo, dayOf, workstationTimeZone } from '../../shared/calendar';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import { startHost, type RunningHost } from '../host/start';
import { admin, practiceAddress, practiceName } from './fixtures';
import { frontDesk, marketer } from './marketing-practice';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export { admin, frontDesk, marketer };

/** What the seeded practice holds, for the tests to refer to. */
export interface ProgramPractice {
  dataDir: string;
  today: string;
  consentId: string;
  /** Published on Facebook today. */
  livePostId: string;
  /** Approved for Instagram, not published yet. */
  approvedPostId: string;
}

/**
 * A practice before its compliance program starts, made through the
 * contract before the host opens it: the administrator, a front-desk and a
 * marketing user; Maria Lopez's signed consent (her quote, first name and
 * photos on Facebook and Instagram, for advertising, for 75 days); a post
 * published on Facebook today and one approved for Instagram. No policy is
 * published yet, so nobody has been asked to acknowledge one.
 */
async function seedPractice(dataDir: string): Promise<ProgramPractice> {
  const backend = createBackend({ dataDir, kdf: testKdf, workstation: 'e2e-seed' });
  const call = async <K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> => {
    const result = await backend.invoke(name, input);
    if (!result.ok) throw new Error(`${name} failed while seeding: ${result.error.message}`);
    return result.value as CallOutput<K>;
  };
  try {
    const today = dayOf(new Date(), workstationTimeZone());
    await call('setup.create', { practiceName, adminDisplayName: admin.displayName, adminUsername: admin.username, password: admin.password });
    // The seed keeps the recovery key's step done: the app would otherwise come back to it (issue 12).
    await call('store.confirmRecoveryKey', {});
    await call('settings.update', { practiceAddress, practiceEmail: 'privacy@riverside-family.example', practicePhone: '(217) 555-0100' });
    await call('staff.create', { ...frontDesk, role: 'frontdesk' });
    await call('staff.create', { ...marketer, role: 'marketing' });
    const maria = await call('patients.create', samplePatient);
    const consent = await signAuthorization(call, maria.id, completeTerms({ expiration: { kind: 'date', date: addDaysTo(today, 75) } }), 'Maria Lopez', admin.password);
    const story = await call('testimonials.create', { patientId: maria.id, title: 'Back on the stairs', quote: 'I can climb stairs again. Thank you all!' });
    const draft = (channel: string) => ({
      testimonialId: story.id,
      consentId: consent.id,
      channel,
      caption: 'Maria is back on the stairs! “I can climb stairs again.”',
      mediaIds: [],
      purpose: 'advertising' as const,
      thirdPartyPays: false,
      extraContentKinds: [],
    });
    const live = await call('posts.create', draft('facebook'));
    await call('posts.approve', { id: live.id });
    await call('posts.publish', { id: live.id, publishedOn: today, url: 'https://www.facebook.com/riverside/posts/1' });
    const approved = await call('posts.create', draft('instagram'));
    await call('posts.approve', { id: approved.id });
    await call('session.signOut', {});
    return { dataDir, today, consentId: consent.id, livePostId: live.id, approvedPostId: approved.id };
  } finally {
    backend.close();
  }
}

/** A fresh seeded practice and host per test. */
export const test = base.extend<{ practice: ProgramPractice; host: RunningHost }>({
  // eslint-disable-next-line no-empty-pattern
  practice: async ({}, use) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'consent-desk-e2e-program-'));
    await use(await seedPractice(dataDir));
    await rm(dataDir, { recursive: true, force: true });
  },
  host: async ({ practice }, use) => {
    const host = await startHost({ dataDir: practice.dataDir, staticDir: path.join(repoRoot, 'app', 'dist', 'renderer'), backend: { kdf: testKdf } });
    await use(host);
    await host.close();
  },
});

export { expect } from '@playwright/test';
