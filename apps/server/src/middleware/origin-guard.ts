import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { refusals, refuse } from './refusal.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for every state-changing request: the Origin must be Callmine's own. Browsers always send
 * Origin on cross-site POSTs, so a missing Origin is accepted only when Sec-Fetch-Site says same-origin.
 * A request with an `Authorization: Bearer` header and no cookie is a script using an API token: a browser
 * never attaches that header on its own, so such a request cannot be forged by another site and is let through.
 */
export function originGuard(allowedOrigins: readonly string[]): MiddlewareHandler<AppEnv> {
  const allowed = new Set(allowedOrigins);
  // Not async: a pass-through returns next()'s promise as it is, without one more promise per request.
  return (c, next) => {
    if (safeMethods.has(c.req.method)) return next();
    if (isBearerWithoutCookie(c.req.header('authorization'), c.req.header('cookie'))) return next();
    const origin = c.req.header('origin');
    const fetchSite = c.req.header('sec-fetch-site');
    const ok = origin ? allowed.has(origin) : fetchSite === 'same-origin';
    if (!ok) return Promise.resolve(refuse(c, refusals.crossOrigin));
    return next();
  };
}

/** tRPC calls are JSON only: no form posts, so no simple-request CSRF and no method override. */
export function jsonOnly(): MiddlewareHandler<AppEnv> {
  return (c, next) => {
    if (c.req.method !== 'POST') return next();
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\b/i.test(type)) {
      return Promise.resolve(refuse(c, refusals.notJson));
    }
    return next();
  };
}

function isBearerWithoutCookie(authorization: string | undefined, cookie: string | undefined): boolean {
  return /^Bearer\s+\S/i.test(authorization ?? '') && !cookie;
}
