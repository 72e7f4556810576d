import type { ReportCallsSort, ReportFilters } from '@callmine/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { n } from './format.ts';

const PAGE = 20;
const SORTS: ReadonlyArray<{ value: ReportCallsSort; label: string }> = [
  { value: 'newest', label: 'Newest first' },
  { value: 'oldest', label: 'Oldest first' },
  { value: 'mentions', label: 'Most tracker mentions' },
  { value: 'duration', label: 'Longest' },
  { value: 'rep', label: 'Rep' },
  { value: 'title', label: 'Title' },
];

/** The report's calls that match the filters, a page at a time from the API, searchable and sortable. */
export function CallsSection({ reportId, filters }: { reportId: string; filters: ReportFilters }) {
  const id = useId();
  const trpc = useTRPC();
  const [sort, setSort] = useState<ReportCallsSort>('newest');
  const [search, setSearch] = useState('');
  const [cursor, setCursor] = useState(0);
  const page = useQuery({
    ...trpc.reports.calls.queryOptions({
      reportId,
      ...filters,
      ...(search.trim() ? { search: search.trim() } : {}),
      sort,
      cursor,
      limit: PAGE,
    }),
    placeholderData: keepPreviousData,
  });
  return (
    <section aria-labelledby={`${id}-h`} className="report-section">
      <div className="section-head">
        <h2 id={`${id}-h`}>Calls</h2>
      </div>
      <div className="filters no-print">
        <label>
          Search the calls{' '}
          <input
            type="search"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setCursor(0);
            }}
          />
        </label>
        <label>
          Order{' '}
          <select
            value={sort}
            onChange={(e) => {
              setSort(e.target.value as ReportCallsSort);
              setCursor(0);
            }}
          >
            {SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {page.isError ? <Alert tone="error">{errorMessage(page.error)}</Alert> : null}
      {page.data ? (
        <>
          <p className="hint" aria-live="polite">
            {page.isPlaceholderData
              ? 'Loading the calls…'
              : page.data.total === 0
                ? 'No calls match.'
                : `Calls ${n(cursor + 1)}–${n(cursor + page.data.items.length)} of ${n(page.data.total)}.`}
          </p>
          {page.data.items.length > 0 ? (
            <table className="ranked">
              <caption className="visually-hidden">The report’s calls</caption>
              <thead>
                <tr>
                  <th scope="col">Call</th>
                  <th scope="col">Date</th>
                  <th scope="col">Rep</th>
                  <th scope="col">Minutes</th>
                  <th scope="col">{filters.tracker ? `${filters.tracker} mentions` : 'Tracker mentions'}</th>
                </tr>
              </thead>
              <tbody>
                {page.data.items.map((call) => (
                  <tr key={call.id}>
                    <th scope="row">
                      {call.url ? (
                        <a href={call.url} target="_blank" rel="noreferrer noopener">
                          {call.title || 'Untitled call'}
                        </a>
                      ) : (
                        call.title || 'Untitled call'
                      )}
                    </th>
                    <td>
                      <time dateTime={call.started}>{call.started.slice(0, 10)}</time>
                    </td>
                    <td>{call.repName}</td>
                    <td>{n(Math.round(call.durationSeconds / 60))}</td>
                    <td>{n(call.mentions)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <div className="pager no-print">
            <button
              type="button"
              disabled={cursor === 0}
              onClick={() => setCursor(Math.max(0, cursor - PAGE))}
            >
              Previous calls
            </button>
            <button
              type="button"
              disabled={page.data.nextCursor === null}
              onClick={() => setCursor(page.data?.nextCursor ?? cursor)}
            >
              Next calls
            </button>
          </div>
        </>
      ) : (
        <p className="hint">Loading the calls…</p>
      )}
    </section>
  );
}
