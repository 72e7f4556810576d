import { z } from 'zod';
import { analysisResult, analysisSettings, callDeal, resolvedSelection } from './analysis.ts';

// Reports: what a finished run leaves behind, immutable. Everything the report view needs is in the report itself
// (call titles and Gong URLs, rep names, the credential version), so it never depends on the Gong credential row,
// the call cache or the analysis it came from.

export const reportCall = z.object({
  id: z.string(),
  title: z.string(),
  /** The call's page in Gong (evidence links open it at the sentence's time). */
  url: z.string(),
  started: z.string(),
  durationSeconds: z.number().int(),
  repId: z.string(),
  /** The call's CRM deal from Gong's call context (absent in reports made before it was fetched). */
  deal: callDeal.nullable().optional(),
});
export type ReportCall = z.infer<typeof reportCall>;

/** Why a report covers fewer calls than its run selected (e.g. the workspace's monthly quota was reached). */
export const reportPartial = z.object({
  reason: z.enum(['quota-reached']),
  callsSelected: z.number().int(),
  callsAnalyzed: z.number().int(),
  callsSkipped: z.number().int(),
  allowance: z.number().int(),
  used: z.number().int(),
  /** Which calls the run kept: the newest (by start time). Absent on reports made before the rule, which kept the
   *  lowest call ids. */
  admitted: z.literal('newest-first').optional(),
});
export type ReportPartial = z.infer<typeof reportPartial>;

export const reportParameters = z.object({
  /** The resolved call selection the run used (dates, filters). */
  selection: resolvedSelection,
  settings: analysisSettings,
  /**
   * What the themes' change was measured against: the previous period of the same length, from calls already in
   * the workspace's Gong cache (no extra Gong requests). `calls` is how many of its calls (with a transcript, passing
   * the same filters) were compared; 0 means none were cached, and the themes show no change. Null when the
   * themes were not analysed; absent on reports made before it existed.
   */
  previousPeriod: z
    .object({
      from: z.string(),
      to: z.string(),
      calls: z.number().int(),
      /** The trackers' counts over those calls, for the trackers' change; absent on older reports. */
      trackers: z
        .array(z.object({ name: z.string(), mentions: z.number().int(), callsMentioning: z.number().int() }))
        .optional(),
    })
    .nullable()
    .optional(),
});
export type ReportParameters = z.infer<typeof reportParameters>;

/**
 * A report's body as its row stores it (the JSON columns and the window): the worker writes it once, the API reads
 * it back. One shape for both, so a field added on one side is seen on the other.
 */
export interface StoredReportBody {
  name: string;
  parameters: ReportParameters;
  fromDay: string;
  toDay: string;
  calls: ReportCall[];
  /** Gong user id → the rep's name as Gong knew it when the report was made. */
  reps: Record<string, string>;
  result: z.infer<typeof analysisResult>;
  partial: ReportPartial | null;
}

export const reportSummary = z.object({
  id: z.string(),
  name: z.string(),
  runId: z.string().nullable(),
  analysisId: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  callsAnalyzed: z.number().int(),
  partial: reportPartial.nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type ReportSummary = z.infer<typeof reportSummary>;

export const reportView = reportSummary.extend({
  parameters: reportParameters,
  credentialVersion: z.number().int().nullable(),
  runStartedAt: z.iso.datetime().nullable(),
  calls: z.array(reportCall),
  /** Gong user id → the rep's name as Gong knew it when the report was made. */
  reps: z.record(z.string(), z.string()),
  result: analysisResult,
});
export type ReportView = z.infer<typeof reportView>;

export const listReportsInput = z
  .strictObject({
    /** Matches the report's name (case-insensitive substring). */
    search: z.string().trim().max(200, 'Keep the search under 200 characters.').default(''),
  })
  .default({ search: '' });
export const reportIdInput = z.strictObject({ id: z.string().min(1).max(100) });
