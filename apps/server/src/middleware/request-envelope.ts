// What every request gets, in one middleware where there were three (Hono's requestId(), the request log, Hono's
// secureHeaders()): each middleware layer costs an async function, its promise and Hono's dispatch per request,
// which on a status poll was a measurable share of the whole. Same rules as before:
// - request id: the caller's X-Request-Id when it is short and plain (as Hono's requestId() accepts it), else a
//   random UUID; in c.var for the log and error lines, and sent back as X-Request-Id on every answer.
// - security headers (security-headers.ts) on every answer, replacing whatever a route set for the same names; a
//   route may instead build its answer with them (c.var.envelopeHeaders) and say so (c.var.headersComplete).
// - one JSON line per request. The path only: query strings may carry tokens.
// - a thrown error reaches app.onError inside next(), so its 500 answer gets the headers and the line too.
import { randomUUID } from 'node:crypto';
import type { Logger } from '@callmine/logger';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';

const MAX_REQUEST_ID_LENGTH = 255;
const UNSAFE_REQUEST_ID = /[^\w\-=]/;

export function requestEnvelope(options: {
  logger: Logger;
  headers: ReadonlyArray<readonly [string, string]>;
}): MiddlewareHandler<AppEnv> {
  const { logger, headers } = options;
  const fixed = Object.fromEntries(headers);
  // The request line's fields are fixed here and none names or holds a credential (the path without its query,
  // ids, a status), so the logger's key-by-key redaction pass (a copy of every logged object) is skipped for it.
  const lines = logger.child({}, { formatters: { log: (object: object) => object } });
  return async (c, next) => {
    const started = performance.now();
    const presented = c.req.header('x-request-id');
    const requestId =
      presented && presented.length <= MAX_REQUEST_ID_LENGTH && !UNSAFE_REQUEST_ID.test(presented)
        ? presented
        : randomUUID();
    c.set('requestId', requestId);
    c.set('envelopeHeaders', { ...fixed, 'x-request-id': requestId });
    await next();
    // A route that built its answer with these headers already (plain headers, no Headers object to fill one
    // by one) says so; everything else gets them here.
    if (c.get('headersComplete') !== true) {
      const answer = c.res.headers;
      for (const [name, value] of headers) answer.set(name, value);
      answer.set('x-request-id', requestId);
    }
    const principal = c.get('principal');
    lines.info(
      {
        requestId,
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
