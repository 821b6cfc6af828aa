import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeTerms } from '../../../shared/authorization/test-terms';
import { addDaysTo } from '../../../shared/calendar';
import type { PostDraft } from '../../../shared/posts/post';
import { samplePatient, signAuthorization } from '../testing/consent-flow';
import { manualClock } from '../testing/manual-clock';
import { adminPassword, rejection, setUpStore } from '../testing/test-backend';
import { checkLimit } from './check-limiter';

/**
 * Marketing may not read a patient's date of birth, city or record number.
 * Here marketing plays the attacker of issue 9: captions of many dates,
 * cities and record numbers, looking for the one answer that differs. Every
 * answer must be the same once the guessed value is taken out of it, every
 * check is on the audit trail, and the checks run out long before a
 * search of any size could finish.
 */
const frontDesk = { username: 'frontdesk', password: 'front desk password' };
const marketing = { username: 'marketing', password: 'marketing password' };

let t: Awaited<ReturnType<typeof setUpStore>>;
let draft: (caption: string) => PostDraft;
let calls = 0;

beforeAll(async () => {
  const clock = manualClock('2026-11-29T15:00:00.000Z');
  t = await setUpStore({ now: clock.now, workstationTimeZone: 'America/Chicago' });
  await t.call('staff.create', { ...frontDesk, displayName: 'Fran Front', role: 'frontdesk' });
  await t.call('staff.create', { ...marketing, displayName: 'Mo Market', role: 'marketing' });
  await t.call('session.signOut', {});
  await t.call('session.signIn', frontDesk);
  const maria = await t.call('patients.create', samplePatient); // born 1984-05-17, Springfield, MRN-20417
  await t.call('patients.create', { ...samplePatient, firstName: 'James', lastName: 'Carter', dateOfBirth: '1970-02-11', city: 'Shelbyville', recordNumber: 'MRN-30555', email: null, phone: null });
  const consent = await signAuthorization(t.call, maria.id, completeTerms(), 'Maria Lopez', frontDesk.password);
  await t.call('session.signOut', {});
  await t.call('session.signIn', marketing);
  const testimonial = await t.call('testimonials.create', { patientId: maria.id, title: 'Back on the stairs', quote: '' });
  draft = (caption) => ({ testimonialId: testimonial.id, consentId: consent.id, channel: 'facebook', caption, mediaIds: [], purpose: 'advertising', thirdPartyPays: false, extraContentKinds: [] });
});
afterAll(() => {
  t.backend.close();
  fs.rmSync(t.dataDir, { recursive: true, force: true });
});

/**
 * The answer to a caption with one guess in it, with the guess taken out
 * again, and positions (which only follow the length of what was typed):
 * what the attacker can compare.
 */
async function answer(template: string, guess: string): Promise<string> {
  calls += 1;
  const check = await t.call('posts.check', draft(template.replace('{}', guess)));
  return JSON.stringify(check, (key, value: unknown) => (key === 'start' || key === 'end' ? undefined : value)).split(guess).join('{}');
}

async function answersDiffer(template: string, guesses: string[]): Promise<string[]> {
  const seen = new Map<string, string[]>();
  for (const guess of guesses) {
    const a = await answer(template, guess);
    seen.set(a, [...(seen.get(a) ?? []), guess]);
  }
  // Only one kind of answer: nothing singles out a guess.
  return seen.size === 1 ? [] : [...seen.values()].map((g) => g.join(', '));
}

describe('no oracle', () => {
  it('tells nothing about a date of birth from captions of many dates', async () => {
    const days = Array.from({ length: 40 }, (_, i) => addDaysTo('1984-04-27', i)); // 17 May 1984 among them
    expect(days).toContain('1984-05-17');
    const us = days.map((d) => `${Number(d.slice(5, 7))}/${Number(d.slice(8))}/${d.slice(0, 4)}`);
    expect(await answersDiffer('Maria, born {}, is back on the stairs!', us)).toEqual([]);
    expect(await answersDiffer('Happy birthday Maria! {}', days.slice(15, 25))).toEqual([]);
  });

  it('tells nothing about the city where the patient lives', async () => {
    const cities = ['Springfield', 'Shelbyville', 'Boston', 'Denver', 'Austin', 'Madison', 'Salem', 'Franklin', 'Columbia', 'Portland', 'Riverside', 'Ogden'];
    expect(await answersDiffer('Maria from {} is back on the stairs!', cities)).toEqual([]);
    expect(await answersDiffer('Stairs again! #{}Strong', cities.slice(0, 8))).toEqual([]);
  });

  it('tells nothing about a record number', async () => {
    // Each form of guess alike (the form is the attacker's own choice): Maria's number, James's, and numbers of nobody.
    expect(await answersDiffer('Chart {} shows a full recovery.', ['MRN-20417', 'MRN-20418', 'MRN-30555', 'MRN-11111', 'MRN-20416', 'MRN-99999'])).toEqual([]);
    expect(await answersDiffer('Chart {} shows a full recovery.', ['20417', '20418', '30555'])).toEqual([]);
  });

  it('audits every check, without the caption, and runs out of checks long before a search could finish', async () => {
    const checked = (await t.call('audit.list', { action: 'post.checked', limit: 500 }).catch(() => null)) ?? null;
    // Marketing cannot read the audit trail; the administrator can.
    expect(checked).toBeNull();
    while (calls < checkLimit.calls) await answer('Maria is back {}', `on day ${calls}`);
    const refused = await rejection(t.call('posts.check', draft('One more guess: 5/17/1984')));
    expect(refused).toMatchObject({ code: 'throttled', message: expect.stringMatching(/^Too many checks in a short time\. Wait 10 minute\(s\)/) });
    // Signing in again does not give a new allowance.
    await t.call('session.signOut', {});
    await t.call('session.signIn', marketing);
    expect((await rejection(t.call('posts.check', draft('Another: 5/18/1984')))).code).toBe('throttled');
    expect((await rejection(t.call('posts.create', draft('Or as a draft: 5/19/1984')))).code).toBe('throttled');

    await t.call('session.signOut', {});
    await t.call('session.signIn', { username: 'admin', password: adminPassword });
    const events = (await t.call('audit.list', { action: 'post.checked', limit: 500 })).events;
    expect(events).toHaveLength(checkLimit.calls);
    expect(events.every((e) => e.actorName === 'marketing' && !/1984|Springfield|MRN/.test(e.detail))).toBe(true);
    expect((await t.call('audit.list', { action: 'post.check_limited' })).events.length).toBeGreaterThanOrEqual(3);
  });
});
