import { type Clock, systemClock } from './clock.ts';
import { GongError } from './errors.ts';

// Gong allows 10,000 calls per company per day by default. Counting our own requests lets a sync stop cleanly with
// `budget-exhausted` instead of running into a day of 429s. Days are UTC days.

export interface BudgetStore {
  /** Counts one request for `key` on `day` if fewer than `limit` were counted; says whether it did. Atomic. */
  take(key: string, day: string, limit: number): boolean | Promise<boolean>;
  /** Requests counted for `key` on `day`. */
  used(key: string, day: string): number | Promise<number>;
}

/** The default store: per process, forgotten on restart. Persist it (e.g. in the database) by passing another. */
export function createMemoryBudgetStore(): BudgetStore {
  const counts = new Map<string, number>();
  return {
    take(key, day, limit) {
      const id = `${day}\u0000${key}`;
      const used = counts.get(id) ?? 0;
      if (used >= limit) return false;
      counts.set(id, used + 1);
      return true;
    },
    used: (key, day) => counts.get(`${day}\u0000${key}`) ?? 0,
  };
}

export interface DailyBudget {
  /** Counts one request; throws GongError('budget-exhausted') when the day's budget is used up. */
  take(key: string): Promise<void>;
  remaining(key: string): Promise<number>;
}

export const DEFAULT_DAILY_BUDGET = 10_000;

export function createDailyBudget(
  options: { limit?: number; store?: BudgetStore; clock?: Pick<Clock, 'now'> } = {},
): DailyBudget {
  const limit = options.limit ?? DEFAULT_DAILY_BUDGET;
  const store = options.store ?? createMemoryBudgetStore();
  const clock = options.clock ?? systemClock;
  const today = () => new Date(clock.now()).toISOString().slice(0, 10);

  return {
    async take(key) {
      if (!(await store.take(key, today(), limit))) {
        const midnight = new Date(today()).getTime() + 86_400_000;
        throw new GongError('budget-exhausted', {
          retryAfterSeconds: Math.ceil((midnight - clock.now()) / 1000),
        });
      }
    },
    async remaining(key) {
      return Math.max(0, limit - (await store.used(key, today())));
    },
  };
}
