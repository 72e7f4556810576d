// Small formatters shared by the report view's tiles, tables, charts and CSV files.

let numberFormat: Intl.NumberFormat | undefined;

/**
 * 1234567 → "1,234,567", as Intl.NumberFormat('en-US') writes it. Whole numbers (every count) are grouped here: a
 * page's first Intl.NumberFormat loads ICU's number data, tens of milliseconds of the report's first draw.
 */
export function n(value: number): string {
  if (Number.isSafeInteger(value) && !Object.is(value, -0))
    return `${value < 0 ? '-' : ''}${String(Math.abs(value)).replace(/\B(?=(\d{3})+$)/g, ',')}`;
  numberFormat ??= new Intl.NumberFormat('en-US');
  return numberFormat.format(value);
}

/** A time in the call as people read it on Gong's player: 4:07, 1:02:33. */
export function callTime(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** 0.4235 → "42%"; null (nothing to measure) → "—". */
export const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);

/** One decimal, or "—" when there was nothing to measure. */
export const decimal = (value: number | null) => (value === null ? '—' : value.toFixed(1));

export const sideLabel = { internal: 'Your team', external: 'Customer', unknown: 'Unknown speaker' } as const;

/** A theme's change against the previous period, in percent of the earlier rate; null when it can't be said. */
export function themeChange(now: number, before: number | null): number | null {
  if (before === null) return null;
  if (before === 0) return null;
  return Math.round(((now - before) / before) * 100);
}

export function changeLabel(now: number, before: number | null): string {
  if (before === null) return 'No earlier period';
  if (before === 0) return now > 0 ? 'New' : '—';
  const change = themeChange(now, before) ?? 0;
  return change === 0 ? 'No change' : `${change > 0 ? '+' : '−'}${Math.abs(change)}%`;
}
