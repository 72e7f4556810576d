import type { ReportOverview } from '@callmine/contracts';
import { ReportTable } from '../tables/ReportTable.tsx';
import type { ReportFilterState } from '../use-report-filters.ts';
import { CHART_HEIGHT, ChartFigure } from './ChartFigure.tsx';
import { barsHeight, HorizontalBars } from './svg/HorizontalBars.tsx';
import { formatMetric, METRICS, repRows, type TrendMetric } from './trend-data.ts';

type Row = ReturnType<typeof repRows>['rows'][number];

/** Each rep against the team average for one tracker; choosing a rep's bar (or name) filters the report to them. */
export function RepVsTeam({
  report,
  tracker,
  metric,
  filter,
}: {
  report: ReportOverview;
  tracker: string;
  metric: TrendMetric;
  filter: ReportFilterState;
}) {
  const compared = repRows(report.trends, tracker, metric, report.reps);
  if (compared.rows.length === 0) return null;
  const label = METRICS.find((m) => m.value === compared.metric)!.label.toLowerCase();
  const teamText = formatMetric(compared.metric, compared.team);
  const choice = (repId: string) => (repId === filter.filters.rep ? undefined : repId);
  const pick = (repId: string) => filter.set('rep', choice(repId));
  return (
    <ChartFigure
      title={`Each rep against the team: ${tracker}, ${label}`}
      summary={`The dashed line is the team’s ${label} (${teamText}) over ${report.trends.team.calls} calls. Choose a rep to filter the report to their calls.`}
    >
      {(width) => (
        <>
          <HorizontalBars
            width={width}
            height={barsHeight(compared.rows.length, CHART_HEIGHT)}
            rows={compared.rows.map((row) => ({
              key: row.repId,
              label: row.rep,
              value: row.value,
              title: `${row.rep}: ${formatMetric(compared.metric, row.value)} ${label} on ${row.calls} calls (team ${teamText})`,
              highlighted: filter.filters.rep === row.repId,
            }))}
            format={(v) => formatMetric(compared.metric, v)}
            reference={compared.team !== null ? { value: compared.team, label: 'Team' } : undefined}
            onPick={pick}
          />
          <ReportTable<Row>
            caption={`Each rep against the team: ${tracker}`}
            rows={compared.rows}
            rowKey={(r) => r.repId}
            rowLabel={(r) => r.rep}
            defaultSort="value"
            rowHeader={{
              key: 'rep',
              header: 'Rep',
              sortValue: (r) => r.rep,
              cell: (r) => (
                <button
                  type="button"
                  className="link-button"
                  aria-pressed={filter.filters.rep === r.repId}
                  onPointerDown={() => filter.prefetch('rep', choice(r.repId))}
                  onClick={() => pick(r.repId)}
                >
                  {r.rep}
                </button>
              ),
            }}
            columns={[
              { key: 'calls', header: 'Calls', cell: (r) => r.calls, sortValue: (r) => r.calls },
              {
                key: 'value',
                header: METRICS.find((m) => m.value === compared.metric)!.label,
                cell: (r) => formatMetric(compared.metric, r.value),
                sortValue: (r) => r.value,
              },
              { key: 'team', header: 'Team average', cell: () => teamText, sortValue: () => compared.team },
              {
                key: 'difference',
                header: 'Against the team',
                cell: (r) =>
                  r.difference === null
                    ? '—'
                    : `${r.difference > 0 ? '+' : r.difference < 0 ? '−' : '±'}${formatMetric(compared.metric, Math.abs(r.difference))}`,
                sortValue: (r) => r.difference,
              },
            ]}
          />
        </>
      )}
    </ChartFigure>
  );
}
