import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { SignInThrottle } from './sign-in-throttle';

function waitOf(throttle: SignInThrottle, username: string, nowMs: number): number {
  try {
    throttle.check(username, nowMs);
    return 0;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).retryAfterSeconds ?? -1;
  }
}

describe('the sign-in throttle', () => {
  it('lets three mistakes pass, then doubles the wait up to five minutes', () => {
    const throttle = new SignInThrottle();
    const waits: number[] = [];
    for (let i = 0; i < 14; i++) {
      throttle.fail('pat', 0);
      waits.push(waitOf(throttle, 'pat', 0));
    }
    expect(waits.slice(0, 6)).toEqual([0, 0, 0, 1, 2, 4]);
    expect(Math.max(...waits)).toBe(300);
  });

  it('counts each username apart and forgets after a success', () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < 5; i++) throttle.fail('pat', 0);
    expect(waitOf(throttle, 'sam', 0)).toBe(0);
    expect(waitOf(throttle, 'pat', 0)).toBeGreaterThan(0);
    expect(waitOf(throttle, 'pat', 10_000)).toBe(0);
    throttle.succeed('pat');
    throttle.fail('pat', 10_000);
    expect(waitOf(throttle, 'pat', 10_000)).toBe(0);
  });
});
