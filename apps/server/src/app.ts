import type { ApiDeps } from '@callmine/api';
import type { Database } from '@callmine/db';
import type { Logger } from '@callmine/logger';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './app-env.ts';
import { compressAnswers } from './middleware/compress-answers.ts';
import { jsonOnly, originGuard } from './middleware/origin-guard.ts';
import { refusals, refuse } from './middleware/refusal.ts';
import { requestEnvelope } from './middleware/request-envelope.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { apiDocsRoutes } from './routes/api-docs.ts';
import { gongOAuthRoutes } from './routes/gong-oauth.ts';
import { healthRoutes } from './routes/health.ts';
import { spaRoutes } from './routes/spa.ts';
import { trpcRoutes } from './routes/trpc.ts';

export interface AppDeps {
  api: ApiDeps;
  /** For /healthz. */
  database: Pick<Database, 'ping'>;
  logger: Logger;
  publicUrl: string;
  bodyLimitBytes: number;
  webDistDir: string;
}

/** HTTP wiring only: every rule about accounts and data lives in @callmine/api. */
export function buildApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  // Request id, security headers and the request log, in one layer (request-envelope.ts says why).
  app.use(requestEnvelope({ logger: deps.logger, headers: securityHeaders(deps.publicUrl) }));
  const limitBody = bodyLimit({
    maxSize: deps.bodyLimitBytes,
    onError: (c) => refuse(c, refusals.bodyTooLarge),
  });
  const guardOrigin = originGuard([new URL(deps.publicUrl).origin]);
  // A GET or HEAD changes nothing and has no body to limit (the request object refuses one; checking would build a
  // full Request object for every query): one plain pass-through for the polls, both checks for everything else.
  app.use((c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD'
      ? next()
      : limitBody(c, () => guardOrigin(c, next) as Promise<void>),
  );
  app.route('/healthz', healthRoutes(deps.database));
  app.use('/trpc/*', jsonOnly());
  app.use('/trpc/*', compressAnswers());
  app.route('/trpc', trpcRoutes(deps.api, deps.logger));
  app.route('/docs', apiDocsRoutes(deps.publicUrl));
  app.route('/integrations/gong/oauth', gongOAuthRoutes(deps.api, deps.logger));
  app.route('/', spaRoutes(deps.webDistDir));
  app.onError((error, c) => {
    deps.logger.error({ requestId: c.get('requestId'), err: error }, 'unhandled error');
    return refuse(c, refusals.internal);
  });
  return app;
}
