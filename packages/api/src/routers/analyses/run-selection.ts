import type { AnalysisView, RunSelection } from '@callmine/contracts';
import { resolveWindow } from '@callmine/contracts';

/**
 * What running a saved analysis at `now` selects: its window resolved to days ("last 7 days" → the 7 UTC days
 * ending today) with its filters. analyses.run starts it; analyses.estimate counts it.
 */
export function analysisRunSelection(analysis: AnalysisView, now: Date): RunSelection {
  return { ...resolveWindow(analysis.window, now), ...analysis.filters };
}
