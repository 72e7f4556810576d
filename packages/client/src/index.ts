import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from './types.ts';

export type { AppRouter, CallmineInputs, CallmineOutputs } from './types.ts';

export interface CallmineClientOptions {
  /** Where Callmine runs, e.g. `https://callmine.example.com` (the `/trpc` path is added). */
  url: string;
  /** An API token (`cm_…`) from Settings → API tokens. Sent only in the Authorization header. */
  token: string;
  /** A fetch to use instead of the global one (proxies, tests). */
  fetch?: typeof fetch;
}

/**
 * A typed client for Callmine's procedures: `client.workspace.get.query()`, `client.workspace.rename.mutate({...})`.
 * Vanilla tRPC (no React); calls made together are batched into one HTTP request.
 */
export function createCallmineClient(options: CallmineClientOptions) {
  const base = options.url.replace(/\/+$/, '');
  if (!options.token.startsWith('cm_')) {
    // Fail before any request: a session cookie or a Gong key pasted here would otherwise be sent to the server.
    throw new Error('createCallmineClient: token must be a Callmine API token (it starts with cm_).');
  }
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${base}/trpc`,
        headers: { authorization: `Bearer ${options.token}` },
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    ],
  });
}

export type CallmineClient = ReturnType<typeof createCallmineClient>;

/** The stable error fields a script can branch on; undefined for errors that did not come from Callmine. */
export function callmineError(error: unknown) {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data = error.data as
    | { code?: string; httpStatus?: number; fieldErrors?: Record<string, string[]>; reason?: string }
    | undefined;
  return {
    message: error.message,
    code: data?.code,
    httpStatus: data?.httpStatus,
    fieldErrors: data?.fieldErrors,
    reason: data?.reason,
  };
}
