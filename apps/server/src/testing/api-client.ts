import type { AppRouter } from '@callmine/api';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { browserLikeFetch } from './browser-like-fetch.ts';

/** A typed tRPC client acting as one browser (its own cookie jar, shared with `fetcher` when given). */
export function apiClient(url: string, fetcher = browserLikeFetch(url)) {
  return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${url}/trpc`, fetch: fetcher })] });
}

/** The tRPC error a call ends with (code, reason, message); fails when the call succeeds. */
export async function trpcFailure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      const data = error.data as { code?: string; reason?: string } | undefined;
      return { code: data?.code, reason: data?.reason, message: error.message };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}
