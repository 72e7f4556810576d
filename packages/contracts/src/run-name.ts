// A run's name, plain functions (no schema): the report view shows it without loading the runs' schemas.

/**
 * A run's one name, the same on the Runs page, its report and the API: what it analysed and the days it covered,
 * e.g. "Competitor watch · 2026-09-01 to 2026-11-29", or "Ad-hoc run · …" without a saved analysis. The days are
 * the report's: a schedule's window ending at midnight ends the day before.
 */
export function runName(analysisName: string | null, from: string, to: string): string {
  return `${analysisName ?? 'Ad-hoc run'} · ${from} to ${to}`;
}

/** Whether a stored name is already a run's one name (runs made before it stored only the analysis's name). */
export const isRunName = (name: string) => / · \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}$/.test(name);
