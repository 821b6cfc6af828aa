/**
 * How often one session may run checks that consult what marketing may not
 * read (the cities in the practice's records). The checks never say whether
 * a detail matches, and each is audited; the limit keeps anyone from
 * probing with hundreds of captions in a short time anyway. Writing and
 * editing captions as a person does stays far below it.
 */
export const checkLimit = { calls: 120, windowMs: 10 * 60_000 };

export class CheckLimiter {
  private times: number[] = [];

  constructor(private readonly limit = checkLimit) {}

  /** Count one check at `nowMs`; false when the session has used its allowance for now. */
  take(nowMs: number): boolean {
    const since = nowMs - this.limit.windowMs;
    this.times = this.times.filter((t) => t > since);
    if (this.times.length >= this.limit.calls) return false;
    this.times.push(nowMs);
    return true;
  }

  /** Minutes until the next check is allowed (at least 1). */
  minutesToWait(nowMs: number): number {
    const oldest = this.times[0] ?? nowMs;
    return Math.max(1, Math.ceil((oldest + this.limit.windowMs - nowMs) / 60_000));
  }
}
