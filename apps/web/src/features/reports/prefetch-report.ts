import type { AppRouter } from '@callmine/api';
import type { QueryClient } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { matchPath } from 'react-router';
import type { ApiClient } from '../../lib/trpc.ts';
import { filtersFromSearch } from './use-report-filters.ts';

/** The report view's code (with its charts), loaded on demand so other pages stay light. */
export const loadReportPage = () => import('./ReportPage.tsx');

/**
 * A report's link opened directly: ask for the report and the view's code right away, beside the session, instead
 * of after it (session → route → code → report was three round trips before the first table). The query key is
 * the one ReportPage asks with, so it finds the answer in the cache. Signed out, the report answers UNAUTHORIZED and
 * the routes send the user to sign in as before.
 */
export function prefetchReportRoute(
  location: Pick<Location, 'pathname' | 'search'>,
  client: ApiClient,
  queryClient: QueryClient,
): void {
  const id = matchPath('/reports/:id', location.pathname)?.params.id;
  if (!id) return;
  void loadReportPage();
  const trpc = createTRPCOptionsProxy<AppRouter>({ client, queryClient });
  const filters = filtersFromSearch(new URLSearchParams(location.search));
  void queryClient.prefetchQuery(trpc.reports.get.queryOptions({ id, ...filters }));
}
