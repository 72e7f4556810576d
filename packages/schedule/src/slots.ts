import type { ScheduleCadence } from '@callmine/contracts';
import { Cron } from 'croner';
import { cadencePatterns } from './patterns.ts';

// Slot arithmetic: the instants a cadence fires at in its zone. Pure (the caller passes every instant), so the
// scheduler, the API and the tests agree. DST (croner's rules, pinned by slots.test.ts): a slot in the hour the
// clocks skip runs once, when the clock jumps (02:30 → 03:00); a slot in the hour that repeats runs once, the
// first time. Month ends: day 29–31 falls on the last day of shorter months.

export interface Cadence {
  cadence: ScheduleCadence;
  timeZone: string;
}

/** Croner objects are cheap but not free; a schedule's patterns are reused across calls. */
const cache = new Map<string, Cron[]>();

function crons({ cadence, timeZone }: Cadence): Cron[] {
  const key = `${timeZone}|${JSON.stringify(cadence)}`;
  let found = cache.get(key);
  if (!found) {
    // paused: these objects only compute dates, they never start a timer.
    found = cadencePatterns(cadence).map(
      (p) => new Cron(p, { timezone: timeZone, paused: true, mode: '5-part' }),
    );
    if (cache.size > 1000) cache.clear();
    cache.set(key, found);
  }
  return found;
}

/** The first slot strictly after `after`, or null when the pattern never fires again. */
export function nextSlot(spec: Cadence, after: Date): Date | null {
  let best: Date | null = null;
  for (const cron of crons(spec)) {
    const next = cron.nextRun(after);
    if (next && (!best || next < best)) best = next;
  }
  return best;
}

/** The last slot at or before `at`, or null when there is none. */
export function previousSlot(spec: Cadence, at: Date): Date | null {
  // croner's previousRuns looks strictly before its reference; +1 ms makes `at` itself count.
  const reference = new Date(at.getTime() + 1);
  let best: Date | null = null;
  for (const cron of crons(spec)) {
    const previous = cron.previousRuns(1, reference)[0];
    if (previous && (!best || previous > best)) best = previous;
  }
  return best;
}

/** The slots s with from < s ≤ to, oldest first, at most `limit` of them (the newest are kept). */
export function slotsBetween(spec: Cadence, from: Date, to: Date, limit = 1000): Date[] {
  const found: Date[] = [];
  let cursor = from;
  for (;;) {
    const next = nextSlot(spec, cursor);
    if (!next || next > to) break;
    found.push(next);
    if (found.length > limit) found.shift();
    cursor = next;
  }
  return found;
}

/**
 * The calls an occurrence at `slot` analyses: since the slot before it (a weekly schedule → the last 7 days,
 * DST days included as they were). With no earlier slot, one period of the cadence's length back.
 */
export function occurrenceWindow(spec: Cadence, slot: Date): { from: Date; to: Date } {
  const before = previousSlot(spec, new Date(slot.getTime() - 1));
  if (before) return { from: before, to: slot };
  const after = nextSlot(spec, slot);
  const length = after ? after.getTime() - slot.getTime() : 86_400_000;
  return { from: new Date(slot.getTime() - length), to: slot };
}

/**
 * "Run now" at `at`: the same length of time the next scheduled occurrence will cover, ending now (weekly →
 * the last 7 days), so a manual run looks like a scheduled one.
 */
export function runNowWindow(spec: Cadence, at: Date): { from: Date; to: Date } {
  const next = nextSlot(spec, at);
  if (!next) return occurrenceWindow(spec, at);
  const period = occurrenceWindow(spec, next);
  const length = period.to.getTime() - period.from.getTime();
  return { from: new Date(at.getTime() - length), to: at };
}
