import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthorizationTerms } from '../../../shared/authorization/scope';
import { manualClock } from '../testing/manual-clock';
import { setUpStore } from '../testing/test-backend';

/** The paged lists through the real backend on a real encrypted store: totals, order, filters and pages. */
const terms: AuthorizationTerms = {
  language: 'en',
  scope: { contentKinds: ['first_name', 'written_testimonial'], channels: ['facebook'], otherChannels: [], purposes: ['advertising'], otherPurposes: [], conditions: [] },
  expiration: { kind: 'date', date: '2027-06-01' },
  remuneration: { thirdPartyPays: false, payer: '' },
  representative: null,
  combinedWith: [],
  minorSignsAlone: null,
};

let t: Awaited<ReturnType<typeof setUpStore>>;
const clock = manualClock('2026-12-01T15:00:00.000Z');
beforeEach(async () => {
  t = await setUpStore({ now: clock.now, workstationTimeZone: 'America/Chicago' });
});
afterEach(() => {
  t.backend.close();
  fs.rmSync(t.dataDir, { recursive: true, force: true });
});

const names = ['José Álvarez', 'Zoë Zimmer', 'ana ñúñez', 'Émile Dubois', 'Ángel Gómez', 'María González', 'Lucía Fernández'];

describe('paged lists', () => {
  it('page patients by folded name, find them by any word prefix in any order, and count every match', async () => {
    for (const [i, full] of names.entries()) {
      const [firstName, lastName] = full.split(' ') as [string, string];
      await t.call('patients.create', { firstName, lastName, dateOfBirth: `198${i}-03-0${i + 1}`, recordNumber: `R-${i}`, phone: null, email: null, city: null });
    }
    const all = await t.call('patients.list', { limit: 3 });
    expect(all.total).toBe(7);
    // Sorted by folded last name: accents and case do not push a name to the end.
    expect(all.rows.map((p) => p.lastName)).toEqual(['Álvarez', 'Dubois', 'Fernández']);
    const next = await t.call('patients.list', { limit: 3, offset: 3 });
    expect(next.rows.map((p) => p.lastName)).toEqual(['Gómez', 'González', 'ñúñez']);
    const desc = await t.call('patients.list', { limit: 2, direction: 'desc' });
    expect(desc.rows.map((p) => p.lastName)).toEqual(['Zimmer', 'ñúñez']);
    expect((await t.call('patients.list', { query: 'gonzalez' })).rows.map((p) => p.firstName)).toEqual(['María']);
    expect((await t.call('patients.list', { query: 'NUNEZ ANA' })).rows.map((p) => p.firstName)).toEqual(['ana']);
    expect((await t.call('patients.list', { query: 'go' })).rows.map((p) => p.lastName)).toEqual(['Gómez', 'González']);
    expect((await t.call('patients.list', { query: 'g an' })).rows.map((p) => p.lastName)).toEqual(['Gómez']);
    expect((await t.call('patients.list', { query: '03/02/1981' })).rows.map((p) => p.lastName)).toEqual(['Zimmer']);
    expect((await t.call('patients.list', { query: 'r-4' })).rows.map((p) => p.lastName)).toEqual(['Gómez']);
    expect((await t.call('patients.list', { query: '%' })).total).toBe(0);
    // The search box of other screens finds the same way.
    expect((await t.call('patients.search', { query: 'lucia fernandez' })).map((p) => p.lastName)).toEqual(['Fernández']);
    // A corrected name is found by its new words only.
    const jose = (await t.call('patients.list', { query: 'jose' })).rows[0]!;
    const full = await t.call('patients.get', { id: jose.id });
    const { id, createdAt: _c, updatedAt: _u, ...fields } = full;
    await t.call('patients.update', { id, ...fields, lastName: 'Ibáñez' });
    expect((await t.call('patients.list', { query: 'alvarez' })).total).toBe(0);
    expect((await t.call('patients.list', { query: 'ibanez jose' })).total).toBe(1);
  });

  it('refuse a likely duplicate unless confirmed, and dates of birth in the future or too long ago', async () => {
    const maria = { firstName: 'María', lastName: 'González', dateOfBirth: '1984-05-17', recordNumber: null, phone: null, email: null, city: null };
    await t.call('patients.create', maria);
    const refused = await t.call('patients.create', { ...maria, firstName: 'GONZALEZ', lastName: 'maria' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'conflict', issues: [{ path: 'allowDuplicate' }] });
    // Another day of birth is another person.
    await t.call('patients.create', { ...maria, dateOfBirth: '1984-05-18' });
    await t.call('patients.create', { ...maria, allowDuplicate: true });
    expect((await t.call('patients.list', { query: 'maria gonzalez' })).total).toBe(3);
    for (const dateOfBirth of ['2026-12-02', '1890-01-01']) {
      const error = await t.call('patients.create', { ...maria, firstName: 'Ana', dateOfBirth }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'validation', issues: [{ path: 'dateOfBirth' }] });
    }
  });

  it('page authorizations and posts with the patient, the stage and the kept verdict, and count what a filter leaves', async () => {
    const patient = await t.call('patients.create', { firstName: 'Maria', lastName: 'Lopez', dateOfBirth: '1984-05-17', recordNumber: null, phone: null, email: null, city: null });
    const testimonial = await t.call('testimonials.create', { patientId: patient.id, title: 'Walking again', quote: 'I walk every morning.' });
    const drafts = [];
    for (let i = 0; i < 4; i += 1) {
      drafts.push(await t.call('consents.createDraft', { patientId: patient.id, terms }));
      clock.advance(60_000);
    }
    const consents = await t.call('consents.page', { limit: 3 });
    expect(consents.total).toBe(4);
    expect(consents.rows.map((r) => r.id)).toEqual(drafts.slice(1).reverse().map((d) => d.id));
    expect(consents.rows[0]).toMatchObject({ patientFirstName: 'Maria', status: 'draft', templateVersion: expect.any(Number) });
    expect((await t.call('consents.page', { stage: 'final' })).total).toBe(0);
    for (const [i, channel] of ['facebook', 'instagram', 'facebook'].entries()) {
      await t.call('posts.create', {
        testimonialId: testimonial.id,
        consentId: drafts[i]!.id,
        channel,
        caption: `Post ${i}: Maria is walking again`,
        mediaIds: [],
        purpose: 'advertising',
        thirdPartyPays: false,
        sponsor: '',
        extraContentKinds: [],
      });
      clock.advance(60_000);
    }
    const posts = await t.call('posts.page', {});
    expect(posts.total).toBe(3);
    expect(posts.rows.map((r) => r.captionStart.slice(0, 6))).toEqual(['Post 2', 'Post 1', 'Post 0']);
    // Linked to unsigned drafts: none covered, and the reason is the rule's.
    expect(posts.rows.every((r) => !r.covered && r.reasons.some((x) => x.code === 'not_final'))).toBe(true);
    expect((await t.call('posts.page', { uncoveredOnly: true })).total).toBe(3);
    expect((await t.call('posts.page', { channel: 'instagram' })).rows.map((r) => r.captionStart.slice(0, 6))).toEqual(['Post 1']);
    expect((await t.call('posts.page', { state: 'published' })).total).toBe(0);
    expect((await t.call('posts.page', { sort: 'channel', direction: 'asc', limit: 1, offset: 2 })).rows[0]!.channel).toBe('instagram');
  });
});
