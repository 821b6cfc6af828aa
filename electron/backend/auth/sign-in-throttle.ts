import { AppError } from '../../../shared/errors';

/**
 * Slows down repeated failed sign-ins for one username: the first three
 * failures are free (typos happen), then each further failure doubles the
 * wait, up to five minutes. A success clears the count. On top of this,
 * every attempt already costs a deliberate scrypt derivation.
 */
export class SignInThrottle {
  private readonly failures = new Map<string, { count: number; blockedUntil: number }>();

  constructor(
    private readonly freeAttempts = 3,
    private readonly maxDelayMs = 5 * 60_000,
  ) {}

  /** Throws `throttled` when this username must wait. */
  check(username: string, nowMs: number): void {
    const entry = this.failures.get(username);
    if (entry && entry.blockedUntil > nowMs) {
      const seconds = Math.ceil((entry.blockedUntil - nowMs) / 1000);
      throw new AppError(
        'throttled',
        `Too many failed sign-ins. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
        { retryAfterSeconds: seconds },
      );
    }
  }

  fail(username: string, nowMs: number): void {
    const count = (this.failures.get(username)?.count ?? 0) + 1;
    const over = count - this.freeAttempts;
    const delay = over > 0 ? Math.min(1000 * 2 ** (over - 1), this.maxDelayMs) : 0;
    this.failures.set(username, { count, blockedUntil: nowMs + delay });
  }

  succeed(username: string): void {
    this.failures.delete(username);
  }
}
