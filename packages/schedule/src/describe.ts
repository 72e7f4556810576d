import type { ScheduleCadence } from '@callmine/contracts';

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function ordinal(n: number) {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}

/** The cadence in a sentence for lists: "Every Monday at 09:00 (Europe/Berlin)". */
export function describeCadence(cadence: ScheduleCadence, timeZone: string): string {
  const zone = ` (${timeZone})`;
  switch (cadence.kind) {
    case 'daily':
      return `Every day at ${cadence.time}${zone}`;
    case 'weekly':
      return `Every ${capital(cadence.weekday)} at ${cadence.time}${zone}`;
    case 'monthly':
      return cadence.day >= 29
        ? `Monthly on the ${ordinal(cadence.day)} (or the month’s last day) at ${cadence.time}${zone}`
        : `Monthly on the ${ordinal(cadence.day)} at ${cadence.time}${zone}`;
    case 'cron':
      return `Cron “${cadence.expression}”${zone}`;
  }
}
