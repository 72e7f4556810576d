import { analyze } from '@callmine/analysis';
import type { AnalysisInput, AnalysisResult, AnalysisSettings } from '@callmine/contracts';

// Runs on the analysis thread: the engine, nothing else (no database, no network, no secrets).

export interface AnalysisTask {
  input: AnalysisInput;
  settings: AnalysisSettings;
}

export default function runAnalysisTask({ input, settings }: AnalysisTask): AnalysisResult {
  try {
    return analyze(input, settings);
  } catch (error) {
    // Errors cross the thread by structured clone, which keeps only own properties: a ZodError's message is a
    // getter and would arrive empty. A plain Error with the text arrives whole.
    throw new Error(error instanceof Error ? error.message : String(error));
  }
}
