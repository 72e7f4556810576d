import type { Clock } from '../clock.ts';

/** A clock that only moves when told to; `runUntilIdle` jumps from one sleeper to the next. */
export class FakeClock implements Clock {
  private time: number;
  private sleepers: { at: number; resolve: () => void }[] = [];

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.sleepers.push({ at: this.time + Math.max(0, ms), resolve }));
  }

  /** Moves time forward by `ms`, waking sleepers in order. */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    await settle();
    for (;;) {
      const next = this.nextSleeper();
      if (!next || next.at > until) break;
      this.wake(next);
      await settle();
    }
    this.time = until;
    await settle();
  }

  /** Wakes sleepers one by one until nobody sleeps any more (or `limit` wake-ups). */
  async runUntilIdle(limit = 10_000): Promise<void> {
    await settle();
    for (let i = 0; i < limit; i += 1) {
      const next = this.nextSleeper();
      if (!next) return;
      this.wake(next);
      await settle();
    }
    throw new Error('FakeClock: still busy after the wake-up limit');
  }

  private nextSleeper() {
    return this.sleepers.reduce<(typeof this.sleepers)[number] | undefined>(
      (soonest, s) => (!soonest || s.at < soonest.at ? s : soonest),
      undefined,
    );
  }

  private wake(sleeper: { at: number; resolve: () => void }) {
    this.sleepers = this.sleepers.filter((s) => s !== sleeper);
    this.time = Math.max(this.time, sleeper.at);
    sleeper.resolve();
  }
}

/** Lets pending promise chains run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
