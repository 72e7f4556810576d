import type { ScheduleCadence, Weekday } from '@callmine/contracts';

// Every cadence becomes one or more five-field cron patterns evaluated by croner in the schedule's zone; a slot is
// the earliest instant any pattern gives. Croner does the wall-clock → instant step (and its DST rules) for all
// kinds, so daily/weekly/monthly and a power user's cron behave alike.

const CRON_WEEKDAY: Record<Weekday, number> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};

/** Months (1–12) with fewer than 29, 30 and 31 days; February's "L" is 28 or 29 depending on the year. */
const SHORT_MONTHS: Record<29 | 30 | 31, number[]> = {
  29: [2],
  30: [2],
  31: [2, 4, 6, 9, 11],
};

const allMonthsExcept = (excluded: number[]) =>
  Array.from({ length: 12 }, (_, i) => i + 1)
    .filter((m) => !excluded.includes(m))
    .join(',');

export function cadencePatterns(cadence: ScheduleCadence): string[] {
  if (cadence.kind === 'cron') return [cadence.expression];
  const [hour, minute] = cadence.time.split(':').map(Number) as [number, number];
  const at = `${minute} ${hour}`;
  switch (cadence.kind) {
    case 'daily':
      return [`${at} * * *`];
    case 'weekly':
      return [`${at} * * ${CRON_WEEKDAY[cadence.weekday]}`];
    case 'monthly': {
      if (cadence.day <= 28) return [`${at} ${cadence.day} * *`];
      // Day 29–31: that day in months long enough, the last day ("L") in the others.
      const short = SHORT_MONTHS[cadence.day as 29 | 30 | 31];
      return [`${at} ${cadence.day} ${allMonthsExcept(short)} *`, `${at} L ${short.join(',')} *`];
    }
  }
}
