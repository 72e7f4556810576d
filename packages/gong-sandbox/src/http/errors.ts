import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiEnv } from './state.ts';

/** Gong's error body: `{ requestId, errors: [...] }`, whatever the status. */
export function gongError(c: Context<ApiEnv>, status: ContentfulStatusCode, ...errors: string[]): Response {
  return c.json({ requestId: c.var.requestId, errors }, status);
}
