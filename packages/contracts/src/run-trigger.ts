import { z } from 'zod';

// Its own file because both runs.ts (the run) and usage.ts (the runs that used the allowance) name it, and
// usage.ts is already imported by runs.ts.

/**
 * How a run started: a schedule's slot, a schedule's "Run now", or a person (the Runs form, an analysis's Run now,
 * or an API token acting for its creator — the run does not record which).
 */
export const runTrigger = z.enum(['schedule', 'schedule-run-now', 'manual']);
export type RunTrigger = z.infer<typeof runTrigger>;
