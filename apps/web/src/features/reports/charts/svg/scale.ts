// Axis arithmetic for the report's SVG charts: round tick steps (1, 2, 2.5 or 5 × 10ⁿ) from zero, and the linear
// map from a value to a pixel.

/** Ticks from 0 to at least `max`, about `count` of them, at a round step; whole numbers only when asked. */
export function niceTicks(max: number, { count = 5, integers = false } = {}): number[] {
  const top = max > 0 && Number.isFinite(max) ? max : 1;
  const rough = top / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(
    integers ? 1 : 0,
    ([1, 2, 2.5, 5, 10].find((m) => m * power >= rough && (!integers || Number.isInteger(m * power))) ?? 10) *
      power,
  );
  const ticks: number[] = [];
  // Rounded to the step's precision so 0.1 + 0.2 never prints as 0.30000000000000004.
  for (let i = 0; ticks.length === 0 || ticks[ticks.length - 1]! < top; i++) ticks.push(round(i * step));
  return ticks;
}

const round = (value: number) => Math.round(value * 1e9) / 1e9;

/** A linear scale: `value` in [0, domainMax] to a pixel in [from, to]. */
export const linear =
  (domainMax: number, from: number, to: number) =>
  (value: number): number =>
    from + ((to - from) * value) / (domainMax || 1);

/** A label cut to about `maxChars` characters, with an ellipsis; the full text goes in the element's title. */
export const clip = (text: string, maxChars: number) =>
  text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
