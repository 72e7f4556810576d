import { z } from 'zod';
import { resolvedSelection, trackerSettings } from './analysis.ts';
import { runTrigger } from './run-trigger.ts';
import { runQuotaView } from './usage.ts';

// Analysis runs: the call selection a member starts a run with (the Runs form and `runs.start` share it), and
// what the Runs page shows. Inputs are strings because they come straight from form fields.

export const isoDate = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), message);

const DAY_MS = 86_400_000;
/** A run covers at most a year of calls: more would spend days of the Gong budget in one go. */
export const MAX_RUN_DAYS = 366;

/** Adds the issue a form shows under "to" when a from/to pair of ISO dates is reversed or too long. */
export function checkDateRange(value: { from: string; to: string }, ctx: z.RefinementCtx): void {
  const from = Date.parse(`${value.from}T00:00:00Z`);
  const to = Date.parse(`${value.to}T00:00:00Z`);
  if (to < from) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: 'The last day must be on or after the first day.',
    });
  } else if ((to - from) / DAY_MS + 1 > MAX_RUN_DAYS) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `A run covers at most ${MAX_RUN_DAYS} days.` });
  }
}

/** The filters Gong's listing can't apply itself; shared by ad-hoc runs and saved analyses. */
export const runFilterFields = {
  /** Comma-separated email addresses of the reps whose calls to include; blank means everyone. */
  repEmails: z
    .string()
    .max(4000, 'That list of reps is too long.')
    .default('')
    .transform((value) =>
      value
        .split(/[,\s]+/)
        .map((v) => v.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.email('Enter the reps as email addresses separated by commas.')).max(200)),
  externalOnly: z
    .enum(['yes', 'no'])
    .default('no')
    .transform((v) => v === 'yes'),
  minDurationMinutes: z
    .string()
    .trim()
    .default('')
    .refine((v) => /^\d{0,3}$/.test(v), 'Enter a whole number of minutes (0 to 600), or leave it blank.')
    .transform((v) => (v === '' ? 0 : Number(v)))
    .refine((v) => v <= 600, 'Enter a whole number of minutes (0 to 600), or leave it blank.'),
  titleContains: z.string().trim().max(200, 'Keep the title filter under 200 characters.').default(''),
};
export const runFiltersInput = z.strictObject(runFilterFields);
export type RunFiltersInput = z.input<typeof runFiltersInput>;
export type RunFilters = z.output<typeof runFiltersInput>;

export const runSelectionInput = z
  .strictObject({
    from: isoDate('Choose the first day of calls to include.'),
    to: isoDate('Choose the last day of calls to include.'),
    ...runFilterFields,
  })
  .superRefine(checkDateRange);
export type RunSelectionInput = z.input<typeof runSelectionInput>;

/**
 * An ad-hoc run: the call selection and the trackers it counts, chosen on the Runs form (or the API). Omitting
 * `trackers` (older API callers) runs the four starter trackers; the run's stored settings name them either way.
 */
export const runStartInput = z
  .strictObject({
    from: isoDate('Choose the first day of calls to include.'),
    to: isoDate('Choose the last day of calls to include.'),
    ...runFilterFields,
    trackers: z
      .array(trackerSettings)
      .min(1, 'Choose at least one tracker, or run a saved analysis.')
      .max(200, 'A run can hold 200 trackers.')
      .optional(),
  })
  .superRefine(checkDateRange);
export type RunStartInput = z.input<typeof runStartInput>;
export type RunStart = z.output<typeof runStartInput>;
export type RunSelection = z.output<typeof runSelectionInput> & {
  /** Exact instants (ISO) overriding from/to: a schedule's occurrence analyses the window since the previous one. */
  fromDateTime?: string;
  toDateTime?: string;
};

export const runStatus = z.enum(['queued', 'fetching', 'analyzing', 'done', 'failed', 'canceled']);
export type RunStatus = z.infer<typeof runStatus>;

/** What the analysing phase stores for a run until the analysers (issue 8) plug in. */
export const runTotals = z.object({
  callsAnalyzed: z.number().int(),
  transcripts: z.number().int(),
  durationSeconds: z.number().int(),
  sentencesInternal: z.number().int(),
  sentencesExternal: z.number().int(),
});
export type RunTotals = z.infer<typeof runTotals>;

export const runView = z.object({
  id: z.string(),
  status: runStatus,
  selection: resolvedSelection,
  /** The saved analysis this run came from (null for an ad-hoc run or when the analysis was deleted since). */
  analysis: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The run's one name, the same as its report's: "Competitor watch · 2026-09-01 to 2026-11-29" (runName). */
  name: z.string().nullable(),
  trigger: runTrigger,
  /** The immutable report, once the run is done. */
  reportId: z.string().nullable(),
  startedBy: z.string().nullable(),
  credentialVersion: z.number().int().nullable(),
  progress: z.object({
    /** Calls in the selection so far (grows while the listing pages arrive). */
    callsTotal: z.number().int(),
    listingDone: z.boolean(),
    callsFetched: z.number().int(),
    callsAnalyzed: z.number().int(),
  }),
  totals: runTotals.nullable(),
  /** The monthly allowance's verdict, once the run has charged its calls (null before, and for older runs). */
  quota: runQuotaView.nullable(),
  error: z.string().nullable(),
  pausedUntil: z.iso.datetime().nullable(),
  cancelRequested: z.boolean(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
});
export type RunView = z.infer<typeof runView>;

export const runIdInput = z.strictObject({ id: z.string().min(1).max(100) });
