import { type ReactNode, useEffect, useId, useRef, useState } from 'react';

/**
 * A chart with a visible title and a one-sentence text summary for screen readers and print. The chart fills the
 * card's width: the canvas is measured (and re-measured when it resizes) and the chart drawn at that width. Until
 * it is measured (and where nothing can be measured: print previews, tests) it is drawn at FALLBACK_WIDTH, never
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
  const [width, setWidth] = useState(FALLBACK_WIDTH);
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
      <div className="chart-canvas" ref={canvas}>
        {children(width)}
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
