import { describe, expect, it } from 'vitest';
import { createDailyBudget } from './budget.ts';
import { GongError } from './errors.ts';
import { FakeClock } from './test-support/fake-clock.ts';

describe('daily budget', () => {
  it('stops at the limit with budget-exhausted, per key, and starts again the next UTC day', async () => {
    const clock = new FakeClock(Date.UTC(2026, 5, 1, 23, 0, 0));
    const budget = createDailyBudget({ limit: 2, clock });
    await budget.take('a');
    await budget.take('a');
    const error = await budget.take('a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GongError);
    expect(error).toMatchObject({ kind: 'budget-exhausted', retryAfterSeconds: 3600 });
    await budget.take('b');
    expect(await budget.remaining('a')).toBe(0);
    expect(await budget.remaining('b')).toBe(1);
    await clock.advance(3600 * 1000);
    expect(await budget.remaining('a')).toBe(2);
    await budget.take('a');
  });
});
