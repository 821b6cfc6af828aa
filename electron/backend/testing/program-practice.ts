import { completeTerms } from '../../../shared/authorization/test-terms';
import { policyTextIn, type PolicyVersion } from '../../../shared/program/policy';
import type { Language } from '../../../shared/authorization/scope';
import crypto from 'node:crypto';
import { samplePatient, signAuthorization } from './consent-flow';
import { manualClock } from './manual-clock';
import { adminPassword, setUpStore } from './test-backend';

export const frontDesk = { username: 'frontdesk', password: 'front desk keeps the records' };
export const marketing = { username: 'marketing', password: 'posts and pictures only please' };
export const admin = { username: 'admin', password: adminPassword };

/**
 * A practice for the compliance program's tests, made through the contract
 * on a clock the test moves: the administrator, a front-desk and a
 * marketing user, Maria Lopez with a signed consent (Facebook and
 * Instagram, advertising, until 2028-06-30) and her testimonial. Signed in
 * as marketing at the end.
 */
export async function programPractice(options: { start?: string } = {}) {
  const clock = manualClock(options.start ?? '2026-10-15T15:00:00.000Z');
  const t = await setUpStore({ now: clock.now, workstationTimeZone: 'America/Chicago' });
  await t.call('settings.update', { timeZone: 'America/Chicago' });
  const staff = {
    frontDesk: await t.call('staff.create', { ...frontDesk, displayName: 'Fran Front', role: 'frontdesk' }),
    marketing: await t.call('staff.create', { ...marketing, displayName: 'Mo Market', role: 'marketing' }),
  };
  const as = async (who: { username: string; password: string }) => {
    await t.call('session.signOut', {});
    await t.call('session.signIn', who);
  };
  await as(frontDesk);
  const patient = await t.call('patients.create', samplePatient);
  const consent = await signAuthorization(t.call, patient.id, completeTerms({ expiration: { kind: 'date', date: '2028-06-30' } }), 'Maria Lopez', frontDesk.password);
  await as(marketing);
  const testimonial = await t.call('testimonials.create', { patientId: patient.id, title: 'Back on the stairs', quote: 'I can climb stairs again. Thank you all!' });
  const draft = (channel = 'facebook') => ({
    testimonialId: testimonial.id,
    consentId: consent.id,
    channel,
    caption: 'Maria is back on the stairs! “I can climb stairs again.”',
    mediaIds: [],
    purpose: 'advertising' as const,
    thirdPartyPays: false,
    extraContentKinds: [],
  });
  /** Plan, approve and publish a post as whoever is signed in. */
  const publishedPost = async (channel = 'facebook', publishedOn?: string) => {
    const post = await t.call('posts.create', draft(channel));
    await t.call('posts.approve', { id: post.id });
    return t.call('posts.publish', { id: post.id, publishedOn: publishedOn ?? dayNow(), url: `https://${channel}.example/p/${post.id.slice(0, 8)}` });
  };
  const dayNow = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago', year: 'numeric', month: '2-digit', day: '2-digit' }).format(clock.now());
  return { ...t, clock, as, staff, patient, consent, testimonial, draft, publishedPost, today: dayNow };
}

/** The SHA-256 of the policy text as the acknowledgment screen shows it (what the renderer sends). */
export function shownPolicySha256(version: PolicyVersion, language: Language, practiceName: string): string {
  return crypto.createHash('sha256').update(policyTextIn(version.text, language, practiceName), 'utf8').digest('hex');
}

/** Acknowledge the policy in force as the signed-in person. */
export async function acknowledgePolicy(call: Awaited<ReturnType<typeof programPractice>>['call'], password: string, language: Language = 'en') {
  const mine = await call('program.mine', {});
  if (!mine.policy) throw new Error('No policy is published.');
  return call('policy.acknowledge', { versionId: mine.policy.id, language, textSha256: shownPolicySha256(mine.policy, language, mine.practiceName), password });
}
