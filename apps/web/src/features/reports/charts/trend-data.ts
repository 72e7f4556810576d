import type { ReportTrends, WeekCoverage } from '@callmine/contracts';

// The numbers behind the trend charts, kept apart from drawing so they can be tested and read.

export type TrendMetric = 'perCall' | 'share' | 'count';

export const METRICS: ReadonlyArray<{ value: TrendMetric; label: string }> = [
  { value: 'perCall', label: 'Mentions per call' },
  { value: 'share', label: 'Share of calls mentioning' },
  { value: 'count', label: 'Mentions' },
];

export const COVERAGE_NOTE: Record<Exclude<WeekCoverage, 'full'>, string> = {
  'window-start': 'the report starts inside this week',
  'window-end': 'the report ends inside this week',
  quota: 'the monthly quota skipped older calls in or before this week',
};

export function metricValue(metric: TrendMetric, mentions: number, callsMentioning: number, calls: number) {
  if (metric === 'count') return mentions;
  if (calls === 0) return null;
  return metric === 'perCall' ? round(mentions / calls) : round(callsMentioning / calls);
}

const round = (value: number) => Math.round(value * 1000) / 1000;

export function formatMetric(metric: TrendMetric, value: number | null): string {
  if (value === null) return '—';
  if (metric === 'share') return `${Math.round(value * 100)}%`;
  if (metric === 'perCall') return value.toFixed(2);
  return String(value);
}

/**
 * Each tracker's value per week, the full weeks' apart from the partial weeks' (null in the other list), so the
 * solid line joins only comparable weeks and a partial week is drawn apart (dashed, hollow) instead of as a dip or a
 * jump.
 */
export function weeklySeries(trends: ReportTrends, names: readonly string[], metric: TrendMetric) {
  return names.map((name) => {
    const tally = trends.trackers.find((t) => t.name === name);
    const values = trends.weeks.map((week, w) =>
      tally ? metricValue(metric, tally.mentions[w] ?? 0, tally.callsMentioning[w] ?? 0, week.calls) : null,
    );
    const full = (w: number) => trends.weeks[w]!.coverage === 'full';
    return {
      name,
      full: values.map((value, w) => (full(w) ? value : null)),
      partial: values.map((value, w) => (full(w) ? null : value)),
    };
  });
}

/** Each rep's value for one tracker beside the team's, largest first. */
export function repRows(
  trends: ReportTrends,
  tracker: string,
  metric: TrendMetric,
  reps: Record<string, string>,
) {
  const teamTally = trends.team.trackers.find((t) => t.name === tracker);
  const team = teamTally
    ? metricValue(metric, teamTally.mentions, teamTally.callsMentioning, trends.team.calls)
    : null;
  // A rep's count isn't comparable with the team's total: the count view compares per call.
  const compared = metric === 'count' ? 'perCall' : metric;
  const teamCompared = teamTally
    ? metricValue(compared, teamTally.mentions, teamTally.callsMentioning, trends.team.calls)
    : null;
  const rows = trends.reps.map((rep) => {
    const tally = rep.trackers.find((t) => t.name === tracker);
    const value = tally ? metricValue(compared, tally.mentions, tally.callsMentioning, rep.calls) : null;
    return {
      repId: rep.repId,
      rep: reps[rep.repId] ?? rep.repId,
      calls: rep.calls,
      value,
      difference: value === null || teamCompared === null ? null : round(value - teamCompared),
    };
  });
  return {
    metric: compared,
    team: metric === 'count' ? teamCompared : team,
    rows: rows.sort((a, b) => (b.value ?? -1) - (a.value ?? -1)),
  };
}
