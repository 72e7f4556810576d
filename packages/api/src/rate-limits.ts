import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimitOptions {
  gongConnectPerMinute: number;
  /** Procedure calls per API token per minute. */
  apiTokenCallsPerMinute: number;
  /** Open sign-up attempts per IP address per hour. */
  signUpsPerIpPerHour: number;
  /** Open sign-up attempts per email domain per hour. */
  signUpsPerDomainPerHour: number;
}

const defaults: RateLimitOptions = {
  gongConnectPerMinute: 10,
  apiTokenCallsPerMinute: 600,
  signUpsPerIpPerHour: 10,
  signUpsPerDomainPerHour: 20,
};

type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number };

function limiter(points: number, keyPrefix: string, duration = 60) {
  const memory = new RateLimiterMemory({ points, duration, keyPrefix });
  return {
    async consume(key: string): Promise<Verdict> {
      try {
        await memory.consume(key);
        return { ok: true };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        }
        throw rejection;
      }
    },
  };
}

/**
 * Limits on what costs something outside Callmine or could be hammered by a script. In memory: one server
 * process serves a workspace. rate-limiter-flexible gives exact fixed-window counting with the wait until the
 * next point frees.
 */
export function createRateLimits(options: Partial<RateLimitOptions> = {}) {
  const o = { ...defaults, ...options };
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
    // Connecting makes an outbound request to Gong with the pasted key: 10 a minute per workspace is plenty
    // for a person and useless for probing.
    gongConnect: limiter(o.gongConnectPerMinute, 'gong-connect'),
    // A runaway script must not starve the people using the app; each token gets its own budget.
    apiToken: limiter(o.apiTokenCallsPerMinute, 'api-token'),
    // Open sign-up creates accounts and workspaces: per address and per email domain, so neither one machine
    // nor many machines with one company's addresses can mass-create them.
    signUpPerIp: limiter(o.signUpsPerIpPerHour, 'sign-up-ip', 3600),
    signUpPerDomain: limiter(o.signUpsPerDomainPerHour, 'sign-up-domain', 3600),
  };
}

export type RateLimits = ReturnType<typeof createRateLimits>;
