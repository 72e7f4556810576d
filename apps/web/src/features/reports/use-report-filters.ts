import { REPORT_FILTER_KEYS, type ReportFilters, reportFilters } from '@callmine/contracts';
import { useSearchParams } from 'react-router';

// The report view's filters live in the URL's search params (same keys as the API's), so a filtered view is a link
// that can be shared. A new filter is a key in contracts' reportFilters: nothing here changes.

export interface ReportFilterState {
  filters: ReportFilters;
  set: (key: keyof ReportFilters, value: string | undefined) => void;
  clear: () => void;
}

/** The filters a report URL's search params ask for (also read before the app renders, to prefetch the report). */
export function filtersFromSearch(params: URLSearchParams): ReportFilters {
  // A hand-edited link with a value the API refuses (say, outcome=maybe) drops the filters rather than failing the page.
  return reportFilters
    .catch({})
    .parse(
      Object.fromEntries(
        REPORT_FILTER_KEYS.flatMap((key) => (params.get(key) ? [[key, params.get(key)]] : [])),
      ),
    );
}

export function useReportFilters(): ReportFilterState {
  const [params, setParams] = useSearchParams();
  const filters = filtersFromSearch(params);
  const update = (change: (next: URLSearchParams) => void) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        change(next);
        return next;
      },
      { replace: true },
    );
  return {
    filters,
    set: (key, value) =>
      update((next) => {
        if (value) next.set(key, value);
        else next.delete(key);
        // A phrase belongs to its tracker: changing the tracker drops the phrase.
        if (key === 'tracker') next.delete('phrase');
      }),
    clear: () =>
      update((next) => {
        for (const key of REPORT_FILTER_KEYS) next.delete(key);
      }),
  };
}
