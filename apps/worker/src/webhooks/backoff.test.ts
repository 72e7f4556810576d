import { describe, expect, it } from 'vitest';
import { nextAttemptAt, retryDelayMs } from './backoff.ts';

const policy = { baseMs: 30_000, maxGapMs: 3_600_000, retryForMs: 72 * 3_600_000 };

describe('webhook retry backoff', () => {
  it('grows exponentially with jitter and never shrinks between attempts', () => {
    for (const random of [() => 0, () => 0.5, () => 0.999]) {
      const gaps = [1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(policy, n, random));
      for (let i = 1; i < gaps.length; i += 1) expect(gaps[i]).toBeGreaterThanOrEqual(gaps[i - 1]!);
    }
    // Worst case for growth: the smallest jitter of the next attempt still equals the largest of the previous one.
    expect(retryDelayMs(policy, 2, () => 0)).toBe(retryDelayMs(policy, 1, () => 1));
    expect(retryDelayMs(policy, 1, () => 0)).toBe(15_000);
    expect(retryDelayMs(policy, 40, () => 1)).toBe(3_600_000);
  });

  it('keeps retrying for at least 24 hours, then gives up', () => {
    const createdAt = new Date('2026-01-01T00:00:00Z');
    let now = createdAt;
    let attempts = 0;
    for (;;) {
      attempts += 1;
      const next = nextAttemptAt(policy, { createdAt, attempts, now }, () => 1);
      if (!next) break;
      now = next;
    }
    const retriedFor = now.getTime() - createdAt.getTime();
    expect(retriedFor).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(retriedFor).toBeLessThanOrEqual(policy.retryForMs);
    expect(attempts).toBeGreaterThan(10);
  });
});
