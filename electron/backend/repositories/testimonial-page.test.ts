import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { photoWithGps } from '../testing/fixture-photo';
import { manualClock } from '../testing/manual-clock';
import { setUpStore } from '../testing/test-backend';

/** The testimonials list through the real backend on a real encrypted store: found by title or name, sorted, paged, counted. */
let t: Awaited<ReturnType<typeof setUpStore>>;
const clock = manualClock('2026-12-01T15:00:00.000Z');
beforeEach(async () => {
  t = await setUpStore({ now: clock.now, workstationTimeZone: 'America/Chicago' });
});
afterEach(() => {
  t.backend.close();
  fs.rmSync(t.dataDir, { recursive: true, force: true });
});

const patient = (firstName: string, lastName: string, i: number) =>
  t.call('patients.create', { firstName, lastName, dateOfBirth: `198${i}-03-0${i + 1}`, recordNumber: null, phone: null, email: null, city: null });

describe('testimonials.page', () => {
  it('pages newest first, sorts by folded title or patient, and finds by any word of either, accents aside', async () => {
    const maria = await patient('María', 'González', 1);
    const angel = await patient('Ángel', 'Zamora', 2);
    const titles = ['Ésta es mi historia', 'back on the stairs', 'Walking again', 'Árbol y sol'];
    for (const [i, title] of titles.entries()) {
      clock.advance(60_000);
      await t.call('testimonials.create', { patientId: i % 2 === 0 ? maria.id : angel.id, title, quote: '' });
    }
    const first = await t.call('testimonials.page', { limit: 3 });
    expect(first.total).toBe(4);
    expect(first.rows.map((r) => r.title)).toEqual(['Árbol y sol', 'Walking again', 'back on the stairs']);
    expect((await t.call('testimonials.page', { limit: 3, offset: 3 })).rows.map((r) => r.title)).toEqual(['Ésta es mi historia']);
    // By title, accents and case aside: "Árbol" and "Ésta" are not pushed to the end.
    expect((await t.call('testimonials.page', { sort: 'title', direction: 'asc' })).rows.map((r) => r.title)).toEqual(['Árbol y sol', 'back on the stairs', 'Ésta es mi historia', 'Walking again']);
    expect((await t.call('testimonials.page', { sort: 'patient', direction: 'asc' })).rows.map((r) => r.patientLastName)).toEqual(['González', 'González', 'Zamora', 'Zamora']);
    expect((await t.call('testimonials.page', { query: 'gonzalez' })).rows.map((r) => r.title).sort()).toEqual(['Walking again', 'Ésta es mi historia']);
    expect((await t.call('testimonials.page', { query: 'angel' })).total).toBe(2);
    expect((await t.call('testimonials.page', { query: 'STAIRS' })).rows.map((r) => r.title)).toEqual(['back on the stairs']);
    expect((await t.call('testimonials.page', { query: 'historia maria' })).rows.map((r) => r.title)).toEqual(['Ésta es mi historia']);
    expect((await t.call('testimonials.page', { query: 'arbol maria' })).total).toBe(0);
    expect((await t.call('testimonials.page', { query: '%' })).total).toBe(4);
    expect((await t.call('testimonials.page', { query: '_x' })).total).toBe(0);
  });

  it('counts each testimonial’s media without reading them, and opens one with its media', async () => {
    const maria = await patient('Maria', 'Lopez', 1);
    const story = await t.call('testimonials.create', { patientId: maria.id, title: 'Stairs', quote: 'I can climb stairs again.' });
    const photo = await photoWithGps();
    await t.call('media.import', { testimonialId: story.id, fileName: 'IMG_2041.jpg', kind: 'photo', beforeAfter: false, base64: photo.toString('base64') });
    const [row] = (await t.call('testimonials.page', {})).rows;
    expect(row).toMatchObject({ id: story.id, title: 'Stairs', patientFirstName: 'Maria', patientLastName: 'Lopez', mediaCount: 1 });
    const opened = await t.call('testimonials.get', { id: story.id });
    expect(opened.media.map((m) => m.fileName)).toEqual(['IMG_2041.jpg']);
    await expect(t.call('testimonials.get', { id: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(t.call('testimonials.page', { limit: 1000 })).rejects.toMatchObject({ code: 'validation' });
  });
});
