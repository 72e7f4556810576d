import type { AnalysisResult, ReportCall, ReportParameters, ReportPartial } from '@callmine/contracts';

// A report as stored (its row's JSON, parsed), in a file of its own: the filter index and the loader both use it.
export interface StoredReport {
  id: string;
  name: string;
  parameters: ReportParameters;
  fromDay: string;
  toDay: string;
  calls: ReportCall[];
  reps: Record<string, string>;
  result: AnalysisResult;
  partial: ReportPartial | null;
}
