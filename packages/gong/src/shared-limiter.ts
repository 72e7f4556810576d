import { type Clock, systemClock } from './clock.ts';
import { GongError } from './errors.ts';
import { DEFAULT_RATE_PER_SECOND, type RateLimiter, type Release } from './limiter.ts';

// The same limiter as limiter.ts (N slots per credential, a slot held while its request is in flight and reopened
// one window after the response, Retry-After pausing the credential), with the slots in a store every process
// shares (the database), so workers and servers on any machine together never send Gong more than N requests in
// any window for one credential. Within a process, acquirers for a key still queue first come, first served and
// only the head asks the store.

export type SlotTake = { slot: number } | { retryAt: number; paused: boolean };

export interface SlotStore {
  take(key: string, rate: number, now: number, holdUntil: number): Promise<SlotTake>;
  release(key: string, slot: number, heldUntil: number, freeAt: number): Promise<void>;
  pause(key: string, until: number): Promise<void>;
}

export interface SharedRateLimiterOptions {
  readonly store: SlotStore;
  readonly ratePerSecond?: number;
  readonly windowMs?: number;
  /** How long a slot stays held if its holder never releases it (crashed mid-request): above the request timeout. */
  readonly holdMs: number;
  /** How often to look again while every slot is held by requests in flight. */
  readonly pollMs?: number;
  readonly clock?: Clock;
  /** A store failure (the database away) is logged and retried after pollMs; the request waits, never skips. */
  readonly onStoreError?: (error: unknown) => void;
}

export function createSharedRateLimiter(options: SharedRateLimiterOptions): RateLimiter {
  const rate = options.ratePerSecond ?? DEFAULT_RATE_PER_SECOND;
  if (!Number.isInteger(rate) || rate < 1) throw new RangeError('ratePerSecond must be a positive integer');
  const windowMs = options.windowMs ?? 1000;
  const pollMs = options.pollMs ?? 25;
  const clock = options.clock ?? systemClock;
  const { store } = options;
  const tails = new Map<string, Promise<unknown>>();
  /** What this process knows of each key's pause (its own 429s, or one the store reported). */
  const pausedUntil = new Map<string, number>();

  const notePause = (key: string, until: number) =>
    pausedUntil.set(key, Math.max(pausedUntil.get(key) ?? 0, until));

  const takeSlot = async (key: string, maxPauseMs: number): Promise<Release> => {
    for (;;) {
      const now = clock.now();
      const paused = (pausedUntil.get(key) ?? 0) - now;
      if (paused > maxPauseMs) {
        throw new GongError('rate-limited', {
          retryAfterSeconds: Math.ceil(paused / 1000),
          detail: 'key-paused',
        });
      }
      if (paused > 0) {
        await clock.sleep(paused);
        continue;
      }
      const holdUntil = now + options.holdMs;
      let taken: SlotTake;
      try {
        taken = await store.take(key, rate, now, holdUntil);
      } catch (error) {
        options.onStoreError?.(error);
        await clock.sleep(pollMs);
        continue;
      }
      if ('slot' in taken) {
        let released = false;
        return () => {
          if (released) return;
          released = true;
          store
            .release(key, taken.slot, holdUntil, clock.now() + windowMs)
            // Not freed now: the hold lapses at holdUntil, as for a crashed holder.
            .catch((error: unknown) => options.onStoreError?.(error));
        };
      }
      if (taken.paused) {
        notePause(key, taken.retryAt);
        continue;
      }
      // A slot reopening within the window: wait exactly for it. Every slot held by a request in flight (its
      // hold ends far ahead): look again soon, since the holder frees it one window after its response.
      const heldInFlight = taken.retryAt > now + windowMs;
      await clock.sleep(heldInFlight ? pollMs : taken.retryAt - clock.now());
    }
  };

  return {
    acquire(key, maxPauseMs = Number.POSITIVE_INFINITY) {
      const turn = (tails.get(key) ?? Promise.resolve()).then(() => takeSlot(key, maxPauseMs));
      const tail = turn.catch(() => undefined);
      tails.set(key, tail);
      // Forget idle keys (a fleet has many credentials).
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return turn;
    },
    pause(key, ms) {
      const until = clock.now() + ms;
      notePause(key, until);
      store.pause(key, until).catch((error: unknown) => options.onStoreError?.(error));
    },
    pausedFor(key) {
      return Math.max(0, (pausedUntil.get(key) ?? 0) - clock.now());
    },
  };
}
