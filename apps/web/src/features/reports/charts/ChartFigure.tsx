import { type ReactNode, useId } from 'react';

/**
 * A chart with a visible title and a one-sentence text summary for screen readers and print. The charts use a
 * fixed size (scrolling sideways on narrow screens): a measured, responsive container renders nothing until it has
 * a width, which would leave printouts and tests without the chart.
 */
export function ChartFigure({
  title,
  summary,
  children,
}: {
  title: string;
  summary: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <figure className="chart" aria-labelledby={`${id}-t`} aria-describedby={`${id}-s`}>
      <figcaption id={`${id}-t`}>{title}</figcaption>
      <div className="chart-canvas">{children}</div>
      <p id={`${id}-s`} className="hint">
        {summary}
      </p>
    </figure>
  );
}

/** Colours that stay apart for common colour-vision differences (Okabe–Ito) and print well in grey. */
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9'];

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 260;
