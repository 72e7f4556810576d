// When a failed delivery is tried again: exponential backoff with "equal jitter" (half the gap fixed, half random),
// so gaps never shrink from one attempt to the next (attempt n waits between base·2^(n-2) and base·2^(n-1)) while
// many failed deliveries to one receiver spread out instead of arriving together.

export interface RetryPolicy {
  baseMs: number;
  maxGapMs: number;
  /** How long after the event a delivery is still retried. */
  retryForMs: number;
}

/** The wait after the `attempts`-th failed attempt (1 = the first attempt failed). */
export function retryDelayMs(
  policy: RetryPolicy,
  attempts: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  const full = Math.min(policy.baseMs * 2 ** exponent, policy.maxGapMs);
  return Math.round(full / 2 + (full / 2) * random());
}

/** The next attempt's time, or null when the delivery has been retried long enough (it is then 'dead'). */
export function nextAttemptAt(
  policy: RetryPolicy,
  input: { createdAt: Date; attempts: number; now: Date },
  random?: () => number,
): Date | null {
  const next = new Date(input.now.getTime() + retryDelayMs(policy, input.attempts, random));
  return next.getTime() - input.createdAt.getTime() > policy.retryForMs ? null : next;
}
