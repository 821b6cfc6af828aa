import crypto from 'node:crypto';
import { AppError } from '../../../shared/errors';

export type AttemptRecord = { count: number; blockedUntil: number };

/** Where failure counts live between processes; by default only in memory. */
export interface AttemptStorage {
  read(): Record<string, AttemptRecord>;
  write(records: Record<string, AttemptRecord>): void;
}

export function memoryAttemptStorage(): AttemptStorage {
  let records: Record<string, AttemptRecord> = {};
  return { read: () => records, write: (next) => (records = next) };
}

/**
 * Slows down repeated failed sign-ins for one username: the first three
 * failures are free (typos happen), then each further failure doubles the
 * wait, up to five minutes. A success clears the count. Counts are kept by
 * a hash of the username, in storage shared by every process on the store
 * (the app and each CLI run), so restarting does not reset them. On top of
 * this, every attempt costs a deliberate scrypt derivation.
 */
export class SignInThrottle {
  constructor(
    private readonly storage: AttemptStorage = memoryAttemptStorage(),
    private readonly freeAttempts = 3,
    private readonly maxDelayMs = 5 * 60_000,
  ) {}

  private key(username: string): string {
    return crypto.createHash('sha256').update(`consent-desk sign-in\u0000${username.toLowerCase()}`).digest('hex');
  }

  /** Throws `throttled` when this username must wait. */
  check(username: string, nowMs: number): void {
    const entry = this.storage.read()[this.key(username)];
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
    const records = { ...this.storage.read() };
    const key = this.key(username);
    const count = (records[key]?.count ?? 0) + 1;
    const over = count - this.freeAttempts;
    const delay = over > 0 ? Math.min(1000 * 2 ** (over - 1), this.maxDelayMs) : 0;
    records[key] = { count, blockedUntil: nowMs + delay };
    this.storage.write(records);
  }

  succeed(username: string): void {
    const records = { ...this.storage.read() };
    const key = this.key(username);
    if (!(key in records)) return;
    delete records[key];
    this.storage.write(records);
  }
}
