import { describe, expect, it } from 'vitest';
import { setUpStore, rejection } from '../testing/test-backend';

const scope = { contentKinds: ['before_after_images' as const, 'first_name' as const], channels: ['instagram' as const, 'website' as const], otherChannels: [], purposes: ['advertising' as const], otherPurposes: [] };

describe('scope presets', () => {
  it('are added and changed by administrators as versions, and retired without losing any', async () => {
    const t = await setUpStore();
    const first = await t.call('presets.save', { name: 'Before-and-after photos, one year', scope, duration: { kind: 'months', months: 12 } });
    expect(first).toMatchObject({ version: 1, retired: false, createdByName: 'Pat Privacy' });
    const second = await t.call('presets.save', { id: first.id, name: 'Before-and-after photos, one year', scope: { ...scope, channels: ['instagram'] }, duration: { kind: 'months', months: 12 } });
    expect(second).toMatchObject({ id: first.id, version: 2, scope: { channels: ['instagram'] } });
    expect((await t.call('presets.list', {})).map((p) => [p.name, p.version])).toEqual([['Before-and-after photos, one year', 2]]);

    // The same name twice is refused on the field.
    const twice = await rejection(t.call('presets.save', { name: 'before-and-after photos, ONE year', scope, duration: { kind: 'none' } }));
    expect(twice).toMatchObject({ code: 'conflict', issues: [{ path: 'name' }] });

    const retired = await t.call('presets.retire', { id: first.id });
    expect(retired).toMatchObject({ version: 3, retired: true });
    expect((await t.call('presets.versions', { id: first.id })).map((p) => [p.version, p.scope.channels, p.retired])).toEqual([
      [1, ['instagram', 'website'], false],
      [2, ['instagram'], false],
      [3, ['instagram'], true],
    ]);
    expect((await rejection(t.call('presets.save', { id: first.id, name: 'x', scope, duration: { kind: 'none' } }))).code).toBe('conflict');
    const actions = (await t.call('audit.list', { subjectId: first.id })).events.map((e) => e.action).sort();
    expect(actions).toEqual(['preset.changed', 'preset.created', 'preset.retired']);
  });

  it('are offered to the front desk but kept by administrators only, and hidden from marketing', async () => {
    const t = await setUpStore();
    await t.call('presets.save', { name: 'Quote on the website', scope: { ...scope, contentKinds: ['written_testimonial'], channels: ['website'] }, duration: { kind: 'none' } });
    await t.call('staff.create', { username: 'frontdesk', displayName: 'Fran Front', role: 'frontdesk', password: 'front desk password' });
    await t.call('staff.create', { username: 'marketing', displayName: 'Mo Market', role: 'marketing', password: 'marketing password' });
    await t.call('session.signOut', {});
    await t.call('session.signIn', { username: 'frontdesk', password: 'front desk password' });
    expect((await t.call('presets.list', {})).map((p) => p.name)).toEqual(['Quote on the website']);
    expect((await rejection(t.call('presets.save', { name: 'Mine', scope, duration: { kind: 'none' } }))).code).toBe('forbidden');
    await t.call('session.signOut', {});
    await t.call('session.signIn', { username: 'marketing', password: 'marketing password' });
    expect((await rejection(t.call('presets.list', {}))).code).toBe('forbidden');
  });

  it('refuse a duration out of range and unknown content', async () => {
    const t = await setUpStore();
    expect((await rejection(t.call('presets.save', { name: 'Too long', scope, duration: { kind: 'months', months: 121 } }))).code).toBe('validation');
    expect((await rejection(t.call('presets.save', { name: 'Odd', scope: { ...scope, channels: ['myspace' as never] }, duration: { kind: 'none' } }))).code).toBe('validation');
  });
});
