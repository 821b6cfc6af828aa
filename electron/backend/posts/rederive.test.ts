import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { completeTerms } from '../../../shared/authorization/test-terms';
import { storePaths } from '../data-dir';
import { Store } from '../store/store';
import { samplePatient, signAuthorization } from '../testing/consent-flow';
import { manualClock } from '../testing/manual-clock';
import { adminPassword, setUpStore, testBackend } from '../testing/test-backend';

describe('posts judged by older rules', () => {
  it('are derived again when a newer version opens the store, and what the better rules find uncovered comes down', async () => {
    const clock = manualClock('2026-11-29T17:00:00.000Z');
    const t = await setUpStore({ now: clock.now, workstationTimeZone: 'America/Chicago' });
    const patient = await t.call('patients.create', samplePatient);
    const consent = await signAuthorization(t.call, patient.id, completeTerms(), 'Maria Lopez', adminPassword);
    const testimonial = await t.call('testimonials.create', { patientId: patient.id, title: 'Stairs', quote: '' });
    const post = await t.call('posts.create', { testimonialId: testimonial.id, consentId: consent.id, channel: 'facebook', caption: 'Maria is back!', mediaIds: [], purpose: 'advertising', thirdPartyPays: false, extraContentKinds: [] });
    await t.call('posts.approve', { id: post.id });
    await t.call('posts.publish', { id: post.id, publishedOn: '2026-11-29', url: 'https://www.facebook.com/riverside/posts/7' });
    t.backend.close();

    // What a store of an older version holds: a caption its rules read as a first name only, and no record of the rules' version.
    const paths = storePaths(t.dataDir);
    const [unlocked] = await Store.unlock(paths, { username: 'admin', password: adminPassword });
    const store = Store.openWithKey(paths, unlocked!.keyring, unlocked!.dataKey);
    store.write(() => {
      store.db.prepare("UPDATE posts SET caption = 'Maria is back after her knee replacement!', content_kinds = '[\"first_name\"]'").run();
      store.db.prepare("DELETE FROM settings WHERE key = 'disclosureRulesVersion'").run();
    });
    store.close();

    const again = testBackend({ dataDir: t.dataDir, now: clock.now });
    await again.call('session.signIn', { username: 'admin', password: adminPassword });
    const [seen] = await again.call('posts.list', {});
    expect(seen).toMatchObject({
      state: 'takedown_required',
      contentKinds: ['first_name', 'health_condition'],
      takedownReason: 'The consent does not include the patient’s health condition or treatment.',
    });
    again.backend.close();
    fs.rmSync(t.dataDir, { recursive: true, force: true });
  });
});
