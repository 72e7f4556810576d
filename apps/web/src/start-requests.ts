import type { AppRouter } from '@callmine/api';
import type { QueryClient } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { prefetchReportRoute } from './features/reports/prefetch-report.ts';
import type { ApiClient } from './lib/trpc.ts';

/**
 * What every page asks first (the install's state and the session, one batched request), and on a report's link
 * the report and the view's code, asked at once instead of after the app's code has loaded and drawn its first
 * screen. The query keys are the ones the app asks with, so it finds the answers in the cache. Resolves when the
 * first page's code is in hand (at once for other pages).
 */
export function startRequests(
  location: Pick<Location, 'pathname' | 'search'>,
  client: ApiClient,
  queryClient: QueryClient,
): Promise<unknown> {
  const trpc = createTRPCOptionsProxy<AppRouter>({ client, queryClient });
  void queryClient.prefetchQuery(trpc.setup.status.queryOptions());
  void queryClient.prefetchQuery(trpc.auth.session.queryOptions());
  return prefetchReportRoute(location, trpc, queryClient);
}
