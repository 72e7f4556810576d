import type { Logger } from '@callmine/logger';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';

/** One JSON line per request. The path only: query strings may carry tokens. */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const principal = c.get('principal');
    logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        userId: c.get('userId') ?? null,
        // `token:<id>` or `session`. The key must not say "token": the logger redacts such keys wholesale.
        principal: principal ? (principal.kind === 'token' ? `token:${principal.tokenId}` : 'session') : null,
      },
      'request',
    );
  };
}
