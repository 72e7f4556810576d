import { type ApiDeps, completeGongOAuth } from '@callmine/api';
import type { Logger } from '@callmine/logger';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';

/**
 * Gong redirects the admin's browser here after the consent page. HTTP wiring only: the api decides, and the
 * browser always lands back on the settings page with a short result code — never a token or Gong's error text.
 * The code and state are in the query string, so the request log (which logs the path only) never records them.
 */
export function gongOAuthRoutes(deps: ApiDeps, logger: Logger) {
  return new Hono<AppEnv>().get('/callback', async (c) => {
    let result: string;
    try {
      result = await completeGongOAuth(deps, c.req.raw.headers, {
        code: c.req.query('code'),
        state: c.req.query('state'),
        error: c.req.query('error'),
      });
    } catch (error) {
      logger.error({ requestId: c.get('requestId'), err: error }, 'gong oauth callback failed');
      result = 'unreachable';
    }
    c.header('Cache-Control', 'no-store');
    return c.redirect(`/settings?gong=${encodeURIComponent(result)}`, 302);
  });
}
