import type { AppRouter } from '@callmine/api';
import { createTRPCClient, httpLink } from '@trpc/client';
import { browserLikeFetch } from './browser-like-fetch.ts';

/** A typed tRPC client acting as one browser (its own cookie jar, shared with `fetcher` when given). */
export function apiClient(url: string, fetcher = browserLikeFetch(url)) {
  return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${url}/trpc`, fetch: fetcher })] });
}
