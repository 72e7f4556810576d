import type { ReportOverview } from '@callmine/contracts';
import { n, percent } from './format.ts';

/** The headline numbers, each a tile of one height: what a manager reads first. */
export function SummaryTiles({ report }: { report: ReportOverview }) {
  const { result } = report;
  const topTracker = [...(result.trackers ?? [])].sort((a, b) => b.mentions - a.mentions)[0];
  const topQuestion = result.questions?.groups[0];
  // A long value (the most asked question) is cut to two lines so every tile keeps one height; the full text is
  // the tile's title and stays in the accessible name.
  const tiles: Array<{ label: string; value: string; detail?: string }> = [
    { label: 'Calls analysed', value: n(result.calls.total) },
    {
      label: 'With a transcript',
      value: n(result.calls.withTranscript),
      detail: `${n(result.calls.sentences)} sentences`,
    },
  ];
  if (result.questions) tiles.push({ label: 'Customer questions', value: n(result.questions.total) });
  if (topTracker && topTracker.mentions > 0) {
    tiles.push({
      label: 'Top tracker',
      value: topTracker.name,
      detail: `${n(topTracker.mentions)} mentions on ${percent(topTracker.shareOfCalls)} of calls`,
    });
  }
  if (topQuestion) {
    tiles.push({
      label: 'Most asked',
      value: topQuestion.question,
      detail: `on ${n(topQuestion.callCount)} calls`,
    });
  }
  if (result.themes?.themes[0]) tiles.push({ label: 'Top theme', value: result.themes.themes[0].phrase });
  return (
    <ul className="tiles" aria-label="Summary">
      {tiles.map((tile) => (
        <li key={tile.label} className="tile">
          <span className="tile-label">{tile.label}</span>
          <span className="tile-value" title={tile.value}>
            {tile.value}
          </span>
          {tile.detail ? <span className="hint">{tile.detail}</span> : null}
        </li>
      ))}
    </ul>
  );
}
