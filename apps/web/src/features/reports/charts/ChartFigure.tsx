import { type ReactNode, useDeferredValue, useEffect, useId, useRef, useState } from 'react';

/**
 * A chart with a visible title and a one-sentence text summary for screen readers and print. The chart fills the
 * card's width: the canvas is measured (and re-measured when it resizes) and the chart drawn at that width. Until
 * it is measured (and where nothing can be measured: print previews, tests) it is drawn at FALLBACK_WIDTH, never
 * blank, which a responsive container that waits for a size would be.
 *
 * The chart itself is drawn in a second pass that React may interrupt: a report's tables and filters come first
 * (drawing the charts is most of a 1,000-call report's first render). Its height is kept meanwhile, so nothing moves.
 */
export function ChartFigure({
  title,
  summary,
  children,
  controls,
  height,
  table,
}: {
  title: string;
  summary: string;
  children: (width: number) => ReactNode;
  /** Buttons above the chart (a metric switch). */
  controls?: ReactNode;
  /** The chart's height in pixels (kept while it is being drawn). */
  height: number;
  /** The chart's numbers as a table, below it (not deferred with the chart). */
  table?: ReactNode;
}) {
  const id = useId();
  const canvas = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(FALLBACK_WIDTH);
  const drawn = useDeferredValue(true, false);
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const measure = () => {
      if (element.clientWidth > 0) setWidth(Math.max(MIN_WIDTH, Math.floor(element.clientWidth)));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <figure className="chart" aria-labelledby={`${id}-t`} aria-describedby={`${id}-s`}>
      <figcaption id={`${id}-t`}>{title}</figcaption>
      {controls}
      <div className="chart-canvas" ref={canvas} style={drawn ? undefined : { minHeight: height }}>
        {drawn ? children(width) : null}
      </div>
      {table}
      <p id={`${id}-s`} className="hint">
        {summary}
      </p>
    </figure>
  );
}

/** Colours that stay apart for common colour-vision differences (Okabe–Ito) and print well in grey. */
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9'];

const FALLBACK_WIDTH = 640;
/** Narrower than this a chart's axis labels overlap: the canvas scrolls instead. */
const MIN_WIDTH = 300;
export const CHART_HEIGHT = 260;
