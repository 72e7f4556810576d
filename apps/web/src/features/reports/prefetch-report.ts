import type { AppRouter } from '@callmine/api';
import type { ReportFilters } from '@callmine/contracts';
import type { QueryClient } from '@tanstack/react-query';
import type { TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { matchPath } from 'react-router';

type ReportPageModule = typeof import('./ReportPage.tsx');
let loaded: ReportPageModule | undefined;

/** The report view's code, loaded on demand so other pages stay light. */
export const loadReportPage = () =>
  import('./ReportPage.tsx').then((module) => {
    loaded = module;
    return module;
  });

/** The report view's code if it has loaded (it is, from start-up, when the app opened on a report's link). */
export const loadedReportPage = () => loaded;

/**
 * A report's link opened directly: ask for the report and the view's code right away, beside the session, instead
 * of after it (session → route → code → report was three round trips before the first table). The query key is
 * the one ReportPage asks with, so it finds the answer in the cache. Signed out, the report answers UNAUTHORIZED and
 * the routes send the user to sign in as before. Resolves when the view's code is in (never rejects: the route
 * loads it again, and says so, if it failed).
 */
export function prefetchReportRoute(
  location: Pick<Location, 'pathname' | 'search'>,
  trpc: TRPCOptionsProxy<AppRouter>,
  queryClient: QueryClient,
): Promise<unknown> {
  const id = matchPath('/reports/:id', location.pathname)?.params.id;
  if (!id) return Promise.resolve();
  const ask = (filters: ReportFilters) =>
    void queryClient.prefetchQuery(trpc.reports.get.queryOptions({ id, ...filters }));
  // A link without search params has no filters: it is asked for before zod and the filters' schema are loaded.
  if (!location.search) ask({});
  else
    void import('./use-report-filters.ts').then((m) =>
      ask(m.filtersFromSearch(new URLSearchParams(location.search))),
    );
  return loadReportPage().catch(() => undefined);
}
