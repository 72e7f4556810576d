import { clip, linear, niceTicks } from './scale.ts';

// Lines over the report's weeks: one solid line per series through its fully covered weeks (a gap where a week is
// missing or partial), the partial weeks as hollow dashed points apart from it, a dashed grid, and one column per
// week that answers a click (filtering to that week) and hovering (the week's numbers, from an SVG <title>). Plain
// SVG: a few lines over a few dozen weeks need no chart library (recharts was most of the report view's code and of
// its first render's time).

export interface WeeklySeries {
  name: string;
  colour: string;
  /** One value per week: the full weeks' (null elsewhere) and the partial weeks' (null elsewhere). */
  full: ReadonlyArray<number | null>;
  partial: ReadonlyArray<number | null>;
}

const MARGIN = { top: 10, right: 24, bottom: 28, left: 56 };
/** About this many pixels a week label needs; crowded labels are skipped, every week still has its column. */
const LABEL_PIXELS = 64;

/** The path through consecutive non-null values, broken at each null. */
function path(values: ReadonlyArray<number | null>, x: (i: number) => number, y: (v: number) => number) {
  let d = '';
  let drawing = false;
  values.forEach((value, i) => {
    if (value === null) {
      drawing = false;
      return;
    }
    d += `${drawing ? 'L' : 'M'}${x(i).toFixed(1)},${y(value).toFixed(1)}`;
    drawing = true;
  });
  return d;
}

export function WeeklyLines({
  width,
  height,
  weeks,
  series,
  domainMax,
  integers,
  format,
  weekTitle,
  selectedWeek,
  onPickWeek,
}: {
  width: number;
  height: number;
  weeks: ReadonlyArray<string>;
  series: ReadonlyArray<WeeklySeries>;
  /** A fixed top of the value axis (1 for shares); else from the largest value. */
  domainMax?: number;
  integers: boolean;
  format: (value: number) => string;
  /** A week's tooltip: its dates, calls, coverage and each series' value. */
  weekTitle: (index: number) => string;
  selectedWeek?: string;
  onPickWeek: (week: string) => void;
}) {
  const largest = Math.max(0, ...series.flatMap((s) => [...s.full, ...s.partial].map((v) => v ?? 0)));
  const ticks = niceTicks(domainMax ?? largest, { integers });
  const top = ticks[ticks.length - 1]!;
  const plotBottom = height - MARGIN.bottom;
  const y = linear(top, plotBottom, MARGIN.top);
  const band = (width - MARGIN.left - MARGIN.right) / Math.max(1, weeks.length);
  const x = (i: number) => MARGIN.left + (i + 0.5) * band;
  const labelEvery = Math.max(1, Math.ceil(LABEL_PIXELS / band));
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
          <line key={tick} x1={MARGIN.left} x2={width - MARGIN.right} y1={y(tick)} y2={y(tick)} />
        ))}
      </g>
      <g className="chart-axis">
        <line x1={MARGIN.left} x2={width - MARGIN.right} y1={plotBottom} y2={plotBottom} />
        {ticks.map((tick) => (
          <text key={tick} x={MARGIN.left - 6} y={y(tick)} textAnchor="end" dominantBaseline="central">
            {format(tick)}
          </text>
        ))}
        {weeks.map((week, i) =>
          // The last week keeps its label (where a report ends matters most), the ones before it step back.
          (weeks.length - 1 - i) % labelEvery === 0 ? (
            <text key={week} x={x(i)} y={plotBottom + 18} textAnchor="middle">
              {clip(week, 10)}
            </text>
          ) : null,
        )}
      </g>
      {weeks.map((week, i) => (
        // biome-ignore lint/a11y/noStaticElementInteractions: a pointer shortcut; keyboards choose a week by the buttons in the weeks' table.
        <rect
          key={week}
          className={week === selectedWeek ? 'chart-hit selected' : 'chart-hit'}
          x={MARGIN.left + i * band}
          y={MARGIN.top}
          width={band}
          height={plotBottom - MARGIN.top}
          onClick={() => onPickWeek(week)}
        >
          <title>{weekTitle(i)}</title>
        </rect>
      ))}
      {series.map((s) => (
        <g key={s.name} className="chart-series" stroke={s.colour}>
          <path className="chart-line" d={path(s.full, x, y)} strokeWidth={2} />
          <path className="chart-line partial" d={path(s.partial, x, y)} strokeDasharray="4 4" />
          {/* Each series' points are one path of circles: a point per week and series was most of the chart's
              elements, each one drawn, styled and laid out. */}
          <path className="chart-dot" d={dots(s.full, x, y, 3)} fill="#fff" />
          <path
            className="chart-dot partial"
            d={dots(s.partial, x, y, 4)}
            fill="#fff"
            strokeDasharray="2 2"
          />
        </g>
      ))}
    </svg>
  );
}

/** The series' names and colours under the chart (partial weeks explained in the figure's summary). */
export function Legend({ series }: { series: ReadonlyArray<Pick<WeeklySeries, 'name' | 'colour'>> }) {
  return (
    <ul className="chart-legend" aria-hidden="true">
      {series.map((s) => (
        <li key={s.name}>
          <svg width="18" height="10" viewBox="0 0 18 10" aria-hidden="true">
            <line x1="0" x2="18" y1="5" y2="5" stroke={s.colour} strokeWidth="2" />
          </svg>{' '}
          {s.name}
        </li>
      ))}
    </ul>
  );
}

/** Circles of radius r at each value's point, as one path (two arcs each). */
function dots(
  values: ReadonlyArray<number | null>,
  x: (i: number) => number,
  y: (v: number) => number,
  r: number,
): string {
  return values
    .map((value, i) =>
      value === null ? '' : `M${x(i) - r},${y(value)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`,
    )
    .join('');
}
