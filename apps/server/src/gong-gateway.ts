import type { GongGateway } from '@callmine/api';
import type { Config } from '@callmine/config';
import { createDbBudgetStore, createDbRateSlotStore, type Db } from '@callmine/db';
import {
  basicAuth,
  basicLimiterKey,
  bearerAuth,
  createGong,
  createSharedRateLimiter,
  type Gong,
  limiterHoldMs,
  oauthLimiterKey,
} from '@callmine/gong';
import type { Logger } from '@callmine/logger';

/**
 * The process's one Gong client (connection pool, per-credential limiter, daily budget), from the config. The
 * limiter's slots and the budget live in the database: a validation takes its turn with the workers' requests and
 * counts in the same daily budget (both keyed by limiter-key.ts).
 */
export function createGongForConfig(config: Config, logger: Logger, db: Db, now: () => Date): Gong {
  return createGong({
    defaultBaseUrl: config.gong.defaultBaseUrl,
    allowedOrigins: config.gong.allowedOrigins,
    timeoutMs: config.gong.timeoutMs,
    limiter: createSharedRateLimiter({
      store: createDbRateSlotStore(db),
      ratePerSecond: config.gong.requestsPerSecond,
      holdMs: limiterHoldMs(config.gong.timeoutMs),
      onStoreError: (error) => logger.warn({ err: error }, 'Gong rate slots unavailable; retrying'),
    }),
    ratePerSecond: config.gong.requestsPerSecond,
    backoff: config.gong.retryBackoff,
    dailyBudget: config.gong.dailyBudget,
    budgetStore: createDbBudgetStore(db),
    // The day a validation counts in is the server's calendar, the one the card reads (as the worker's is).
    budgetClock: { now: () => now().getTime() },
    logger: { warn: (message) => logger.warn(message) },
  });
}

/** What the api's Gong procedures need, over the client. */
export function gongGateway(gong: Gong, dailyBudget: number): GongGateway & { defaultBaseUrl: string } {
  const defaultBaseUrl = gong.rules.defaultBaseUrl.replace(/\/+$/, '');
  return {
    defaultBaseUrl,
    dailyBudget,
    normalizeBaseUrl(input) {
      const verdict = gong.normalizeBaseUrl(input);
      return verdict.ok
        ? { ok: true, origin: verdict.origin, isDefault: verdict.origin === defaultBaseUrl }
        : { ok: false, reason: verdict.reason };
    },
    async validateBasic({ accessKey, secretKey, baseUrl }) {
      // Keyed as the worker keys the stored credential (limiter-key.ts): a validation takes turns with runs.
      const credentialId = basicLimiterKey(accessKey);
      const result = await gong.validate({ baseUrl, credentialId, auth: basicAuth(accessKey, secretKey) });
      if (!result.ok) throw result.error;
      return { workspaces: [...result.workspaces] };
    },
    async validateBearer({ accessToken, baseUrl, workspaceId }) {
      const credentialId = oauthLimiterKey(workspaceId);
      const result = await gong.validate({ baseUrl, credentialId, auth: bearerAuth(accessToken) });
      if (!result.ok) throw result.error;
      return { workspaces: [...result.workspaces] };
    },
  };
}
