import type { ReportFilters, ReportOverview } from '@callmine/contracts';
import { useState } from 'react';
import type { ReportFilterState } from '../use-report-filters.ts';
import { CHART_HEIGHT, ChartFigure, SERIES_COLOURS } from './ChartFigure.tsx';
import { RepVsTeam } from './RepVsTeam.tsx';
import { Legend, WeeklyLines } from './svg/WeeklyLines.tsx';
import { COVERAGE_NOTE, formatMetric, METRICS, type TrendMetric, weeklySeries } from './trend-data.ts';

/** More lines than this turn a chart into noise; the table below has them all. */
const MAX_SERIES = 5;

/** The trackers to draw: the filtered one, or the most mentioned. */
export function chartedTrackers(report: ReportOverview, filters: ReportFilters): string[] {
  if (filters.tracker) return [filters.tracker];
  return [...(report.result.trackers ?? [])]
    .filter((t) => t.mentions > 0)
    .sort((a, b) => b.mentions - a.mentions)
    .slice(0, MAX_SERIES)
    .map((t) => t.name);
}

export function MetricSwitch({
  value,
  onChange,
}: {
  value: TrendMetric;
  onChange: (m: TrendMetric) => void;
}) {
  return (
    <fieldset className="metric-switch no-print">
      <legend className="visually-hidden">Measure</legend>
      {METRICS.map((m) => (
        <label key={m.value}>
          <input
            type="radio"
            name="trend-metric"
            checked={value === m.value}
            onChange={() => onChange(m.value)}
          />{' '}
          {m.label}
        </label>
      ))}
    </fieldset>
  );
}

/** Tracker trends per week (a point or week click filters to that week) and each rep against the team. */
export function TrendCharts({ report, filter }: { report: ReportOverview; filter: ReportFilterState }) {
  const [metric, setMetric] = useState<TrendMetric>('perCall');
  const names = chartedTrackers(report, filter.filters);
  if (names.length === 0) return null;
  const { trends } = report;
  const series = weeklySeries(trends, names, metric).map((s, i) => ({
    ...s,
    colour: SERIES_COLOURS[i % SERIES_COLOURS.length]!,
  }));
  const partial = trends.weeks.filter((w) => w.coverage !== 'full');
  const label = METRICS.find((m) => m.value === metric)!.label;
  return (
    <>
      <ChartFigure
        title={`Trackers per week: ${label.toLowerCase()}`}
        controls={<MetricSwitch value={metric} onChange={setMetric} />}
        summary={`${names.join(', ')} over ${trends.weeks.length} ${trends.weeks.length === 1 ? 'week' : 'weeks'}${filter.filters.rep ? ` on ${report.reps[filter.filters.rep] ?? 'one rep'}’s calls` : ''}. ${
          partial.length > 0
            ? `Dashed, hollow points are partial weeks, left out of the line: ${partial
                .map((w) => `${w.week} (${COVERAGE_NOTE[w.coverage as Exclude<typeof w.coverage, 'full'>]})`)
                .join('; ')}.`
            : 'Every week is fully covered.'
        } Choose a point to filter the report to its week.`}
      >
        {(width) => (
          <>
            <WeeklyLines
              width={width}
              height={CHART_HEIGHT}
              weeks={trends.weeks.map((w) => w.week)}
              series={series}
              domainMax={metric === 'share' ? 1 : undefined}
              integers={metric === 'count'}
              format={(v) => formatMetric(metric, v)}
              weekTitle={(w) => {
                const week = trends.weeks[w]!;
                const note = week.coverage === 'full' ? '' : ` — partial: ${COVERAGE_NOTE[week.coverage]}`;
                const values = series.map(
                  (s) => `${s.name}: ${formatMetric(metric, s.full[w] ?? s.partial[w] ?? null)}`,
                );
                return [
                  `${week.week} (${week.from} to ${week.to}), ${week.calls} calls${note}`,
                  ...values,
                ].join('\n');
              }}
              selectedWeek={filter.filters.week}
              onPickWeek={(week) => filter.set('week', week === filter.filters.week ? undefined : week)}
            />
            <Legend series={series} />
          </>
        )}
      </ChartFigure>
      <WeekTable report={report} names={names} metric={metric} filter={filter} />
      <RepVsTeam report={report} tracker={names[0]!} metric={metric} filter={filter} />
    </>
  );
}

/** The weekly numbers as a table: the counts beside the comparable measures, partial weeks marked in words. */
function WeekTable({
  report,
  names,
  metric,
  filter,
}: {
  report: ReportOverview;
  names: string[];
  metric: TrendMetric;
  filter: ReportFilterState;
}) {
  const [open, setOpen] = useState(false);
  return (
    <details className="week-table" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>The weeks as a table</summary>
      {/* Drawn when opened: closed, its rows were a tenth of the page's elements, laid out for nothing. */}
      {open ? <WeekRows report={report} names={names} metric={metric} filter={filter} /> : null}
    </details>
  );
}

function WeekRows({
  report,
  names,
  metric,
  filter,
}: {
  report: ReportOverview;
  names: string[];
  metric: TrendMetric;
  filter: ReportFilterState;
}) {
  const { trends } = report;
  const series = names.map((name) => trends.trackers.find((t) => t.name === name)!);
  return (
    <>
      <table>
        <caption className="visually-hidden">Tracker mentions per week</caption>
        <thead>
          <tr>
            <th scope="col">Week</th>
            <th scope="col">Calls</th>
            {series.map((s) => (
              <th scope="col" key={s.name}>
                {s.name}: mentions · per call · share
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {trends.weeks.map((week, w) => (
            <tr key={week.week} className={week.coverage === 'full' ? undefined : 'partial-week'}>
              <th scope="row">
                <button type="button" className="link-button" onClick={() => filter.set('week', week.week)}>
                  {week.week}
                </button>
                {week.coverage === 'full' ? null : (
                  <span className="badge badge-partial">Partial: {COVERAGE_NOTE[week.coverage]}</span>
                )}
              </th>
              <td>{week.calls}</td>
              {series.map((s) => (
                <td key={s.name}>
                  {s.mentions[w]} ·{' '}
                  {formatMetric('perCall', week.calls ? (s.mentions[w] ?? 0) / week.calls : null)} ·{' '}
                  {formatMetric('share', week.calls ? (s.callsMentioning[w] ?? 0) / week.calls : null)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        Showing {METRICS.find((m) => m.value === metric)?.label.toLowerCase()} in the chart.
      </p>
    </>
  );
}
