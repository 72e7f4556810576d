import type { ScheduleCadence } from '@callmine/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextSlot, occurrenceWindow, previousSlot, runNowWindow, slotsBetween } from './slots.ts';

const at = (iso: string) => new Date(iso);
/** Slots as "UTC instant = local wall clock" so a failure reads like a calendar. */
function slots(cadence: ScheduleCadence, timeZone: string, from: string, to: string) {
  return slotsBetween({ cadence, timeZone }, at(from), at(to)).map(
    (d) => `${d.toISOString()} = ${d.toLocaleString('sv-SE', { timeZone })}`,
  );
}
const daily = (time: string): ScheduleCadence => ({ kind: 'daily', time });
const monthly = (day: number, time = '09:00'): ScheduleCadence => ({ kind: 'monthly', day, time });

describe('daylight saving: a slot is neither skipped nor doubled', () => {
  it('New York spring-forward: 02:30 does not exist on 8 March, so that day runs once when the clock jumps to 03:00', () => {
    expect(slots(daily('02:30'), 'America/New_York', '2026-03-06T12:00:00Z', '2026-03-10T12:00:00Z')).toEqual(
      [
        '2026-03-07T07:30:00.000Z = 2026-03-07 02:30:00',
        '2026-03-08T07:00:00.000Z = 2026-03-08 03:00:00',
        '2026-03-09T06:30:00.000Z = 2026-03-09 02:30:00',
        '2026-03-10T06:30:00.000Z = 2026-03-10 02:30:00',
      ],
    );
  });

  it('New York fall-back: 01:30 happens twice on 1 November and runs once, the first time (EDT)', () => {
    expect(slots(daily('01:30'), 'America/New_York', '2026-10-30T12:00:00Z', '2026-11-03T12:00:00Z')).toEqual(
      [
        '2026-10-31T05:30:00.000Z = 2026-10-31 01:30:00',
        '2026-11-01T05:30:00.000Z = 2026-11-01 01:30:00',
        '2026-11-02T06:30:00.000Z = 2026-11-02 01:30:00',
        '2026-11-03T06:30:00.000Z = 2026-11-03 01:30:00',
      ],
    );
  });

  it('Berlin spring-forward (29 March) and fall-back (25 October) at 02:30', () => {
    expect(slots(daily('02:30'), 'Europe/Berlin', '2026-03-27T12:00:00Z', '2026-03-31T12:00:00Z')).toEqual([
      '2026-03-28T01:30:00.000Z = 2026-03-28 02:30:00',
      '2026-03-29T01:00:00.000Z = 2026-03-29 03:00:00',
      '2026-03-30T00:30:00.000Z = 2026-03-30 02:30:00',
      '2026-03-31T00:30:00.000Z = 2026-03-31 02:30:00',
    ]);
    expect(slots(daily('02:30'), 'Europe/Berlin', '2026-10-23T12:00:00Z', '2026-10-27T12:00:00Z')).toEqual([
      '2026-10-24T00:30:00.000Z = 2026-10-24 02:30:00',
      '2026-10-25T00:30:00.000Z = 2026-10-25 02:30:00',
      '2026-10-26T01:30:00.000Z = 2026-10-26 02:30:00',
      '2026-10-27T01:30:00.000Z = 2026-10-27 02:30:00',
    ]);
  });

  it('Sydney (southern hemisphere): clocks go back in April and forward in October', () => {
    expect(slots(daily('02:30'), 'Australia/Sydney', '2026-04-03T00:00:00Z', '2026-04-07T00:00:00Z')).toEqual(
      [
        '2026-04-03T15:30:00.000Z = 2026-04-04 02:30:00',
        '2026-04-04T15:30:00.000Z = 2026-04-05 02:30:00',
        '2026-04-05T16:30:00.000Z = 2026-04-06 02:30:00',
        '2026-04-06T16:30:00.000Z = 2026-04-07 02:30:00',
      ],
    );
    expect(slots(daily('02:30'), 'Australia/Sydney', '2026-10-02T00:00:00Z', '2026-10-06T00:00:00Z')).toEqual(
      [
        '2026-10-02T16:30:00.000Z = 2026-10-03 02:30:00',
        '2026-10-03T16:00:00.000Z = 2026-10-04 03:00:00',
        '2026-10-04T15:30:00.000Z = 2026-10-05 02:30:00',
        '2026-10-05T15:30:00.000Z = 2026-10-06 02:30:00',
      ],
    );
  });

  it('weekly on the Sunday the clocks change still runs that week', () => {
    const cadence: ScheduleCadence = { kind: 'weekly', weekday: 'sunday', time: '02:30' };
    expect(slots(cadence, 'America/New_York', '2026-02-28T00:00:00Z', '2026-03-20T00:00:00Z')).toEqual([
      '2026-03-01T07:30:00.000Z = 2026-03-01 02:30:00',
      '2026-03-08T07:00:00.000Z = 2026-03-08 03:00:00',
      '2026-03-15T06:30:00.000Z = 2026-03-15 02:30:00',
    ]);
  });

  it('any daily time in any of three zones gives exactly one slot per local day for a whole year', () => {
    const zones = ['America/New_York', 'Europe/Berlin', 'Australia/Sydney'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(0, 15, 30, 45),
        (timeZone, hour, minute) => {
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const found = slotsBetween(
            { cadence: daily(time), timeZone },
            at('2025-12-31T12:00:00Z'),
            at('2026-12-31T12:00:00Z'),
          );
          const days = found.map((d) => d.toLocaleDateString('sv-SE', { timeZone }));
          expect(new Set(days).size).toBe(days.length);
          expect(days.length).toBeGreaterThanOrEqual(364);
          expect(days.length).toBeLessThanOrEqual(366);
        },
      ),
      { numRuns: 10 },
    );
  }, 30_000);
});

describe('month ends and leap days', () => {
  it('monthly on the 31st falls on the last day of every shorter month', () => {
    const days = slotsBetween(
      { cadence: monthly(31), timeZone: 'UTC' },
      at('2026-01-01T00:00:00Z'),
      at('2027-01-01T00:00:00Z'),
    ).map((d) => d.toISOString().slice(0, 10));
    expect(days).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
      '2026-06-30',
      '2026-07-31',
      '2026-08-31',
      '2026-09-30',
      '2026-10-31',
      '2026-11-30',
      '2026-12-31',
    ]);
  });

  it('monthly on the 29th or 30th is 28 February in a common year and 29 February in a leap year', () => {
    const februaries = (day: number, year: number) =>
      slotsBetween(
        { cadence: monthly(day), timeZone: 'Europe/Berlin' },
        at(`${year}-02-01T00:00:00Z`),
        at(`${year}-03-01T00:00:00Z`),
      ).map((d) => d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' }));
    expect(februaries(29, 2027)).toEqual(['2027-02-28']);
    expect(februaries(29, 2028)).toEqual(['2028-02-29']);
    expect(februaries(30, 2028)).toEqual(['2028-02-29']);
    // A 30-day month keeps the 30th, and never gets a second slot on its last day.
    expect(
      slotsBetween(
        { cadence: monthly(29), timeZone: 'UTC' },
        at('2026-04-01T00:00:00Z'),
        at('2026-05-01T00:00:00Z'),
      ).map((d) => d.toISOString().slice(0, 10)),
    ).toEqual(['2026-04-29']);
  });

  it('a cron expression for 29 February fires only in leap years', () => {
    const years = slotsBetween(
      { cadence: { kind: 'cron', expression: '0 9 29 2 *' }, timeZone: 'UTC' },
      at('2026-01-01T00:00:00Z'),
      at('2037-01-01T00:00:00Z'),
    ).map((d) => d.toISOString());
    expect(years).toEqual([
      '2028-02-29T09:00:00.000Z',
      '2032-02-29T09:00:00.000Z',
      '2036-02-29T09:00:00.000Z',
    ]);
  });
});

describe('next, previous and windows', () => {
  const spec = { cadence: daily('09:00'), timeZone: 'UTC' };

  it('next is strictly after; previous includes the instant itself', () => {
    expect(nextSlot(spec, at('2026-05-05T09:00:00Z'))?.toISOString()).toBe('2026-05-06T09:00:00.000Z');
    expect(previousSlot(spec, at('2026-05-05T09:00:00Z'))?.toISOString()).toBe('2026-05-05T09:00:00.000Z');
    expect(previousSlot(spec, at('2026-05-05T08:59:59Z'))?.toISOString()).toBe('2026-05-04T09:00:00.000Z');
  });

  it('a weekly occurrence analyses the 7 days since the previous one, across a DST change', () => {
    const weekly = {
      cadence: { kind: 'weekly', weekday: 'monday', time: '09:00' } as const,
      timeZone: 'Europe/Berlin',
    };
    const window = occurrenceWindow(weekly, at('2026-03-30T07:00:00Z'));
    // Monday 23 March 09:00 CET → Monday 30 March 09:00 CEST: 7 calendar days, one hour shorter.
    expect(window.from.toISOString()).toBe('2026-03-23T08:00:00.000Z');
    expect(window.to.toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('run now covers the length of the coming period, ending now', () => {
    const weekly = {
      cadence: { kind: 'weekly', weekday: 'monday', time: '09:00' } as const,
      timeZone: 'UTC',
    };
    const window = runNowWindow(weekly, at('2026-05-06T10:00:00Z'));
    expect(window.to.toISOString()).toBe('2026-05-06T10:00:00.000Z');
    expect(window.from.toISOString()).toBe('2026-04-29T10:00:00.000Z');
  });

  it('slotsBetween keeps the newest when capped (a week of a 15-minute cron)', () => {
    const every15 = { cadence: { kind: 'cron', expression: '*/15 * * * *' } as const, timeZone: 'UTC' };
    const found = slotsBetween(every15, at('2026-05-01T00:00:00Z'), at('2026-05-08T00:00:00Z'), 10);
    expect(found).toHaveLength(10);
    expect(found.at(-1)?.toISOString()).toBe('2026-05-08T00:00:00.000Z');
    expect(found[0]?.toISOString()).toBe('2026-05-07T21:45:00.000Z');
  });
});
