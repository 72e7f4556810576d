import { REPORT_FILTER_KEYS, type ReportFilters, reportFilters } from '@callmine/contracts';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router';

// The report view's filters live in the URL's search params (same keys as the API's), so a filtered view is a link
// that can be shared. A new filter is a key in contracts' reportFilters: nothing here changes.

export interface ReportFilterState {
  filters: ReportFilters;
  set: (key: keyof ReportFilters, value: string | undefined) => void;
  clear: () => void;
  /** Asks for a filter's numbers as its button is pressed (before the click): the click finds them under way. */
  prefetch: (key: keyof ReportFilters, value: string | undefined) => void;
}

/** The search params with one filter changed (a phrase belongs to its tracker: changing the tracker drops it). */
function withFilter(prev: URLSearchParams, key: keyof ReportFilters, value: string | undefined) {
  const next = new URLSearchParams(prev);
  if (value) next.set(key, value);
  else next.delete(key);
  if (key === 'tracker') next.delete('phrase');
  return next;
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

/**
 * The view's filters from the URL, and setters that write it. `onChange` hears the new filters as they are chosen,
 * in the event handler, before any render: the view asks for their numbers from there.
 */
export function useReportFilters(onChange?: (filters: ReportFilters) => void): ReportFilterState {
  const [params, setParams] = useSearchParams();
  const url = params.toString();
  // A filter chosen here is drawn from the click, at once: react-router applies the new URL in a transition, which
  // React may hold back for frames on a busy machine. The choice holds while the URL is one it was made over (the
  // URL then, or an earlier choice's on its way); once the router has caught up, or another navigation has taken
  // the URL elsewhere, the URL's search is the one.
  const { pathname } = useLocation();
  const [chosen, setChosen] = useState<{ path: string; over: string[]; search: string } | null>(null);
  const pending = chosen?.path === pathname && chosen.over.includes(url) ? chosen : null;
  // Dropped once it no longer holds, so a later navigation back to a URL it was made over never revives it.
  if (chosen && !pending) setChosen(null);
  const search = pending?.search ?? url;
  const filters = useMemo(() => filtersFromSearch(new URLSearchParams(search)), [search]);
  // set and clear keep their identity across renders (memoised sections take them), so they reach the newest
  // search and setParams through a ref.
  const latest = useRef({ pathname, over: [url], search, setParams, onChange });
  useLayoutEffect(() => {
    latest.current = {
      pathname,
      over: pending ? [...pending.over, pending.search] : [url],
      search,
      setParams,
      onChange,
    };
  });
  const update = useCallback((change: (prev: URLSearchParams) => URLSearchParams) => {
    const { pathname, over, search, setParams, onChange } = latest.current;
    const next = change(new URLSearchParams(search));
    onChange?.(filtersFromSearch(next));
    setChosen({ path: pathname, over, search: next.toString() });
    setParams(next, { replace: true });
  }, []);
  const set = useCallback(
    (key: keyof ReportFilters, value: string | undefined) => update((prev) => withFilter(prev, key, value)),
    [update],
  );
  const clear = useCallback(
    () =>
      update((prev) => {
        const next = new URLSearchParams(prev);
        for (const key of REPORT_FILTER_KEYS) next.delete(key);
        return next;
      }),
    [update],
  );
  const prefetch = useCallback(
    (key: keyof ReportFilters, value: string | undefined) =>
      latest.current.onChange?.(
        filtersFromSearch(withFilter(new URLSearchParams(latest.current.search), key, value)),
      ),
    [],
  );
  return useMemo(() => ({ filters, set, clear, prefetch }), [filters, set, clear, prefetch]);
}

/**
 * The filters the numbers on screen are for: the URL's once their answer is in, the previous ones while it loads.
 * Sections drawn from these do not re-render on a filter click, only when the new numbers arrive.
 */
export function useFiltersOnScreen(filters: ReportFilters, answered: boolean): ReportFilters {
  const [shown, setShown] = useState(filters);
  if (answered && !REPORT_FILTER_KEYS.every((key) => shown[key] === filters[key])) {
    setShown(filters);
    return filters;
  }
  return shown;
}
