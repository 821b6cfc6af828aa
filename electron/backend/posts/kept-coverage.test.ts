import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuthorizationTerms, Channel, ContentKind } from '../../../shared/authorization/scope';
import { addDaysTo, dayOf, startOfDayIn } from '../../../shared/calendar';
import type { PostView } from '../../../shared/posts/dashboard';
import { signAuthorization } from '../testing/consent-flow';
import { manualClock } from '../testing/manual-clock';
import { adminPassword, setUpStore } from '../testing/test-backend';

/**
 * Kept verdicts equal the rule's. Over random stores (adults and minors
 * signed for by a parent, consents expiring soon or by an event, drafts),
 * random sequences of changes (post edits, approvals, revocations,
 * expiration events, corrected dates of birth, a new age of majority or
 * time zone) and days passing, after every step the store's full check
 * (the same one `consent-desk check` runs) recomputes every post's verdict
 * with the coverage rule and finds no difference from the kept one, and
 * the Posts list shows the kept verdict.
 */
const admin = { username: 'admin', password: adminPassword };
const start = '2026-11-20';

const consentArb = fc.record({
  patient: fc.constantFrom(0, 1),
  kinds: fc.subarray(['first_name', 'full_name', 'written_testimonial', 'health_condition'] as ContentKind[], { minLength: 1 }),
  channels: fc.subarray(['facebook', 'instagram'] as Channel[], { minLength: 1 }),
  expiresIn: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constant(null)),
  sign: fc.boolean(),
});

const opArb = fc.oneof(
  fc.record({ op: fc.constant('post' as const), consent: fc.nat(5), caption: fc.constantFrom('Maria is walking again', 'Walking again', 'Maria Lopez after her knee replacement'), channel: fc.constantFrom('facebook', 'instagram') }),
  fc.record({ op: fc.constant('edit' as const), post: fc.nat(5), consent: fc.nat(5), caption: fc.constantFrom('Walking again', 'Maria Lopez walks again') }),
  fc.record({ op: fc.constant('approve' as const), post: fc.nat(5) }),
  fc.record({ op: fc.constant('publish' as const), post: fc.nat(5) }),
  fc.record({ op: fc.constant('revoke' as const), consent: fc.nat(5), receivedDaysAgo: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ op: fc.constant('event' as const), consent: fc.nat(5) }),
  fc.record({ op: fc.constant('days' as const), days: fc.constantFrom(1, 2, 5, 9) }),
  fc.record({ op: fc.constant('majority' as const), age: fc.constantFrom(18, 19, 21) }),
  fc.record({ op: fc.constant('zone' as const), timeZone: fc.constantFrom('Pacific/Auckland', 'America/Los_Angeles') }),
  fc.record({ op: fc.constant('birth' as const), patient: fc.constantFrom(0, 1), shiftDays: fc.constantFrom(-400, -3, 3, 400) }),
);

const scenarioArb = fc.record({
  /** Days from the start to the minor's 18th birthday. */
  majorityIn: fc.integer({ min: 1, max: 10 }),
  consents: fc.array(consentArb, { minLength: 1, maxLength: 3 }),
  ops: fc.array(opArb, { minLength: 3, maxLength: 9 }),
});

describe('kept coverage', () => {
  it('equals the coverage rule after every change and every day, over random stores and operations', { timeout: 600_000 }, async () => {
    const judgedAgain = { uncovered: 0, covered: 0 };
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const timeZone = 'America/New_York';
        const clock = manualClock(new Date(startOfDayIn(start, timeZone).getTime() + 10 * 3_600_000).toISOString());
        const t = await setUpStore({ now: clock.now, workstationTimeZone: timeZone });
        try {
          await t.call('settings.update', { timeZone });
          const today = () => dayOf(clock.now(), timeZone);
          const minorBirth = `${Number(addDaysTo(start, s.majorityIn).slice(0, 4)) - 18}${addDaysTo(start, s.majorityIn).slice(4)}`;
          const patients = [
            await t.call('patients.create', { firstName: 'Maria', lastName: 'Lopez', dateOfBirth: '1980-04-03', recordNumber: null, phone: null, email: null, city: null }),
            await t.call('patients.create', { firstName: 'Maria', lastName: 'Lopez', dateOfBirth: minorBirth, recordNumber: null, phone: null, email: null, city: null, allowDuplicate: true }),
          ];
          const testimonials = await Promise.all(patients.map((p) => t.call('testimonials.create', { patientId: p.id, title: 'Walking again', quote: 'I walk every morning.' })));
          const consents: { id: string; patient: number }[] = [];
          for (const c of s.consents) {
            const terms: AuthorizationTerms = {
              language: 'en',
              scope: { contentKinds: c.kinds, channels: c.channels, otherChannels: [], purposes: ['advertising'], otherPurposes: [], conditions: [] },
              expiration: c.expiresIn === null ? { kind: 'event', event: 'When I ask the practice to stop.' } : { kind: 'date', date: addDaysTo(start, c.expiresIn) },
              remuneration: { thirdPartyPays: false, payer: '' },
              representative: c.patient === 1 ? { name: 'Ana Lopez', authority: 'parent_of_minor', authorityDetail: '' } : null,
              combinedWith: [],
              minorSignsAlone: null,
            };
            const made = c.sign
              ? await signAuthorization(t.call, patients[c.patient]!.id, terms, c.patient === 1 ? 'Ana Lopez' : 'Maria Lopez', admin.password)
              : await t.call('consents.createDraft', { patientId: patients[c.patient]!.id, terms });
            consents.push({ id: made.id, patient: c.patient });
          }
          const posts: PostView[] = [];
          const consentAt = (i: number) => consents[i % consents.length]!;
          for (const step of s.ops) {
            try {
              if (step.op === 'post') {
                const c = consentAt(step.consent);
                posts.push(
                  await t.call('posts.create', {
                    testimonialId: testimonials[c.patient]!.id,
                    consentId: c.id,
                    channel: step.channel,
                    caption: step.caption,
                    mediaIds: [],
                    purpose: 'advertising',
                    thirdPartyPays: false,
                    sponsor: '',
                    extraContentKinds: [],
                  }),
                );
              }
              const post = posts.length ? posts[('post' in step ? step.post : 0) % posts.length]! : null;
              if (step.op === 'edit' && post) {
                const c = consents.filter((x) => testimonials[x.patient]!.id === post.testimonialId)[step.consent % consents.length] ?? null;
                await t.call('posts.update', {
                  id: post.id,
                  testimonialId: post.testimonialId,
                  consentId: c?.id ?? null,
                  channel: post.channel,
                  caption: step.caption,
                  mediaIds: [],
                  purpose: 'advertising',
                  thirdPartyPays: false,
                  sponsor: '',
                  extraContentKinds: [],
                });
              }
              if (step.op === 'approve' && post) await t.call('posts.approve', { id: post.id });
              if (step.op === 'publish' && post) await t.call('posts.publish', { id: post.id, publishedOn: today(), url: 'https://www.facebook.com/riverside/posts/1' });
              if (step.op === 'revoke') {
                await t.call('consents.revoke', { id: consentAt(step.consent).id, receivedOn: addDaysTo(today(), -step.receivedDaysAgo), method: 'mail', note: '', scan: null });
              }
              if (step.op === 'event') await t.call('consents.recordExpirationEvent', { id: consentAt(step.consent).id, occurredOn: today() });
              if (step.op === 'majority') await t.call('settings.update', { ageOfMajority: step.age });
              if (step.op === 'zone') await t.call('settings.update', { timeZone: step.timeZone });
              if (step.op === 'birth') {
                const p = await t.call('patients.get', { id: patients[step.patient]!.id });
                const { id, createdAt: _c, updatedAt: _u, ...fields } = p;
                await t.call('patients.update', { id, ...fields, dateOfBirth: addDaysTo(p.dateOfBirth, step.shiftDays) });
              }
            } catch {
              // Refused (not covered, not allowed in this state): kept verdicts must hold whatever was refused.
            }
            if (step.op === 'days') {
              clock.advance(step.days * 86_400_000);
              // The clock's sweep runs at the first call of a new day.
              await t.call('session.signIn', admin);
            }
            const check = await t.call('store.check', {});
            const label = `${JSON.stringify(s)} after ${JSON.stringify(step)} on ${today()}`;
            expect(check.problems.filter((p) => p.includes('kept coverage')), label).toEqual([]);
            for (const seen of await t.call('posts.list', {})) judgedAgain[seen.verdict.covered ? 'covered' : 'uncovered'] += 1;
          }
        } finally {
          t.backend.close();
          fs.rmSync(t.dataDir, { recursive: true, force: true });
        }
      }),
      {
        numRuns: 15,
        examples: [
          [
            {
              majorityIn: 3,
              consents: [
                { patient: 0, kinds: ['first_name', 'full_name', 'written_testimonial', 'health_condition'], channels: ['facebook', 'instagram'], expiresIn: 4, sign: true },
                { patient: 1, kinds: ['first_name', 'written_testimonial'], channels: ['facebook'], expiresIn: null, sign: true },
              ],
              ops: [
                { op: 'post', consent: 0, caption: 'Maria is walking again', channel: 'facebook' },
                { op: 'post', consent: 1, caption: 'Maria is walking again', channel: 'facebook' },
                { op: 'approve', post: 0 },
                { op: 'publish', post: 1 },
                { op: 'days', days: 5 },
                { op: 'majority', age: 21 },
                { op: 'birth', patient: 1, shiftDays: -400 },
              ],
            },
          ],
        ],
      },
    );
    // The runs judged posts both ways.
    expect(judgedAgain.covered > 0 && judgedAgain.uncovered > 0, JSON.stringify(judgedAgain)).toBe(true);
  });
});
