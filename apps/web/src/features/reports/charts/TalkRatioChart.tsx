import type { ReportOverview } from '@callmine/contracts';
import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { CHART_HEIGHT, ChartFigure, SERIES_COLOURS } from './ChartFigure.tsx';

/** Each rep's share of the talking, with a line at 50% (listening as much as talking). */
export function TalkRatioChart({ report }: { report: ReportOverview }) {
  const data = (report.result.talk ?? [])
    .filter((rep) => rep.talkRatio !== null)
    .map((rep) => ({
      rep: report.reps[rep.repId] ?? rep.repId,
      ratio: Math.round((rep.talkRatio ?? 0) * 100),
    }))
    .sort((a, b) => b.ratio - a.ratio);
  if (data.length === 0) return null;
  const most = data[0]!;
  const least = data[data.length - 1]!;
  return (
    <ChartFigure
      title="Talk ratio by rep"
      summary={`Reps talked between ${least.ratio}% (${least.rep}) and ${most.ratio}% (${most.rep}) of the time on their calls.`}
    >
      {(width) => (
        <BarChart
          width={width}
          height={Math.max(CHART_HEIGHT, data.length * 28 + 60)}
          data={data}
          layout="vertical"
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" domain={[0, 100]} unit="%" />
          {/* interval 0: every rep is named (recharts skips labels it thinks crowded); each bar has 28 px. */}
          <YAxis type="category" dataKey="rep" width={140} interval={0} />
          <Tooltip formatter={(value) => `${String(value)}%`} />
          <ReferenceLine x={50} stroke="#555" strokeDasharray="4 4" />
          <Bar dataKey="ratio" name="Talk ratio" fill={SERIES_COLOURS[0]} isAnimationActive={false} />
        </BarChart>
      )}
    </ChartFigure>
  );
}
