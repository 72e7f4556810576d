const SECOND = 1000;
const DAY = 86_400_000;

export interface RateLimit {
  perSecond: number;
  perDay: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Gong's per-company limits (3/s and 10,000/day by default) as sliding windows over the accepted requests'
 * timestamps. Rejected requests do not count, so a client that waits Retry-After always gets through.
 */
export class SlidingWindowLimiter {
  private readonly accepted = new Map<string, number[]>();

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: () => number,
  ) {}

  check(company: string): RateDecision {
    const now = this.clock();
    const times = this.accepted.get(company) ?? [];
    let firstInDay = 0;
    while (firstInDay < times.length && (times[firstInDay] ?? 0) <= now - DAY) firstInDay++;
    if (firstInDay > 0) times.splice(0, firstInDay);

    const secondWait = this.waitFor(times, this.limit.perSecond, SECOND, now);
    const dayWait = this.waitFor(times, this.limit.perDay, DAY, now);
    const wait = Math.max(secondWait, dayWait);
    if (wait > 0) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
    times.push(now);
    this.accepted.set(company, times);
    return { allowed: true };
  }

  reset(): void {
    this.accepted.clear();
  }

  // With `limit` requests already inside the window, the next one may go when the oldest of them leaves it.
  private waitFor(times: number[], limit: number, window: number, now: number): number {
    if (times.length < limit) return 0;
    const oldestCounted = times[times.length - limit] ?? now;
    return Math.max(0, oldestCounted + window - now);
  }
}
