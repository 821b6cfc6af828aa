import { describe, expect, it } from 'vitest';
import { builtInPolicy } from '../../../shared/program/policy';
import { pdfFlatText, pdfSignatureReport } from '../testing/pdf-tools';
import { acknowledgePolicy, admin, marketing, programPractice, shownPolicySha256 } from '../testing/program-practice';
import { rejection } from '../testing/test-backend';

const day = 24 * 60 * 60 * 1000;

describe('the social-media policy', () => {
  it('refuses a version with a gap, naming it, and publishes a complete one as version 1', async () => {
    const p = await programPractice({ start: '2026-11-02T15:00:00.000Z' });
    await p.as(admin);
    const gap = structuredClone(builtInPolicy);
    gap.es.sections.reviews.body = '';
    gap.en.dos = ['Ask first.'];
    const refused = await rejection(p.call('policy.publish', { text: gap }));
    expect(refused.code).toBe('validation');
    expect(refused.message).toMatch(/Spanish: “Replying to reviews” needs its text/);
    expect(refused.message).toMatch(/English: list at least 3 things to do \(1 now\)/);
    expect(refused.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['text.es.sections.reviews.body', 'text.en.dos']));
    expect((await p.call('policy.admin', {})).versions).toEqual([]);

    const own = structuredClone(builtInPolicy);
    own.en.donts.push('Do not post photos taken in the treatment rooms.', '');
    const v1 = await p.call('policy.publish', { text: own });
    expect(v1.version).toBe(1);
    expect(v1.text.en.donts.at(-1)).toBe('Do not post photos taken in the treatment rooms.');
    expect(v1.publishedOn).toBe('2026-11-02');
    const events = (await p.call('audit.list', { limit: 20 })).events.map((e) => e.action);
    expect(events).toEqual(expect.arrayContaining(['policy.publish_refused', 'policy.published']));
  });

  it('keeps the draft across sessions and clears it once published', async () => {
    const p = await programPractice({ start: '2026-11-02T15:00:00.000Z' });
    await p.as(admin);
    const text = structuredClone(builtInPolicy);
    text.en.title = 'Our social-media rules';
    await p.call('policy.saveDraft', { text });
    await p.as(admin);
    expect((await p.call('policy.admin', {})).draft?.text.en.title).toBe('Our social-media rules');
    await p.call('policy.publish', { text });
    expect((await p.call('policy.admin', {})).draft).toBeNull();
    // Marketing may not edit the policy.
    await p.as(marketing);
    expect((await rejection(p.call('policy.saveDraft', { text }))).code).toBe('forbidden');
  });

  it('blocks marketing from approving and publishing until they acknowledge, with their password, the text on screen', async () => {
    const p = await programPractice({ start: '2026-11-02T15:00:00.000Z' });
    // Before any policy: nothing to acknowledge, nothing blocked.
    const before = await p.call('posts.create', p.draft());
    expect((await p.call('program.mine', {})).acknowledgment.state).toBe('no_policy');
    await p.call('posts.approve', { id: before.id });

    await p.as(admin);
    await p.call('policy.publish', { text: builtInPolicy });
    await acknowledgePolicy(p.call, admin.password);
    await p.as(marketing);
    const mine = await p.call('program.mine', {});
    expect(mine.acknowledgment).toMatchObject({ state: 'missing', version: 1 });

    const post = await p.call('posts.create', p.draft('instagram'));
    const blocked = await rejection(p.call('posts.approve', { id: post.id }));
    expect(blocked.code).toBe('forbidden');
    expect(blocked.message).toMatch(/cannot approve posts yet: version 1 of the social-media policy is not acknowledged yet/);
    const publishBlocked = await rejection(p.call('posts.publish', { id: before.id, publishedOn: p.today(), url: 'https://facebook.example/p/1' }));
    expect(publishBlocked.message).toMatch(/cannot publish posts yet/);

    const policy = mine.policy!;
    const shown = shownPolicySha256(policy, 'es', mine.practiceName);
    // Another text than the version's (an old screen, a tampered page): refused.
    const stale = await rejection(p.call('policy.acknowledge', { versionId: policy.id, language: 'en', textSha256: shown, password: marketing.password }));
    expect(stale.code).toBe('conflict');
    const wrong = await rejection(p.call('policy.acknowledge', { versionId: policy.id, language: 'es', textSha256: shown, password: 'not my password at all' }));
    expect(wrong.code).toBe('unauthorized');
    expect((await p.call('program.mine', {})).acknowledgment.state).toBe('missing');

    const status = await p.call('policy.acknowledge', { versionId: policy.id, language: 'es', textSha256: shown, password: marketing.password });
    expect(status).toMatchObject({ state: 'current', version: 1, acknowledgedOn: '2026-11-02', renewBy: '2027-11-02' });
    await p.call('posts.approve', { id: post.id });
    await p.call('posts.publish', { id: post.id, publishedOn: p.today(), url: 'https://instagram.example/p/1' });

    await p.as(admin);
    const events = (await p.call('audit.list', { limit: 100 })).events;
    const blockedEvents = events.filter((e) => e.action === 'post.blocked_by_policy');
    expect(blockedEvents.map((e) => e.actorName)).toEqual(['marketing', 'marketing']);
    const ack = events.find((e) => e.action === 'policy.acknowledged' && e.actorName === 'marketing')!;
    expect(ack.detail).toContain(`version 1 (es); text SHA-256 ${shown}`);
    expect(events.some((e) => e.action === 'session.sign_in_failed' && e.detail.includes('acknowledging the social-media policy'))).toBe(true);
  });

  it('asks again for a new version, and once a year', async () => {
    const p = await programPractice({ start: '2026-11-02T15:00:00.000Z' });
    await p.as(admin);
    const first = await p.call('policy.publish', { text: builtInPolicy });
    await p.as(marketing);
    await acknowledgePolicy(p.call, marketing.password);

    p.clock.advance(335 * day);
    await p.as(marketing);
    expect((await p.call('program.mine', {})).acknowledgment).toMatchObject({ state: 'renewal_due', renewBy: '2027-11-02' });
    // Renewal due soon still lets marketing work.
    const post = await p.call('posts.create', p.draft());
    await p.call('posts.approve', { id: post.id });

    p.clock.advance(30 * day);
    await p.as(marketing);
    expect((await p.call('program.mine', {})).acknowledgment.state).toBe('expired');
    expect((await rejection(p.call('posts.publish', { id: post.id, publishedOn: p.today(), url: 'https://facebook.example/p/2' }))).message).toMatch(/more than a year old/);
    await acknowledgePolicy(p.call, marketing.password);
    await p.call('posts.publish', { id: post.id, publishedOn: p.today(), url: 'https://facebook.example/p/2' });

    await p.as(admin);
    const v2text = structuredClone(builtInPolicy);
    v2text.en.intro += ' Updated after our yearly review.';
    const v2 = await p.call('policy.publish', { text: v2text });
    expect(v2.version).toBe(2);
    await p.as(marketing);
    expect((await p.call('program.mine', {})).acknowledgment).toMatchObject({ state: 'missing', version: 2, lastVersionAcknowledged: 1 });
    // Acknowledging the old version is refused: it is not in force.
    const v1 = (await p.call('policy.admin', {}).catch(() => null)) ?? null;
    expect(v1).toBeNull();
    const old = await rejection(p.call('policy.acknowledge', { versionId: first.id, language: 'en', textSha256: shownPolicySha256(first, 'en', 'Riverside Physical Therapy'), password: marketing.password }));
    expect(old.message).toMatch(/newer version of the policy \(version 2\)/);
  });

  it('gives every published version as a signed PDF in English and Spanish', async () => {
    const p = await programPractice({ start: '2026-11-02T15:00:00.000Z' });
    await p.as(admin);
    const v1 = await p.call('policy.publish', { text: builtInPolicy });
    const en = Buffer.from((await p.call('policy.pdf', { versionId: v1.id, language: 'en' })).base64, 'base64');
    const es = Buffer.from((await p.call('policy.pdf', { versionId: v1.id, language: 'es' })).base64, 'base64');
    expect(pdfFlatText(en)).toContain('Replying to online reviews');
    expect(pdfFlatText(en)).toContain('Riverside Physical Therapy');
    expect(pdfFlatText(es)).toContain('Responder a reseñas en internet');
    expect(pdfFlatText(es)).toContain('Versión 1, vigente desde el');
    for (const pdf of [en, es]) expect(pdfSignatureReport(pdf)).toContain('Signature is Valid');
  });
});
