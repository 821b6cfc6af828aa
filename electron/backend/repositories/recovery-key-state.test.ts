import { describe, expect, it } from 'vitest';
import { adminPassword, setUpStore } from '../testing/test-backend';

describe('the recovery key not yet confirmed', () => {
  it('is the store’s state from setup until an administrator confirms, across a restart of the backend, and again after a new key', async () => {
    const t = await setUpStore();
    expect((await t.call('app.state', {})).recoveryKeyUnconfirmed).toBe(true);
    // The backend stops and starts again (a crash, a reload of the app): the state is in the store.
    await t.call('session.signOut', {});
    await t.call('session.signIn', { username: 'admin', password: adminPassword });
    expect((await t.call('app.state', {})).recoveryKeyUnconfirmed).toBe(true);

    expect((await t.call('store.confirmRecoveryKey', {})).recoveryKeyUnconfirmed).toBe(false);
    await t.call('session.signOut', {});
    await t.call('session.signIn', { username: 'admin', password: adminPassword });
    expect((await t.call('app.state', {})).recoveryKeyUnconfirmed).toBe(false);

    await t.call('store.newRecoveryKey', { password: adminPassword });
    expect((await t.call('app.state', {})).recoveryKeyUnconfirmed).toBe(true);
    await t.call('store.confirmRecoveryKey', {});
    const events = (await t.call('audit.list', { action: 'store.recovery_key_confirmed' })).events;
    expect(events).toHaveLength(2);
  });

  it('is not an administrator’s concern shown to other roles', async () => {
    const t = await setUpStore();
    await t.call('staff.create', { username: 'frontdesk', displayName: 'Fran Front', role: 'frontdesk', password: 'front desk password' });
    await t.call('session.signOut', {});
    await t.call('session.signIn', { username: 'frontdesk', password: 'front desk password' });
    expect((await t.call('app.state', {})).recoveryKeyUnconfirmed).toBe(false);
  });
});
