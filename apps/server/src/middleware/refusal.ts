// Refusals the HTTP layer makes before tRPC reads a request (a foreign Origin, a body over the limit, a body that is
// not JSON, an unexpected failure). Under /trpc they use tRPC's error envelope, the one shape the API reference
// documents for every failure, so a client that branches on `error.data.code` or `reason` handles them too;
// elsewhere (the OAuth callback, the SPA) a plain `{ error }`.
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';

export interface Refusal {
  status: 403 | 413 | 415 | 500;
  code: TRPC_ERROR_CODE_KEY;
  /** Machine-readable, as procedures' `data.reason`; none for an internal failure. */
  reason?: string;
  message: string;
}

export const refusals = {
  crossOrigin: {
    status: 403,
    code: 'FORBIDDEN',
    reason: 'cross-origin',
    message: 'Cross-origin request refused.',
  },
  bodyTooLarge: {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    reason: 'body-too-large',
    message: 'Request body too large.',
  },
  notJson: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    reason: 'not-json',
    message: 'Send requests as application/json.',
  },
  internal: {
    status: 500,
    code: 'INTERNAL_SERVER_ERROR',
    message: 'Something went wrong on our side. Try again in a moment.',
  },
} as const satisfies Record<string, Refusal>;

export function refuse(c: Context<AppEnv>, refusal: Refusal): Response {
  const { status, code, reason, message } = refusal;
  if (!c.req.path.startsWith('/trpc/')) return c.json({ error: message }, status);
  return c.json(
    { error: { message, code: TRPC_ERROR_CODES_BY_KEY[code], data: { code, httpStatus: status, reason } } },
    status,
  );
}
