import type { ReportCall, ReportTrends, TrackerTally, WeekCoverage } from '@callmine/contracts';
import type { ReportIndex } from './report-filters.ts';
import type { StoredReport } from './stored-report.ts';

// Trends that compare, derived from the stored per-call counts (trackers' byCall): per week the calls analysed, so
// the page can show mentions per call and the share of calls beside the counts; each week's coverage, so a week
// the window or the quota cut short is marked instead of read as a dip or a jump; each rep beside the team.

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Monday (UTC, ms) of the week holding this day. */
function mondayOf(isoDay: string): number {
  const at = Date.parse(`${isoDay}T00:00:00Z`);
  const weekday = new Date(at).getUTCDay() || 7;
  return at - (weekday - 1) * DAY;
}

/** ISO week label of a Monday. */
function weekLabel(monday: number): string {
  const thursday = new Date(monday + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.ceil(((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * Each week of the window, with why it is not comparable, if it isn't: the window starts or ends inside it, or
 * the quota skipped calls in it. The quota keeps the newest calls, so the skipped ones are all older than the
 * oldest call analysed: its week and every week before it are partial. A report made before that rule (it kept the
 * lowest call ids) can't say which weeks lost calls, so every week of it is marked.
 */
export function reportWeeks(
  report: StoredReport,
): Array<{ week: string; from: string; to: string; coverage: WeekCoverage }> {
  const first = mondayOf(report.fromDay);
  const last = mondayOf(report.toDay);
  const windowFrom = Date.parse(`${report.fromDay}T00:00:00Z`);
  const windowTo = Date.parse(`${report.toDay}T00:00:00Z`);
  let quotaUntil = Number.NEGATIVE_INFINITY;
  if (report.partial) {
    const oldest = Math.min(...report.calls.map((c) => Date.parse(c.started)));
    quotaUntil =
      report.partial.admitted === 'newest-first' && Number.isFinite(oldest)
        ? mondayOf(day(oldest))
        : Number.POSITIVE_INFINITY;
  }
  const weeks = [];
  for (let monday = first; monday <= last; monday += 7 * DAY) {
    const coverage: WeekCoverage =
      monday < windowFrom
        ? 'window-start'
        : monday + 6 * DAY > windowTo
          ? 'window-end'
          : monday <= quotaUntil
            ? 'quota'
            : 'full';
    weeks.push({ week: weekLabel(monday), from: day(monday), to: day(monday + 6 * DAY), coverage });
  }
  return weeks;
}

function tally(names: readonly string[], calls: readonly ReportCall[], index: ReportIndex): TrackerTally[] {
  return names.map((name) => {
    const byCall = index.trackerByCall.get(name) ?? {};
    let mentions = 0;
    let callsMentioning = 0;
    for (const call of calls) {
      const m = byCall[call.id] ?? 0;
      mentions += m;
      if (m > 0) callsMentioning += 1;
    }
    return { name, mentions, callsMentioning };
  });
}

export function computeTrends(
  report: StoredReport,
  index: ReportIndex,
  /** Calls for the weekly series (the rep filter applied) and for the rep comparison (the week filter applied). */
  weeklyCalls: readonly ReportCall[],
  comparedCalls: readonly ReportCall[],
): ReportTrends {
  const names = (report.result.trackers ?? []).map((t) => t.name);
  const weeks = reportWeeks(report);
  const position = new Map(weeks.map((w, i) => [w.week, i]));
  const callsPerWeek = weeks.map(() => 0);
  const series = names.map((name) => ({
    name,
    byCall: index.trackerByCall.get(name) ?? {},
    mentions: weeks.map(() => 0),
    callsMentioning: weeks.map(() => 0),
  }));
  for (const call of weeklyCalls) {
    const at = position.get(index.weekOf.get(call.id) ?? '');
    if (at === undefined) continue;
    callsPerWeek[at]! += 1;
    for (const s of series) {
      const m = s.byCall[call.id] ?? 0;
      s.mentions[at]! += m;
      if (m > 0) s.callsMentioning[at]! += 1;
    }
  }
  const byRep = new Map<string, ReportCall[]>();
  for (const call of comparedCalls) byRep.set(call.repId, [...(byRep.get(call.repId) ?? []), call]);
  const previous = report.parameters.previousPeriod;
  return {
    weeks: weeks.map((w, i) => ({ ...w, calls: callsPerWeek[i]! })),
    trackers: series.map(({ name, mentions, callsMentioning }) => ({ name, mentions, callsMentioning })),
    reps: [...byRep]
      .map(([repId, calls]) => ({ repId, calls: calls.length, trackers: tally(names, calls, index) }))
      .sort((a, b) => b.calls - a.calls),
    team: { calls: comparedCalls.length, trackers: tally(names, comparedCalls, index) },
    previous:
      previous?.trackers !== undefined
        ? { from: previous.from, to: previous.to, calls: previous.calls, trackers: previous.trackers }
        : null,
  };
}
