import type { ReportOverview } from '@callmine/contracts';
import { CHART_HEIGHT, ChartFigure } from './ChartFigure.tsx';
import { barsHeight, HorizontalBars } from './svg/HorizontalBars.tsx';

/** Each rep's share of the talking, with a line at 50% (listening as much as talking). */
export function TalkRatioChart({ report }: { report: ReportOverview }) {
  const data = (report.result.talk ?? [])
    .filter((rep) => rep.talkRatio !== null)
    .map((rep) => ({
      repId: rep.repId,
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
        <HorizontalBars
          width={width}
          height={barsHeight(data.length, CHART_HEIGHT)}
          rows={data.map((d) => ({
            key: d.repId,
            label: d.rep,
            value: d.ratio,
            title: `${d.rep}: talked ${d.ratio}% of the time`,
          }))}
          domainMax={100}
          format={(v) => `${v}%`}
          reference={{ value: 50 }}
        />
      )}
    </ChartFigure>
  );
}
