import { describe, expect, it } from 'vitest';
import type { AppState } from '../../../../shared/session';
import { lockNoticeText } from './lock-notice-text';

const locked: AppState = {
  phase: 'locked',
  session: null,
  idleMinutes: 5,
  patientModeIdleMinutes: 20,
  timeZone: 'UTC',
  practiceName: 'Riverside',
  lockedUsername: 'alex',
  patientMode: null,
};

describe('the sentence above the sign-in form', () => {
  it('says why the app locked', () => {
    expect(lockNoticeText(locked, 'idle')).toMatch(/^Consent Desk locked after 5 minutes without input/);
    expect(lockNoticeText({ ...locked, idleMinutes: 1 }, 'idle')).toMatch(/after 1 minute without/);
    // A pause in patient mode came after patient mode's own time.
    expect(lockNoticeText({ ...locked, pausedPatientMode: { language: 'es' } }, 'idle')).toMatch(/after 20 minutes without/);
    expect(lockNoticeText(locked, 'backend')).toMatch(/locked itself/);
    expect(lockNoticeText(locked, null)).toBe('Consent Desk is locked. Sign in to continue.');
  });

  it('confirms a sign-out, and says nothing on a plain start', () => {
    const signedOut: AppState = { ...locked, phase: 'signed_out', lockedUsername: null };
    expect(lockNoticeText(signedOut, 'signed_out')).toBe('You are signed out.');
    expect(lockNoticeText(signedOut, null)).toBeNull();
  });

  it('says the store was restored, and with which password to sign in', () => {
    const signedOut: AppState = { ...locked, phase: 'signed_out', lockedUsername: null };
    expect(lockNoticeText(signedOut, 'restored')).toMatch(/^Consent Desk was restored from the backup.*password as it was when the backup was made\.$/);
  });

  it('says what the desktop shell did while the page was reloaded', () => {
    expect(lockNoticeText({ ...locked, notice: 'locked_by_system' }, null)).toMatch(/computer was locked or went to sleep/);
    expect(lockNoticeText({ ...locked, notice: 'window_recovered' }, null)).toMatch(/window stopped working and was reopened/);
    const restarted: AppState = { ...locked, phase: 'signed_out', lockedUsername: null, notice: 'backend_restarted' };
    expect(lockNoticeText(restarted, null)).toMatch(/stopped unexpectedly and was restarted.*Everything saved/);
    // What the page saw itself comes first.
    expect(lockNoticeText({ ...locked, notice: 'locked_by_system' }, 'idle')).toMatch(/without input/);
  });
});
