// Test helpers for packages that analyse calls: builders for hand-written calls and the sandbox's calls as input.
export { aCall, aTranscript } from './builders.ts';
export { sandboxAnalysisInput } from './sandbox-input.ts';
