import type { ApiDeps } from '@callmine/api';
import type { Database } from '@callmine/db';
import type { Logger } from '@callmine/logger';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './app-env.ts';
import { compressAnswers } from './middleware/compress-answers.ts';
import { jsonOnly, originGuard } from './middleware/origin-guard.ts';
import { requestLog } from './middleware/request-log.ts';
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
  app.use(requestId());
  app.use(requestLog(deps.logger));
  app.use(
    secureHeaders({
      // The built SPA loads only its own script and style files; nothing inline, nothing third-party.
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      strictTransportSecurity: deps.publicUrl.startsWith('https:')
        ? 'max-age=31536000; includeSubDomains'
        : false,
      referrerPolicy: 'same-origin',
    }),
  );
  const limitBody = bodyLimit({
    maxSize: deps.bodyLimitBytes,
    onError: (c) => c.json({ error: 'Request body too large.' }, 413),
  });
  // A GET or HEAD has no body to limit (the request object refuses one), and checking would build a full Request
  // object for every query.
  app.use((c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));
  app.use(originGuard([new URL(deps.publicUrl).origin]));
  app.route('/healthz', healthRoutes(deps.database));
  app.use('/trpc/*', jsonOnly());
  app.use('/trpc/*', compressAnswers());
  app.route('/trpc', trpcRoutes(deps.api, deps.logger));
  app.route('/docs', apiDocsRoutes(deps.publicUrl));
  app.route('/integrations/gong/oauth', gongOAuthRoutes(deps.api, deps.logger));
  app.route('/', spaRoutes(deps.webDistDir));
  app.onError((error, c) => {
    deps.logger.error({ requestId: c.get('requestId'), err: error }, 'unhandled error');
    return c.json({ error: 'Something went wrong on our side.' }, 500);
  });
  return app;
}
