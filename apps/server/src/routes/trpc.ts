import { type ApiDeps, type AppRouter, appRouter, createContext } from '@callmine/api';
import type { Logger } from '@callmine/logger';
import { getConnInfo } from '@hono/node-server/conninfo';
import { type FetchHandlerRequestOptions, fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { resolveGetQueries } from './trpc-get-queries.ts';

export function trpcRoutes(deps: ApiDeps, logger: Logger) {
  return new Hono<AppEnv>().all('/*', async (c) => {
    const options: FetchHandlerRequestOptions<AppRouter> = {
      endpoint: '/trpc',
      req: c.req.raw,
      router: appRouter,
      allowMethodOverride: false,
      createContext: async ({ req, resHeaders }) => {
        const ctx = await createContext({ deps, headers: req.headers, resHeaders, clientIp: peerAddress(c) });
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
    };
    // GET queries (the status polls) skip tRPC's abort signals; everything else is tRPC's own handler.
    // The envelope's headers go into the answer as it is built (see AnswerHeaders); compressAnswers adds Vary.
    // The answer's size goes to compressAnswers, so that it decides without reading the body back (which would
    // turn the body into a stream and lose @hono/node-server's direct write): the fast path measures the body it
    // built; tRPC's handler gets a responseMeta that stringifies what tRPC stringifies next (no transformer): exact
    // for one call; a batch's array adds only brackets and commas.
    const envelopeHeaders = c.get('envelopeHeaders');
    const answerHeaders = envelopeHeaders && {
      headers: envelopeHeaders,
      vary: 'Accept-Encoding',
      used: () => c.set('headersComplete', true),
    };
    const answered = await resolveGetQueries(options, answerHeaders, (bytes) => c.set('answerBytes', bytes));
    return (
      answered ??
      fetchRequestHandler({
        ...options,
        responseMeta: ({ data, eagerGeneration }) => {
          if (!eagerGeneration) c.set('answerBytes', jsonBytes(data));
          return {};
        },
      })
    );
  });
}

function jsonBytes(data: unknown[]): number | undefined {
  try {
    return data.reduce<number>((sum, item) => sum + Buffer.byteLength(JSON.stringify(item) ?? ''), 0);
  } catch {
    return undefined;
  }
}

/**
 * The socket's peer, never a forwarded-for header (nothing here says which proxy to trust). Behind a reverse
 * proxy every request shares its address, so per-IP limits then act per proxy. Undefined without a socket
 * (app.request in tests).
 */
function peerAddress(c: Context<AppEnv>): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}
