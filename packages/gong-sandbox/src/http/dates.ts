// Gong takes ISO-8601 date-times with a zone (Z or ±hh:mm); a bare date or local time is a 400.
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

export type DateResult = { ok: true; value: number | undefined } | { ok: false; error: string };

export function parseGongDateTime(name: string, raw: string | undefined | null): DateResult {
  if (raw === undefined || raw === null || raw === '') return { ok: true, value: undefined };
  const value = Date.parse(raw);
  if (!ISO_WITH_ZONE.test(raw) || Number.isNaN(value)) {
    return { ok: false, error: `${name}: must be an ISO-8601 date-time with a time zone, got '${raw}'` };
  }
  return { ok: true, value };
}

export function toGongDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
