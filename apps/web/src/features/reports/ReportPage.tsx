import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { memo, useDeferredValue, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert } from '../../components/Alert.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { isAdmin, useSession } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { CallsSection } from './CallsSection.tsx';
import { TalkRatioChart } from './charts/TalkRatioChart.tsx';
import { TrendCharts } from './charts/TrendCharts.tsx';
import { FilterBar } from './FilterBar.tsx';
import { matchingCount } from './matching-count.ts';
import { ReportHeader } from './ReportHeader.tsx';
import { SummaryTiles } from './SummaryTiles.tsx';
import { QuestionsTable } from './tables/QuestionsTable.tsx';
import { TalkTable } from './tables/TalkTable.tsx';
import { ThemesTable } from './tables/ThemesTable.tsx';
import { TrackersTable } from './tables/TrackersTable.tsx';
import { useFiltersOnScreen, useReportFilters } from './use-report-filters.ts';

// Sections redraw only when their report or filters change: a filter click re-renders the filter bar and sends the
// request; the sections wait for the answer. The page draws in passes: the header, tiles and filter bar at once
// (a filter's answer shows its count in the first frame), the charts and the first table in a pass React may
// interrupt, and the sections below the fold after the first paint.
const Header = memo(ReportHeader);
const Tiles = memo(SummaryTiles);
const Trends = memo(TrendCharts);
const TalkRatio = memo(TalkRatioChart);
const Trackers = memo(TrackersTable);
const Questions = memo(QuestionsTable);
const Themes = memo(ThemesTable);
const Talk = memo(TalkTable);
const Calls = memo(CallsSection);

/**
 * One report: header, tiles, filters (in the URL), trends, one section per table with paged evidence, the calls and
 * CSV export; prints cleanly. Each section is its own component reading the report's overview and the filters.
 */
export function ReportPage() {
  const { id = '' } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // A filter click asks for its numbers at once, from the click: the request leaves before the page re-renders
  // for the new URL, and the query below finds it under way.
  const filter = useReportFilters(
    (filters) => void queryClient.prefetchQuery(trpc.reports.get.queryOptions({ id, ...filters })),
  );
  const report = useQuery({
    ...trpc.reports.get.queryOptions({ id, ...filter.filters }),
    retry: false,
    // A new filter keeps the page in place while its numbers load.
    placeholderData: keepPreviousData,
  });
  const filters = useFiltersOnScreen(filter.filters, report.data !== undefined && !report.isPlaceholderData);
  const view = useMemo(() => (report.data ? { data: report.data, filters } : null), [report.data, filters]);
  // The charts and the first table: drawn with the page, then redrawn after the filter bar shows a new answer. The
  // charts follow the URL's filters at once (a chosen rep is marked pressed as it is clicked).
  const shown = useDeferredValue(view);
  // The sections below the fold: drawn after the first paint (null at first), and redrawn with the charts.
  const later = useDeferredValue(view, null);
  if (report.isPending) return <p>Loading the report…</p>;
  if (report.isError) {
    return (
      <section>
        <h1>Report</h1>
        <Alert tone="error">{errorMessage(report.error)}</Alert>
        <p>
          <Link to="/reports">Back to all reports</Link>
        </p>
      </section>
    );
  }
  const data = report.data;
  // While a new filter's numbers load, its count is shown at once when the numbers on screen hold it.
  const matching = !report.isPlaceholderData
    ? data.matchingCalls
    : data.id === id
      ? matchingCount(data, filter.filters)
      : null;
  const { data: drawn, filters: drawnFilters } = shown ?? { data, filters };
  return (
    <article className="report" aria-busy={report.isFetching || shown !== view || later !== view}>
      <p className="no-print">
        <Link to="/reports">← All reports</Link>
      </p>
      <Header report={data} />
      <div className="actions no-print">
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
        <DeleteReport id={data.id} name={data.name} />
      </div>
      <Tiles report={data} />
      {data.result.calls.total === 0 ? (
        <p className="empty">No calls matched this report’s selection, so there is nothing to show.</p>
      ) : (
        <>
          <FilterBar report={data} filter={filter} matching={matching} />
          <div className="charts">
            <Trends report={drawn} filter={filter} />
            <TalkRatio report={drawn} />
          </div>
          {drawn.result.trackers ? <Trackers report={drawn} filters={drawnFilters} /> : null}
          {later ? (
            <>
              <Questions report={later.data} filters={later.filters} />
              <Themes report={later.data} filters={later.filters} />
              <Talk report={later.data} filters={later.filters} />
              {/* The calls ask the API themselves: they follow the URL's filters, beside the report. */}
              <Calls reportId={data.id} filters={filter.filters} />
            </>
          ) : null}
        </>
      )}
    </article>
  );
}

/** Admins only (the server checks too); asks before deleting, then returns to the list. */
function DeleteReport({ id, name }: { id: string; name: string }) {
  const trpc = useTRPC();
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation(
    trpc.reports.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.reports.list.queryKey() });
        navigate('/reports', { replace: true });
      },
    }),
  );
  if (!isAdmin(session.data)) return null;
  if (!confirming) {
    return (
      <button type="button" className="danger" onClick={() => setConfirming(true)}>
        Delete report
      </button>
    );
  }
  return (
    <fieldset className="confirm">
      <legend>Delete “{name}” for everyone? This can’t be undone.</legend>
      <button
        type="button"
        className="danger"
        disabled={remove.isPending}
        onClick={() => remove.mutate({ id })}
      >
        {remove.isPending ? 'Deleting…' : 'Yes, delete it'}
      </button>
      {/* biome-ignore lint/a11y/noAutofocus: focus moves to the safe choice when the question appears. */}
      <button type="button" autoFocus onClick={() => setConfirming(false)}>
        Keep it
      </button>
      {remove.isError ? <Alert tone="error">{errorMessage(remove.error)}</Alert> : null}
    </fieldset>
  );
}
