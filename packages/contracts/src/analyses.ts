import { z } from 'zod';
import { analysisSettings } from './analysis.ts';
import { checkDateRange, isoDate, MAX_RUN_DAYS, runFiltersInput, runStatus } from './runs.ts';

// Saved analyses: a name, which calls (a relative or absolute window plus filters) and which analysers with which
// trackers. The editor form and `analyses.create/update` validate with these schemas; a run snapshots the
// resolved window and the settings, so editing an analysis never changes a report already made from it.

const DAY_MS = 86_400_000;

export const analysisName = z
  .string()
  .trim()
  .min(1, 'Give the analysis a name.')
  .max(120, 'Keep the name under 120 characters.');

export const analysisWindowInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('relative'),
    /** "Last N days", today (UTC) included. A string because it comes from a form field. */
    lastDays: z
      .string()
      .trim()
      .regex(/^\d{1,3}$/, `Enter a number of days from 1 to ${MAX_RUN_DAYS}.`)
      .transform(Number)
      .refine((n) => n >= 1 && n <= MAX_RUN_DAYS, `Enter a number of days from 1 to ${MAX_RUN_DAYS}.`),
  }),
  z
    .strictObject({
      kind: z.literal('absolute'),
      from: isoDate('Choose the first day of calls to include.'),
      to: isoDate('Choose the last day of calls to include.'),
    })
    .superRefine(checkDateRange),
]);
export type AnalysisWindowInput = z.input<typeof analysisWindowInput>;
export type AnalysisWindow = z.output<typeof analysisWindowInput>;

export const analysisDefinitionInput = z.strictObject({
  name: analysisName,
  window: analysisWindowInput,
  filters: runFiltersInput,
  settings: analysisSettings,
});
export type AnalysisDefinitionInput = z.input<typeof analysisDefinitionInput>;
export type AnalysisDefinition = z.output<typeof analysisDefinitionInput>;

export const analysisIdInput = z.strictObject({ id: z.string().min(1).max(100) });

/** Deleting an analysis a schedule uses deletes those schedules too, so the caller must say it knows. */
export const deleteAnalysisInput = z.strictObject({
  id: z.string().min(1).max(100),
  /** Required (true) when schedules use the analysis: they are deleted with it; their runs and reports stay. */
  deleteSchedules: z.boolean().default(false),
});
export type DeleteAnalysisInput = z.input<typeof deleteAnalysisInput>;

/** The schedules that run an analysis, each described in words ("Every Monday at 09:00 (Europe/Berlin)"). */
export const analysisSchedules = z.array(
  z.object({ id: z.string(), description: z.string(), paused: z.boolean() }),
);
export type AnalysisSchedules = z.infer<typeof analysisSchedules>;
export const updateAnalysisInput = analysisDefinitionInput.extend({ id: z.string().min(1).max(100) });
export type UpdateAnalysisInput = z.input<typeof updateAnalysisInput>;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The days a window covers when a run starts at `now`: "last 7 days" on 2026-11-29 is 11-23 … 11-29 (UTC). */
export function resolveWindow(window: AnalysisWindow, now: Date): { from: string; to: string } {
  if (window.kind === 'absolute') return { from: window.from, to: window.to };
  const today = Date.parse(`${isoDay(now.getTime())}T00:00:00Z`);
  return { from: isoDay(today - (window.lastDays - 1) * DAY_MS), to: isoDay(today) };
}

export const analysisView = z.object({
  id: z.string(),
  name: z.string(),
  window: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('relative'), lastDays: z.number().int() }),
    z.object({ kind: z.literal('absolute'), from: z.string(), to: z.string() }),
  ]),
  filters: z.object({
    repEmails: z.array(z.string()),
    externalOnly: z.boolean(),
    minDurationMinutes: z.number(),
    titleContains: z.string(),
  }),
  settings: analysisSettings,
  createdBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  lastRun: z.object({ id: z.string(), status: runStatus, createdAt: z.iso.datetime() }).nullable(),
});
export type AnalysisView = z.infer<typeof analysisView>;
