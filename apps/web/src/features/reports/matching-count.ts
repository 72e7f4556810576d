import { REPORT_FILTER_KEYS, type ReportFilters, type ReportOverview } from '@callmine/contracts';

// A filter's count of matching calls, read from the numbers already on screen while the server answers the new
// filters: the trends hold each rep's calls (every filter but rep, tracker and phrase applied) and each week's
// (every filter but week, tracker and phrase), each with its calls per tracker. So choosing a rep, a week or a
// tracker usually has its count in hand at the click. The server's answer replaces it, and stays the source of
// truth: any other change (a phrase, a stage, two filters at once) has no count here, and the page says "Updating…".

type FilterKey = keyof ReportFilters;

/** Whether two sets of filters agree on every key but the ones a trend leaves out. */
const sameBut = (a: ReportFilters, b: ReportFilters, ignored: readonly FilterKey[]) =>
  REPORT_FILTER_KEYS.every((key) => ignored.includes(key) || a[key] === b[key]);

const mentioning = (tallies: ReadonlyArray<{ name: string; callsMentioning: number }>, tracker: string) =>
  tallies.find((t) => t.name === tracker)?.callsMentioning ?? 0;

/**
 * The number of calls `filters` match, from `report` (the server's answer for `report.filters`), or null when its
 * numbers can't say.
 */
export function matchingCount(report: ReportOverview, filters: ReportFilters): number | null {
  if (sameBut(report.filters, filters, [])) return report.matchingCalls;
  // A phrase is matched on the evidence's sentences, which the trends do not count.
  if (filters.phrase) return null;
  const { trends } = report;
  if (sameBut(report.filters, filters, ['rep', 'tracker', 'phrase'])) {
    // A rep with no call under the other filters is not in the comparison: none of their calls match.
    const counted = filters.rep
      ? (trends.reps.find((r) => r.repId === filters.rep) ?? { calls: 0, trackers: [] })
      : trends.team;
    return filters.tracker ? mentioning(counted.trackers, filters.tracker) : counted.calls;
  }
  if (filters.week && sameBut(report.filters, filters, ['week', 'tracker', 'phrase'])) {
    const at = trends.weeks.findIndex((w) => w.week === filters.week);
    if (at < 0) return null;
    if (!filters.tracker) return trends.weeks[at]!.calls;
    const series = trends.trackers.find((t) => t.name === filters.tracker);
    return series ? (series.callsMentioning[at] ?? 0) : 0;
  }
  return null;
}
