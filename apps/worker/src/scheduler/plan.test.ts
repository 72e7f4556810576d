import { describe, expect, it } from 'vitest';
import { planDue } from './plan.ts';

const daily = { cadence: { kind: 'daily', time: '09:00' } as const, timeZone: 'America/New_York' };
const at = (iso: string) => new Date(iso);

describe('planDue', () => {
  it('on time: runs the slot, skips nothing, not a catch-up', () => {
    const plan = planDue(daily, at('2026-11-30T14:00:00Z'), at('2026-11-30T14:00:20Z'));
    expect(plan).toMatchObject({ slot: at('2026-11-30T14:00:00Z'), skipped: [], caughtUp: false });
    expect(plan?.nextSlotAt).toEqual(at('2026-12-01T14:00:00Z'));
    expect(plan?.window).toEqual({ from: at('2026-11-29T14:00:00Z'), to: at('2026-11-30T14:00:00Z') });
  });

  it('after downtime across the November DST change: newest slot runs, the older ones are skipped', () => {
    // Down from 31 Oct 09:00 EDT (13:00Z) until 4 Nov 10:00 EST (15:00Z).
    const plan = planDue(daily, at('2026-10-31T13:00:00Z'), at('2026-11-04T15:00:00Z'));
    expect(plan?.slot).toEqual(at('2026-11-04T14:00:00Z'));
    expect(plan?.skipped).toEqual([
      at('2026-10-31T13:00:00Z'),
      at('2026-11-01T14:00:00Z'),
      at('2026-11-02T14:00:00Z'),
      at('2026-11-03T14:00:00Z'),
    ]);
    expect(plan?.caughtUp).toBe(true);
  });

  it('nothing due before the stored next slot', () => {
    expect(planDue(daily, at('2026-11-30T14:00:00Z'), at('2026-11-30T13:59:59Z'))).toBeNull();
  });
});
