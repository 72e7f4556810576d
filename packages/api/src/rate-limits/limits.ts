import { createHash } from 'node:crypto';
import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimitStore } from './store.ts';

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

/** Failed sign-ins per email address before the wait, and the window they count in. */
export const SIGN_IN_FAILURES = { points: 10, durationSeconds: 15 * 60 };

type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number };

/** The stored key's subject: a hash, so the shared table never holds an email, an IP address or a token id. */
const subject = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 32);

function consumer(limiter: RateLimiterAbstract) {
  return {
    async consume(key: string): Promise<Verdict> {
      try {
        await limiter.consume(subject(key));
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
 * Limits on what costs something outside Callmine or could be hammered by a script, counted in `store` (the
 * database every server process shares: store.ts), so several servers enforce one limit. rate-limiter-flexible
 * gives exact fixed-window counting with the wait until the next point frees.
 */
export function createRateLimits(store: RateLimitStore, options: Partial<RateLimitOptions> = {}) {
  const o = { ...defaults, ...options };
  // Failed sign-ins per email address: 10 in 15 minutes, then wait. Successes don't count and clear the tally,
  // so a person who mistypes a few times is never locked out by their own later success.
  const signInFailures = store.limiter({
    keyPrefix: 'sign-in',
    points: SIGN_IN_FAILURES.points,
    duration: SIGN_IN_FAILURES.durationSeconds,
  });
  // The address as typed in any case is one person's tally.
  const emailKey = (email: string) => subject(email.trim().toLowerCase());
  const limiter = (keyPrefix: string, points: number, duration = 60) =>
    consumer(store.limiter({ keyPrefix, points, duration }));
  return {
    signInFailures: {
      async blockedFor(email: string): Promise<number> {
        const res = await signInFailures.get(emailKey(email));
        return res && res.consumedPoints >= SIGN_IN_FAILURES.points
          ? Math.max(1, Math.ceil(res.msBeforeNext / 1000))
          : 0;
      },
      async record(email: string): Promise<void> {
        await signInFailures.penalty(emailKey(email), 1);
      },
      async clear(email: string): Promise<void> {
        await signInFailures.delete(emailKey(email));
      },
    },
    // Connecting makes an outbound request to Gong with the pasted key: 10 a minute per workspace is plenty
    // for a person and useless for probing.
    gongConnect: limiter('gong-connect', o.gongConnectPerMinute),
    // A runaway script must not starve the people using the app; each token gets its own budget.
    apiToken: limiter('api-token', o.apiTokenCallsPerMinute),
    // Open sign-up creates accounts and workspaces: per address and per email domain, so neither one machine
    // nor many machines with one company's addresses can mass-create them.
    signUpPerIp: limiter('sign-up-ip', o.signUpsPerIpPerHour, 3600),
    signUpPerDomain: limiter('sign-up-domain', o.signUpsPerDomainPerHour, 3600),
  };
}

export type RateLimits = ReturnType<typeof createRateLimits>;
