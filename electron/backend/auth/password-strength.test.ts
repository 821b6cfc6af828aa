import { describe, expect, it } from 'vitest';
import { rejection, setUpStore, testBackend } from '../testing/test-backend';
import { passwordWeakness } from './password-strength';

describe('password strength (NIST SP 800-63B blocklist and a guess estimate)', () => {
  it('refuses the passwords that length alone let through, naming the field', async () => {
    const { call } = await setUpStore();
    for (const password of ['aaaaaaaaaaaa', 'password1234', '123456789012', 'qwertyuiop12', 'iloveyou1234']) {
      const error = await rejection(call('staff.create', { username: 'weak', displayName: 'Wes Weak', role: 'frontdesk', password }));
      expect(error.code, password).toBe('validation');
      expect(error.issues?.map((i) => i.path), password).toEqual(['password']);
      expect(error.message, password).toMatch(/too easy to guess|most often used and leaked/);
    }
    expect((await call('staff.list', {})).map((s) => s.username)).toEqual(['admin']);
  });

  it('refuses a password built from the person’s own name or the practice’s', async () => {
    const { call } = await setUpStore();
    const error = await rejection(
      call('staff.create', { username: 'jordanlee', displayName: 'Jordan Lee', role: 'frontdesk', password: 'jordanlee2024!' }),
    );
    expect(error.issues?.[0]?.path).toBe('password');
    expect(passwordWeakness('Riverside Physical', { practiceName: 'Riverside Physical Therapy' })).not.toBeNull();
  });

  it('checks every way a password is set: setup, reset, enable, change and recovery', async () => {
    const fresh = testBackend();
    const setup = await rejection(
      fresh.call('setup.create', { practiceName: 'Riverside PT', adminUsername: 'pat', adminDisplayName: 'Pat', password: 'password1234' }),
    );
    expect(setup.issues?.[0]?.path).toBe('password');
    expect((await fresh.call('app.state', {})).phase).toBe('setup');

    const { call } = await setUpStore();
    const staff = await call('staff.create', { username: 'fran', displayName: 'Fran Front', role: 'frontdesk', password: 'tangerine orbit lantern' });
    expect((await rejection(call('staff.resetPassword', { id: staff.id, password: 'aaaaaaaaaaaa' }))).issues?.[0]?.path).toBe('password');
    await call('staff.disable', { id: staff.id });
    expect((await rejection(call('staff.enable', { id: staff.id, password: 'password1234' }))).issues?.[0]?.path).toBe('password');
    const change = await rejection(call('session.changePassword', { currentPassword: 'correct horse battery staple', newPassword: 'abcdefghijkl' }));
    expect(change.issues?.[0]?.path).toBe('newPassword');
  });

  it('accepts a few unrelated words', () => {
    expect(passwordWeakness('tangerine orbit lantern', { username: 'fran' })).toBeNull();
    expect(passwordWeakness('correct horse battery staple')).toBeNull();
    expect(passwordWeakness('guitarra nube tostada', { username: 'lucia' })).toBeNull();
  });
});
