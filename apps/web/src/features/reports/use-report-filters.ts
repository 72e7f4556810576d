import { REPORT_FILTER_KEYS, type ReportFilters } from '@callmine/contracts';
import { useSearchParams } from 'react-router';

// The report view's filters live in the URL's search params (same keys as the API's), so a filtered view is a link
// that can be shared. A new filter is a key in contracts' reportFilters: nothing here changes.

export interface ReportFilterState {
  filters: ReportFilters;
  set: (key: keyof ReportFilters, value: string | undefined) => void;
  clear: () => void;
}

export function useReportFilters(): ReportFilterState {
  const [params, setParams] = useSearchParams();
  const filters: ReportFilters = {};
  for (const key of REPORT_FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
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
