import type { ReportFilters, ReportOverview } from '@callmine/contracts';
import { useId } from 'react';
import { changeLabel, n, percent } from '../format.ts';
import { trackerRows } from '../report-csv.ts';
import { ExportCsvButton } from './ExportCsvButton.tsx';
import { ReportTable } from './ReportTable.tsx';

type Tracker = NonNullable<ReportOverview['result']['trackers']>[number];

/**
 * Trackers with their phrases, the counts split by who said them, and the change in the share of calls against
 * the previous period. Under a call filter (rep, week, …) the mentions, calls and share are the filtered calls'.
 */
export function TrackersTable({ report, filters }: { report: ReportOverview; filters: ReportFilters }) {
  const id = useId();
  const filtered = new Map((report.filteredTrackers ?? []).map((t) => [t.name, t]));
  const inView = report.filteredTrackers !== null;
  const previous = new Map((report.trends.previous?.trackers ?? []).map((t) => [t.name, t]));
  const previousCalls = report.trends.previous?.calls ?? 0;
  const view = (t: Tracker) => filtered.get(t.name) ?? t;
  const previousShare = (t: Tracker) => {
    const before = previous.get(t.name);
    return before && previousCalls > 0 ? before.callsMentioning / previousCalls : null;
  };
  const trackers = (report.result.trackers ?? []).filter(
    (t) => !filters.tracker || t.name === filters.tracker,
  );
  const suffix = inView ? ' (in view)' : '';
  return (
    <section aria-labelledby={`${id}-h`} className="report-section">
      <div className="section-head">
        <h2 id={`${id}-h`}>Trackers</h2>
        <ExportCsvButton
          reportName={report.name}
          from={report.from}
          to={report.to}
          table="trackers"
          label="trackers"
          rows={() => trackerRows(report)}
        />
      </div>
      {report.trends.previous ? (
        <p className="hint">
          Change: the share of calls mentioning the tracker against the previous period (
          {report.trends.previous.from} to {report.trends.previous.to}, {n(report.trends.previous.calls)}{' '}
          calls already in Callmine).
        </p>
      ) : null}
      {trackers.length === 0 ? (
        <p className="empty">This analysis had no trackers.</p>
      ) : (
        <ReportTable<Tracker>
          caption="Trackers with their phrases"
          rows={trackers}
          rowKey={(t) => t.name}
          rowLabel={(t) => t.name}
          defaultSort="mentions"
          rowHeader={{
            key: 'name',
            header: 'Tracker / phrase',
            cell: (t) => t.name,
            sortValue: (t) => t.name,
          }}
          columns={[
            {
              key: 'mentions',
              header: `Mentions${suffix}`,
              cell: (t) => n(view(t).mentions),
              sortValue: (t) => view(t).mentions,
            },
            {
              key: 'internal',
              header: 'By your team',
              cell: (t) => n(t.bySide.internal),
              sortValue: (t) => t.bySide.internal,
            },
            {
              key: 'external',
              header: 'By customers',
              cell: (t) => n(t.bySide.external),
              sortValue: (t) => t.bySide.external,
            },
            {
              key: 'calls',
              header: `Calls mentioning${suffix}`,
              cell: (t) => n(view(t).callsMentioning),
              sortValue: (t) => view(t).callsMentioning,
            },
            {
              key: 'share',
              header: `Share of calls${suffix}`,
              cell: (t) => percent(view(t).shareOfCalls),
              sortValue: (t) => view(t).shareOfCalls,
            },
            {
              key: 'change',
              header: 'Change vs previous period',
              cell: (t) => (report.trends.previous ? changeLabel(t.shareOfCalls, previousShare(t)) : '—'),
              sortValue: (t) => {
                const before = previousShare(t);
                return before ? (t.shareOfCalls - before) / before : null;
              },
            },
          ]}
          evidence={{
            section: 'trackers',
            reportId: report.id,
            filters,
            keyOf: (t) => (t.mentions > 0 ? t.name : null),
          }}
          subRows={(t) =>
            t.phrases
              .filter((p) => !filters.phrase || p.phrase === filters.phrase)
              .map((phrase) => (
                <tr key={phrase.phrase} className="sub-row">
                  <th scope="row">{phrase.phrase}</th>
                  <td>{inView ? '' : n(phrase.mentions)}</td>
                  <td>{n(phrase.bySide.internal)}</td>
                  <td>{n(phrase.bySide.external)}</td>
                  <td>{inView ? '' : n(phrase.callsMentioning)}</td>
                  <td />
                  <td />
                  <td />
                </tr>
              ))
          }
        />
      )}
      {inView ? (
        <p className="hint">
          Counts by who said it and per phrase cover the whole report; mentions, calls and share follow the
          filters.
        </p>
      ) : null}
    </section>
  );
}
