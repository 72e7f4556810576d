import type { ReportFilters, ReportOverview } from '@callmine/contracts';
import { useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReportFilterState } from '../use-report-filters.ts';
import { CHART_HEIGHT, ChartFigure, SERIES_COLOURS } from './ChartFigure.tsx';
import { RepVsTeam } from './RepVsTeam.tsx';
import { COVERAGE_NOTE, formatMetric, METRICS, type TrendMetric, weeklyRows } from './trend-data.ts';

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
  const rows = weeklyRows(trends, names, metric);
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
          <LineChart
            width={width}
            height={CHART_HEIGHT}
            data={rows}
            onClick={(state) => {
              const week = state?.activeLabel;
              if (typeof week === 'string')
                filter.set('week', week === filter.filters.week ? undefined : week);
            }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="week" />
            <YAxis
              allowDecimals={metric !== 'count'}
              tickFormatter={(v: number) => formatMetric(metric, v)}
              domain={metric === 'share' ? [0, 1] : [0, 'auto']}
            />
            <Tooltip
              formatter={(value, name) => [
                formatMetric(metric, typeof value === 'number' ? value : null),
                name,
              ]}
              labelFormatter={(week) => {
                const w = trends.weeks.find((x) => x.week === week);
                if (!w) return String(week);
                const note = w.coverage === 'full' ? '' : ` — partial: ${COVERAGE_NOTE[w.coverage]}`;
                return `${w.week} (${w.from} to ${w.to}), ${w.calls} calls${note}`;
              }}
            />
            <Legend />
            {names.map((name, i) => (
              <Line
                key={`f${name}`}
                type="linear"
                dataKey={`f${i}`}
                name={name}
                stroke={SERIES_COLOURS[i % SERIES_COLOURS.length]}
                strokeWidth={2}
                connectNulls={false}
                isAnimationActive={false}
              />
            ))}
            {names.map((name, i) => (
              <Line
                key={`p${name}`}
                type="linear"
                dataKey={`p${i}`}
                name={`${name} (partial week)`}
                legendType="none"
                stroke={SERIES_COLOURS[i % SERIES_COLOURS.length]}
                strokeDasharray="4 4"
                strokeWidth={1}
                dot={{ r: 4, fill: '#fff', strokeDasharray: '2 2' }}
                connectNulls={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
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
  const { trends } = report;
  const series = names.map((name) => trends.trackers.find((t) => t.name === name)!);
  return (
    <details className="week-table">
      <summary>The weeks as a table</summary>
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
    </details>
  );
}
