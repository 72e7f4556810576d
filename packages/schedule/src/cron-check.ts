import { Cron } from 'croner';

/** Slots closer than this would spend the Gong budget on near-empty windows; the editor says so. */
export const MIN_CRON_SPACING_MS = 15 * 60_000;
const SAMPLE = 50;

/**
 * Why a power user's cron expression can't be a schedule, in a sentence for the form, or null when it can:
 * croner must parse it as five fields, it must fire again, and no two of its next slots may be closer than
 * MIN_CRON_SPACING_MS.
 */
export function cronProblem(expression: string, timeZone: string, now: Date): string | null {
  let cron: Cron;
  try {
    cron = new Cron(expression, { timezone: timeZone, paused: true, mode: '5-part' });
  } catch {
    return 'That cron expression does not parse. Use five fields: minute hour day-of-month month day-of-week.';
  }
  const runs = cron.nextRuns(SAMPLE, now);
  if (runs.length === 0) return 'That cron expression never fires again.';
  for (let i = 1; i < runs.length; i += 1) {
    if (runs[i]!.getTime() - runs[i - 1]!.getTime() < MIN_CRON_SPACING_MS) {
      return 'Schedules run at most every 15 minutes; choose a sparser cron expression.';
    }
  }
  return null;
}
