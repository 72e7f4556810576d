import { SERIES_COLOURS } from '../ChartFigure.tsx';
import { clip, linear, niceTicks } from './scale.ts';

// One horizontal bar per row (a rep), named on the left, on a value axis from zero with a dashed grid, and an
// optional dashed reference line (50 %, the team's average). Plain SVG: two bar charts of a few dozen rows need no
// chart library (recharts was most of the report view's code and of its first render's time).

export interface BarRow {
  key: string;
  label: string;
  value: number | null;
  /** The bar's tooltip (the browser's, from an SVG <title>). */
  title: string;
  /** Drawn in the second colour (the chosen rep). */
  highlighted?: boolean;
}

/** Each bar has this many pixels of height; every rep is named, whatever their number. */
export const BAR_BAND = 28;
const LABEL_WIDTH = 140;
const MARGIN = { top: 8, right: 24, bottom: 28 };

export const barsHeight = (rows: number, minimum: number) =>
  Math.max(minimum, rows * BAR_BAND + MARGIN.top + MARGIN.bottom + 24);

export function HorizontalBars({
  width,
  height,
  rows,
  domainMax,
  integers = false,
  format,
  reference,
  onPick,
}: {
  width: number;
  height: number;
  rows: ReadonlyArray<BarRow>;
  /** A fixed end of the value axis (100 for percentages); else from the largest value and the reference. */
  domainMax?: number;
  integers?: boolean;
  format: (value: number) => string;
  reference?: { value: number; label?: string };
  /** Choosing a bar (a click): the row's key. */
  onPick?: (key: string) => void;
}) {
  const largest = Math.max(0, reference?.value ?? 0, ...rows.map((r) => r.value ?? 0));
  const ticks =
    domainMax === undefined ? niceTicks(largest, { integers }) : niceTicks(domainMax, { integers });
  const top = ticks[ticks.length - 1]!;
  const x = linear(top, LABEL_WIDTH, width - MARGIN.right);
  const plotBottom = height - MARGIN.bottom;
  const band = Math.min(BAR_BAND, (plotBottom - MARGIN.top) / Math.max(1, rows.length));
  return (
    <svg
      className="svg-chart"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
    >
      <g className="chart-grid">
        {ticks.map((tick) => (
          <line key={tick} x1={x(tick)} x2={x(tick)} y1={MARGIN.top} y2={plotBottom} />
        ))}
      </g>
      <g className="chart-axis">
        <line x1={LABEL_WIDTH} x2={width - MARGIN.right} y1={plotBottom} y2={plotBottom} />
        {ticks.map((tick) => (
          <text key={tick} x={x(tick)} y={plotBottom + 18} textAnchor="middle">
            {format(tick)}
          </text>
        ))}
      </g>
      {rows.map((row, i) => {
        const y = MARGIN.top + i * band;
        return (
          <g key={row.key} className={onPick ? 'chart-bar-row pickable' : 'chart-bar-row'}>
            <title>{row.title}</title>
            <text
              className="chart-bar-label"
              x={LABEL_WIDTH - 8}
              y={y + band / 2}
              textAnchor="end"
              dominantBaseline="central"
            >
              {clip(row.label, 20)}
            </text>
            {row.value !== null ? (
              <rect
                className="chart-bar"
                x={LABEL_WIDTH}
                y={y + band * 0.15}
                width={Math.max(0, x(row.value) - LABEL_WIDTH)}
                height={band * 0.7}
                fill={row.highlighted ? SERIES_COLOURS[1] : SERIES_COLOURS[0]}
              />
            ) : null}
            {/* The whole row answers a click, not only its bar: a short bar is hard to hit. */}
            {onPick ? (
              // biome-ignore lint/a11y/noStaticElementInteractions: a pointer shortcut; keyboards choose a rep by the buttons in the chart's table.
              <rect
                className="chart-hit"
                x={0}
                y={y}
                width={width}
                height={band}
                onClick={() => onPick(row.key)}
              />
            ) : null}
          </g>
        );
      })}
      {reference ? (
        <g className="chart-reference">
          <line x1={x(reference.value)} x2={x(reference.value)} y1={MARGIN.top} y2={plotBottom} />
          {reference.label ? (
            <text x={x(reference.value) + 4} y={MARGIN.top + 10}>
              {reference.label}
            </text>
          ) : null}
        </g>
      ) : null}
    </svg>
  );
}
