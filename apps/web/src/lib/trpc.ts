import type { AppRouter } from '@callmine/api';
import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpLink, splitLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { EarlyResponses } from './early-responses.ts';

// The API's type is the only thing the SPA takes from the server code.
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** Procedures asked in a request of their own: a batch answers when its slowest call is done. */
const UNBATCHED = new Set<string>([
  // The report view's largest, slowest answer: the session asked beside it at start-up, and the calls page asked
  // beside it on a filter change, neither wait for it, nor it for them.
  'reports.get',
]);

export function createApiClient(
  options: { url?: string; fetch?: typeof fetch; early?: EarlyResponses } = {},
) {
  const { early } = options;
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  const link = {
    url: options.url ?? '/trpc',
    // A query the entry already asked for (same URL) takes that answer instead of asking again.
    fetch: early
      ? (((input, init) =>
          (init?.method ?? 'GET') === 'GET'
            ? (early.take(String(input)) ?? send(input, init))
            : send(input, init)) satisfies typeof fetch)
      : send,
  };
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => UNBATCHED.has(op.path),
        true: httpLink(link),
        false: httpBatchLink(link),
      }),
    ],
  });
}

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: true, staleTime: 10_000 },
      mutations: { retry: false },
    },
  });
}

export type ApiClient = ReturnType<typeof createApiClient>;
