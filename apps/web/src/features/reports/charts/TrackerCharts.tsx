// Charts: recharts (SVG, React 19 compatible, widely used and maintained). It sets sizes through the DOM's style
// object rather than inline style attributes or <style> tags, so the server's CSP (style-src 'self') holds.
import type { ReportView, TrackerResult } from '@callmine/contracts';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { n } from '../format.ts';
import { CHART_HEIGHT, CHART_WIDTH, ChartFigure, SERIES_COLOURS } from './ChartFigure.tsx';

/** More lines than this turn a chart into noise; the table below has them all. */
const MAX_SERIES = 5;

function topTrackers(report: ReportView): TrackerResult[] {
  return [...(report.result.trackers ?? [])]
    .filter((t) => t.mentions > 0)
    .sort((a, b) => b.mentions - a.mentions)
    .slice(0, MAX_SERIES);
}

/** Series are keyed t0, t1, … because recharts reads a dot in a data key as a path ("Chorus.ai"). */
export function trackerWeekData(trackers: TrackerResult[]) {
  const weeks = [...new Set(trackers.flatMap((t) => Object.keys(t.byWeek)))].sort();
  return weeks.map((week) => ({
    week,
    ...Object.fromEntries(trackers.map((t, i) => [`t${i}`, t.byWeek[week] ?? 0])),
  }));
}

export function TrackerCharts({ report }: { report: ReportView }) {
  const trackers = topTrackers(report);
  if (trackers.length === 0) return null;
  const byWeek = trackerWeekData(trackers);
  const repIds = [...new Set(trackers.flatMap((t) => Object.keys(t.byRep)))];
  const byRep = repIds
    .map((repId) => ({
      rep: report.reps[repId] ?? repId,
      total: trackers.reduce((sum, t) => sum + (t.byRep[repId] ?? 0), 0),
      ...Object.fromEntries(trackers.map((t, i) => [`t${i}`, t.byRep[repId] ?? 0])),
    }))
    .sort((a, b) => b.total - a.total);
  const top = trackers[0]!;
  const busiest = byRep[0];
  return (
    <>
      <ChartFigure
        title="Tracker mentions per week"
        summary={`${trackers.length} most-mentioned trackers over ${byWeek.length} ${byWeek.length === 1 ? 'week' : 'weeks'}; ${top.name} leads with ${n(top.mentions)} mentions.`}
      >
        <LineChart width={CHART_WIDTH} height={CHART_HEIGHT} data={byWeek}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="week" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          {trackers.map((t, i) => (
            <Line
              key={t.name}
              type="monotone"
              dataKey={`t${i}`}
              name={t.name}
              stroke={SERIES_COLOURS[i % SERIES_COLOURS.length]}
              strokeWidth={2}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ChartFigure>
      <ChartFigure
        title="Tracker mentions by rep"
        summary={
          busiest
            ? `Mentions on each rep’s calls; most on ${busiest.rep}’s (${n(busiest.total)}).`
            : 'No rep’s calls mention a tracker.'
        }
      >
        <BarChart
          width={CHART_WIDTH}
          height={Math.max(CHART_HEIGHT, byRep.length * 28 + 60)}
          data={byRep}
          layout="vertical"
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} />
          {/* interval 0: every rep is named (recharts skips labels it thinks crowded); each bar has 28 px. */}
          <YAxis type="category" dataKey="rep" width={140} interval={0} />
          <Tooltip />
          <Legend />
          {trackers.map((t, i) => (
            <Bar
              key={t.name}
              dataKey={`t${i}`}
              name={t.name}
              stackId="mentions"
              fill={SERIES_COLOURS[i % SERIES_COLOURS.length]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ChartFigure>
    </>
  );
}
