import { type Clock, systemClock } from './clock.ts';
import { GongError } from './errors.ts';

// A per-key (per credential) limiter that NEVER lets Gong see more than N requests in any 1-second window.
//
// Gong counts a request when it arrives, and the client cannot see arrival times — only that arrival happened after
// the request was sent and before the response came back. So each key has N slots; a request holds a slot while in
// flight, and the slot reopens one window after the response (the latest possible arrival). This is exact from
// Gong's side whatever the network latency, at the cost of some throughput when responses are slow — a good trade,
// since the daily budget (10,000 by default) and not the per-second rate is what bounds a sync.
//
// Requests for a key are served first come, first served. Retry-After pauses the whole key. The limiter is in-process:
// share one instance among all clients of a process; across processes, Gong's 429 + Retry-After is the backstop.

export interface RateLimiterOptions {
  /** Requests per window per key; Gong's default is 3 per second. */
  readonly ratePerSecond?: number;
  readonly windowMs?: number;
  readonly clock?: Clock;
}

export type Release = () => void;

export interface RateLimiter {
  /**
   * Waits for a free slot for `key`. Call the returned function once the response (or failure) is in.
   * Rejects with GongError('rate-limited') instead of waiting out a pause longer than `maxPauseMs`.
   */
  acquire(key: string, maxPauseMs?: number): Promise<Release>;
  /** Holds every request for `key` until `ms` from now (Retry-After). */
  pause(key: string, ms: number): void;
  /** Milliseconds until the key's pause ends; 0 when not paused. */
  pausedFor(key: string): number;
}

export const DEFAULT_RATE_PER_SECOND = 3;

interface KeyState {
  /** When each slot may next be used; Infinity while its request is in flight. */
  readonly slots: number[];
  pausedUntil: number;
  /** The previous acquirer's turn: acquirers queue behind one another. */
  tail: Promise<unknown>;
  wakeOnRelease: (() => void) | undefined;
}

export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const rate = options.ratePerSecond ?? DEFAULT_RATE_PER_SECOND;
  if (!Number.isInteger(rate) || rate < 1) throw new RangeError('ratePerSecond must be a positive integer');
  const windowMs = options.windowMs ?? 1000;
  const clock = options.clock ?? systemClock;
  const keys = new Map<string, KeyState>();

  const stateOf = (key: string): KeyState => {
    let state = keys.get(key);
    if (!state) {
      state = {
        slots: new Array<number>(rate).fill(0),
        pausedUntil: 0,
        tail: Promise.resolve(),
        wakeOnRelease: undefined,
      };
      keys.set(key, state);
    }
    return state;
  };

  const takeSlot = async (state: KeyState, maxPauseMs: number): Promise<Release> => {
    for (;;) {
      const now = clock.now();
      // Checked on every pass: a long Retry-After may arrive while this request is already queued.
      if (state.pausedUntil - now > maxPauseMs) {
        const retryAfterSeconds = Math.ceil((state.pausedUntil - now) / 1000);
        throw new GongError('rate-limited', { retryAfterSeconds, detail: 'key-paused' });
      }
      if (state.pausedUntil > now) {
        await clock.sleep(state.pausedUntil - now);
        continue;
      }
      let index = 0;
      for (let i = 1; i < state.slots.length; i += 1) {
        if (state.slots[i]! < state.slots[index]!) index = i;
      }
      const freeAt = state.slots[index]!;
      if (freeAt === Number.POSITIVE_INFINITY) {
        await new Promise<void>((resolve) => {
          state.wakeOnRelease = resolve;
        });
        continue;
      }
      if (freeAt > now) {
        await clock.sleep(freeAt - now);
        continue;
      }
      state.slots[index] = Number.POSITIVE_INFINITY;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        state.slots[index] = clock.now() + windowMs;
        const wake = state.wakeOnRelease;
        state.wakeOnRelease = undefined;
        wake?.();
      };
    }
  };

  return {
    acquire(key, maxPauseMs = Number.POSITIVE_INFINITY) {
      const state = stateOf(key);
      const turn = state.tail.then(() => takeSlot(state, maxPauseMs));
      state.tail = turn.catch(() => undefined);
      return turn;
    },
    pause(key, ms) {
      const state = stateOf(key);
      state.pausedUntil = Math.max(state.pausedUntil, clock.now() + ms);
    },
    pausedFor(key) {
      const state = keys.get(key);
      return state ? Math.max(0, state.pausedUntil - clock.now()) : 0;
    },
  };
}
