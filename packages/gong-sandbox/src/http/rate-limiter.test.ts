import { describe, expect, it } from 'vitest';
import { aManualClock } from '../testing/builders.ts';
import { SlidingWindowLimiter } from './rate-limiter.ts';

describe('SlidingWindowLimiter', () => {
  it('allows 3 per second, then asks to retry when the oldest leaves the window', () => {
    const clock = aManualClock();
    const limiter = new SlidingWindowLimiter({ perSecond: 3, perDay: 10_000 }, clock.now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.check('acme')).toEqual({ allowed: true });
      clock.advance(100);
    }
    expect(limiter.check('acme')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.advance(700); // the first request is now exactly 1 s old
    expect(limiter.check('acme')).toEqual({ allowed: true });
  });

  it('counts each company separately', () => {
    const clock = aManualClock();
    const limiter = new SlidingWindowLimiter({ perSecond: 1, perDay: 10 }, clock.now);
    expect(limiter.check('acme').allowed).toBe(true);
    expect(limiter.check('globex').allowed).toBe(true);
    expect(limiter.check('acme').allowed).toBe(false);
  });

  it('computes the daily Retry-After from the sliding 24-hour window', () => {
    const clock = aManualClock();
    const limiter = new SlidingWindowLimiter({ perSecond: 100, perDay: 2 }, clock.now);
    limiter.check('acme');
    clock.advance(3_600_000);
    limiter.check('acme');
    clock.advance(60_000);
    // The first request leaves the window 24 h after it was made: 22 h 59 min from now.
    expect(limiter.check('acme')).toEqual({ allowed: false, retryAfterSeconds: 23 * 3600 - 60 });
    clock.advance((23 * 3600 - 60) * 1000);
    expect(limiter.check('acme').allowed).toBe(true);
  });
});
