// How a schedule's instants read: in the viewer's own zone and in the schedule's zone, both with the zone named,
// so "09:00 Europe/Berlin" and "03:00 your time" are never confused.

const format = (iso: string, timeZone?: string) =>
  new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));

export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** "Mon, 7 Dec 2026, 09:00 CET" in the viewer's zone, and the same instant in the schedule's zone. */
export function instantInBothZones(iso: string, scheduleZone: string) {
  return { local: format(iso), inScheduleZone: `${format(iso, scheduleZone)} (${scheduleZone})` };
}

let zones: string[] | undefined;
/** Every zone the browser knows, for the zone picker's suggestions. */
export function knownTimeZones(): string[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  return zones;
}
