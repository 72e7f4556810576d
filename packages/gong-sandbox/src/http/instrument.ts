import type { MiddlewareHandler } from 'hono';
import { gongError } from './errors.ts';
import type { ApiEnv, SandboxState } from './state.ts';

const MAX_LOGGED_REQUESTS = 200_000;

/**
 * Gives the request its id, records it in the log once answered, and applies latency.
 * Latency delays the ANSWER, not the arrival: Gong counts a request against the company's limit when it arrives,
 * so a slow answer must not move that count later. (It once did: a request a client had already timed out on was
 * counted seconds after its arrival, and the client's own next request, rightly sent, got a 429.)
 */
export function instrument(host: string, state: SandboxState): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const requestId = state.newRequestId();
    c.set('requestId', requestId);
    c.set('tenant', null);
    c.set('scopes', null);
    c.set('authKind', 'none');
    const at = state.clock();
    const latencyMs = state.faults.latencyMs;
    await next();
    if (latencyMs > 0) await new Promise((done) => setTimeout(done, latencyMs));
    // A standalone sandbox may run for days; keep the log bounded (tests never come near this).
    if (state.requests.length >= MAX_LOGGED_REQUESTS) state.requests.splice(0, MAX_LOGGED_REQUESTS / 10);
    state.requests.push({
      requestId,
      host,
      method: c.req.method,
      path: c.req.path,
      query: c.req.query(),
      status: c.res.status,
      tenant: c.var.tenant?.id ?? null,
      auth: c.var.authKind,
      at,
    });
  };
}

/** Armed faults answer before authentication, like a gateway or load balancer in front of Gong would. */
export function applyFaults(state: SandboxState): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const fault = state.faults.take();
    if (!fault) return next();
    if (fault.kind === 'redirect') return c.redirect(fault.location, 302);
    if (fault.kind === 'drop') {
      // @hono/node-server passes the Node request as c.env.incoming; the client sees its socket close unanswered.
      (c.env as { incoming?: { socket: { destroy(): void } } } | undefined)?.incoming?.socket.destroy();
      return c.body(null, 500);
    }
    if (fault.kind === 'rate-limit') {
      c.header('Retry-After', String(fault.retryAfterSeconds));
      return gongError(c, 429, 'Too many requests: API rate limit exceeded');
    }
    // failNext only arms 4xx/5xx, all of which carry a body, so the narrowing cast is safe.
    const status = fault.status as Parameters<typeof gongError>[1];
    return gongError(c, status, status >= 500 ? 'Internal server error' : 'Request failed');
  };
}
