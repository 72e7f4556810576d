import { type ReactNode, useId, useLayoutEffect, useRef, useState } from 'react';

/**
 * A chart with a visible title and a one-sentence text summary for screen readers and print. The chart fills the
 * card's width: the canvas is measured as it is first laid out, before the browser paints, and the chart drawn
 * once at that width (drawing it at a guessed width first, then again, was a third of the report's first render);
 * it is re-measured when it resizes. Where nothing can be measured (tests) it is drawn at FALLBACK_WIDTH, never
 * blank, which a responsive container that waits for a size would be.
 */
export function ChartFigure({
  title,
  summary,
  children,
  controls,
}: {
  title: string;
  summary: string;
  children: (width: number) => ReactNode;
  /** Buttons above the chart (a metric switch). */
  controls?: ReactNode;
}) {
  const id = useId();
  const canvas = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const measure = () =>
      setWidth(
        element.clientWidth > 0 ? Math.max(MIN_WIDTH, Math.floor(element.clientWidth)) : FALLBACK_WIDTH,
      );
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
      <div className="chart-canvas" ref={canvas}>
        {width === null ? null : children(width)}
      </div>
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
