import { z } from 'zod';
import { dealBucket } from './deal-bucket.ts';

// A report view's filters, in a module of their own (zod and the deal buckets only): the SPA reads them from a
// report's link at start-up, and building every report schema then would only slow its first page.

const optionalText = z.string().trim().min(1).max(200).optional();

/**
 * What a report view is narrowed to. The same keys are the page's URL search params, so a filtered view can be
 * shared. A new filter is one key here and one predicate in the API's report filters.
 */
export const reportFilters = z.strictObject({
  /** Gong user id of the call's rep. */
  rep: optionalText,
  /** ISO week of the call's start (UTC), e.g. 2026-W45. */
  week: z
    .string()
    .regex(/^\d{4}-W\d{2}$/, 'A week looks like 2026-W45.')
    .optional(),
  /** A tracker's name: calls that mention it, and its evidence. */
  tracker: optionalText,
  /** One of a tracker's phrases: the tracker evidence that says it (or one of its synonyms). */
  phrase: optionalText,
  /** The CRM opportunity's stage as the CRM names it (calls with no opportunity never match). */
  stage: optionalText,
  /** The deal's outcome: won, lost, open, or none (calls with no CRM opportunity). */
  outcome: dealBucket.optional(),
});
export type ReportFilters = z.infer<typeof reportFilters>;
export const REPORT_FILTER_KEYS = Object.keys(reportFilters.shape) as Array<keyof ReportFilters>;
