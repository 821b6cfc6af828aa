import { describe, expect, it } from 'vitest';
import { rejection, setUpStore } from '../testing/test-backend';

describe('each staff member’s language and theme', () => {
  it('starts unset, is kept per person across sign-ins and is audited', async () => {
    const { call } = await setUpStore();
    await call('staff.create', { username: 'rosa', displayName: 'Rosa Front', role: 'frontdesk', password: 'rosa password here' });
    expect((await call('app.state', {})).session?.preferences).toEqual({ language: null, theme: 'system' });

    expect(await call('session.setPreferences', { language: 'es' })).toEqual({ language: 'es', theme: 'system' });
    expect(await call('session.setPreferences', { theme: 'dark' })).toEqual({ language: 'es', theme: 'dark' });

    await call('session.signOut', {});
    const rosa = await call('session.signIn', { username: 'rosa', password: 'rosa password here' });
    expect(rosa.session?.preferences).toEqual({ language: null, theme: 'system' });
    await call('session.signOut', {});
    const admin = await call('session.signIn', { username: 'admin', password: 'correct horse battery staple' });
    expect(admin.session?.preferences).toEqual({ language: 'es', theme: 'dark' });

    const { events } = await call('audit.list', { action: 'session.preferences_changed' });
    expect(events.map((e) => e.detail).sort()).toEqual(['language: es', 'theme: dark']);
  });

  it('refuses unknown choices and calls without a session', async () => {
    const { call } = await setUpStore();
    expect((await rejection(call('session.setPreferences', { language: 'fr' as 'es' }))).code).toBe('validation');
    expect((await rejection(call('session.setPreferences', {}))).code).toBe('validation');
    await call('session.signOut', {});
    expect((await rejection(call('session.setPreferences', { theme: 'light' }))).code).toBe('unauthorized');
  });
});
