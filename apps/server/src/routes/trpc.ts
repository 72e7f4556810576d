import { type ApiDeps, appRouter, createContext } from '@callmine/api';
import type { Logger } from '@callmine/logger';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';

export function trpcRoutes(deps: ApiDeps, logger: Logger) {
  return new Hono<AppEnv>().all('/*', (c) =>
    fetchRequestHandler({
      endpoint: '/trpc',
      req: c.req.raw,
      router: appRouter,
      allowMethodOverride: false,
      createContext: async ({ req, resHeaders }) => {
        const ctx = await createContext({ deps, headers: req.headers, resHeaders });
        if (ctx.session) {
          c.set('userId', ctx.session.user.id);
          c.set('principal', { kind: 'session', userId: ctx.session.user.id });
        }
        if (ctx.bearer?.ok) {
          c.set('userId', ctx.bearer.principal.user.id);
          c.set('principal', { kind: 'token', tokenId: ctx.bearer.principal.tokenId });
        }
        return ctx;
      },
      onError: ({ error, path }) => {
        // Unexpected failures are logged with their cause (type and message); expected ones are the client's.
        if (error.code === 'INTERNAL_SERVER_ERROR') {
          logger.error(
            { requestId: c.get('requestId'), procedure: path, err: error.cause ?? error },
            'procedure failed',
          );
        }
      },
    }),
  );
}
