import { loadReportPage } from './features/reports/prefetch-report.ts';
import { EarlyResponses } from './lib/early-responses.ts';

export { EarlyResponses };

// The first page's requests, sent by the entry before the app's code (react-dom, tRPC, TanStack Query, the router)
// has loaded: plain fetches whose URLs are the ones the app's tRPC client asks with, so the app takes their answers
// instead of asking again (lib/trpc.ts's createApiClient({ early })). A request the app never asks for is dropped.

/** tRPC's URL for one query on its own (httpLink), and for a batch of queries without input (httpBatchLink). */
export const trpcQueryUrl = (base: string, path: string, input: unknown) =>
  `${base}/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
export const trpcBatchUrl = (base: string, paths: string[]) =>
  `${base}/${paths.join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify({}))}`;

/** What every page asks first, in one batch: the install's state and the session. */
export const FIRST_BATCH = ['setup.status', 'auth.session'];

const REPORT_PATH = /^\/reports\/([^/]+)\/?$/;

/**
 * The install's state and the session for every page, and on a report's link the report and the view's code,
 * asked at once instead of after the app's code has loaded (session → route → code → report was three round trips
 * before the first table). Resolves when the first page's code is in hand (at once for other pages; never rejects:
 * the route loads the code again, and says so, if it failed).
 */
export function startEarlyRequests(
  location: Pick<Location, 'pathname' | 'search'>,
  base = '/trpc',
  fetcher: typeof fetch = fetch,
): { responses: EarlyResponses; firstPage: Promise<unknown> } {
  const responses = new EarlyResponses();
  responses.send(trpcBatchUrl(base, FIRST_BATCH), fetcher);
  const match = REPORT_PATH.exec(location.pathname);
  if (!match) return { responses, firstPage: Promise.resolve() };
  const id = decodeURIComponent(match[1]!);
  const askReport = (input: { id: string }) => {
    responses.reportInput = input;
    responses.send(trpcQueryUrl(base, 'reports.get', input), fetcher);
  };
  // A link without search params has no filters: it is asked for before zod and the filters' schema are loaded.
  // The input's keys are in the order ReportPage asks with ({ id, ...filters }), so the URLs match.
  const asked = location.search
    ? import('./features/reports/use-report-filters.ts').then((m) =>
        askReport({ id, ...m.filtersFromSearch(new URLSearchParams(location.search)) }),
      )
    : Promise.resolve(askReport({ id }));
  return { responses, firstPage: Promise.all([loadReportPage(), asked]).catch(() => undefined) };
}
