import { z } from 'zod';
import { runTrigger } from './run-trigger.ts';

// The monthly allowance of analysed calls: a run's quota outcome, the Usage section and the start-run estimate.
// A call counts once per workspace per calendar month (UTC), however many runs include it.

const month = z.string().regex(/^\d{4}-\d{2}$/);

/** What a run's charging decided, before it fetched transcripts. */
export const runQuotaView = z.object({
  /** True when the allowance ran out: the run analysed only part of its selection ("partial: quota reached"). */
  partial: z.boolean(),
  month,
  /** That month's allowance, and its use after this run charged. */
  allowance: z.number().int(),
  used: z.number().int(),
  callsSelected: z.number().int(),
  /** Charged by this run or already charged this month: the calls fetched and analysed. */
  callsAnalysed: z.number().int(),
  callsCharged: z.number().int(),
  /** Neither fetched nor analysed: the allowance was reached. */
  callsSkipped: z.number().int(),
});
export type RunQuotaView = z.infer<typeof runQuotaView>;

export const usageSummary = z.object({
  /** This UTC month. */
  month,
  allowance: z.number().int(),
  used: z.number().int(),
  remaining: z.number().int(),
  /** True when an operator set this workspace's allowance (else the instance default). */
  customAllowance: z.boolean(),
  /** Calls charged per month, newest first (up to 12). */
  history: z.array(z.object({ month, used: z.number().int() })),
  /** The runs that used the allowance, newest first: calls each paid for, got free, or skipped. */
  runs: z.array(
    z.object({
      runId: z.string(),
      /** The analysis's name when the run started; null for an ad-hoc run. */
      name: z.string().nullable(),
      /** How it started (see runView.trigger), and who for a person's run. */
      trigger: runTrigger,
      startedBy: z.string().nullable(),
      from: z.string(),
      to: z.string(),
      status: z.string(),
      createdAt: z.iso.datetime(),
      month,
      callsCharged: z.number().int(),
      callsFree: z.number().int(),
      callsSkipped: z.number().int(),
    }),
  ),
});
export type UsageSummary = z.infer<typeof usageSummary>;

export const usageEstimate = z.object({
  month,
  allowance: z.number().int(),
  used: z.number().int(),
  remaining: z.number().int(),
  /** Cached calls matching the selection. */
  callsMatching: z.number().int(),
  /** Of those, already charged this month (free). */
  callsAlreadyCharged: z.number().int(),
  /** Calls the run would charge: exact, or at least this many. */
  newCalls: z.number().int(),
  /**
   * 'exact' when a finished listing of this workspace covered the whole range; otherwise 'lower-bound': the cache
   * may not hold every call in the range, so the run may charge more.
   */
  basis: z.enum(['exact', 'lower-bound']),
  /** False when the allowance certainly won't cover the run (it would end partial). */
  covered: z.boolean(),
});
export type UsageEstimate = z.infer<typeof usageEstimate>;

/**
 * A schedule's estimate. `nextRun`: what running it now would charge — the window "run now" covers (one period of
 * the cadence, ending now) with the analysis's filters, exactly the selection the run would make. `monthProjection`:
 * a projection, not a promise — the slots left this UTC month times the calls in that last period, against what is
 * left of the allowance. Null while the schedule is paused (no slots are due).
 */
export const scheduleEstimate = z.object({
  window: z.object({ from: z.iso.datetime(), to: z.iso.datetime() }),
  nextRun: usageEstimate,
  monthProjection: z
    .object({
      month,
      /** Scheduled slots still to come this month (after now, before the month ends in UTC). */
      slotsLeft: z.number().int(),
      /** Calls in the last period with the analysis's filters: the pace the projection assumes. */
      callsPerPeriod: z.number().int(),
      /** slotsLeft × callsPerPeriod. */
      projectedCalls: z.number().int(),
      remaining: z.number().int(),
      /** 'lower-bound' when callsPerPeriod came from a cache that may miss calls. */
      basis: z.enum(['exact', 'lower-bound']),
      /** False when the projected calls exceed what is left this month. */
      covered: z.boolean(),
    })
    .nullable(),
});
export type ScheduleEstimate = z.infer<typeof scheduleEstimate>;
