import type { ScheduleCadence } from '@callmine/contracts';
import { nextSlot, occurrenceWindow, previousSlot, slotsBetween } from '@callmine/schedule';

/** A slot this late when claimed was missed while no worker ran: the UI says "caught up after downtime". */
export const CATCH_UP_AFTER_MS = 5 * 60_000;
/** After a very long downtime only this many older slots are recorded as skipped (the newest of them). */
export const MAX_SKIPPED_RECORDED = 500;

export interface DuePlan {
  /** The newest due slot: it runs (once). */
  slot: Date;
  window: { from: Date; to: Date };
  /** Older due slots, recorded as skipped. */
  skipped: Date[];
  caughtUp: boolean;
  /** Where next_slot_at moves to: the first slot after now. */
  nextSlotAt: Date | null;
}

/**
 * What a due schedule should do at `now`: run its newest slot at or before now, skip the older ones since
 * `dueSince` (its stored next_slot_at), and move on to the first slot after now. Pure.
 */
export function planDue(
  spec: { cadence: ScheduleCadence; timeZone: string },
  dueSince: Date,
  now: Date,
): DuePlan | null {
  const slot = previousSlot(spec, now);
  if (!slot || slot < dueSince) return null;
  const skipped = slotsBetween(
    spec,
    new Date(dueSince.getTime() - 1),
    new Date(slot.getTime() - 1),
    MAX_SKIPPED_RECORDED,
  );
  return {
    slot,
    window: occurrenceWindow(spec, slot),
    skipped,
    caughtUp: now.getTime() - slot.getTime() > CATCH_UP_AFTER_MS,
    nextSlotAt: nextSlot(spec, now),
  };
}
