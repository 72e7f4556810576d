import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Limits on procedures that cost something outside Callmine. In memory: one server process serves a workspace.
 * rate-limiter-flexible gives exact fixed-window counting with the wait until the next point frees.
 */
export function createRateLimits(options: { gongConnectPerMinute: number } = { gongConnectPerMinute: 10 }) {
  // Connecting makes an outbound request to Gong with the pasted key: 10 a minute per workspace is plenty
  // for a person and useless for probing.
  const gongConnect = new RateLimiterMemory({
    points: options.gongConnectPerMinute,
    duration: 60,
    keyPrefix: 'gong-connect',
  });
  // Failed sign-ins per email address: 10 in 15 minutes, then wait. Successes don't count and clear the tally,
  // so a person who mistypes a few times is never locked out by their own later success.
  const signInFailures = new RateLimiterMemory({ points: 10, duration: 15 * 60, keyPrefix: 'sign-in' });
  return {
    signInFailures: {
      async blockedFor(key: string): Promise<number> {
        const res = await signInFailures.get(key);
        return res && res.consumedPoints >= 10 ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0;
      },
      async record(key: string): Promise<void> {
        await signInFailures.penalty(key, 1);
      },
      async clear(key: string): Promise<void> {
        await signInFailures.delete(key);
      },
    },
    gongConnect: {
      async consume(key: string): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
        try {
          await gongConnect.consume(key);
          return { ok: true };
        } catch (rejection) {
          if (rejection instanceof RateLimiterRes) {
            return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
          }
          throw rejection;
        }
      },
    },
  };
}

export type RateLimits = ReturnType<typeof createRateLimits>;
