// The analysis thread's entry. Node 20 does not carry the parent's module hooks into worker threads, so the
// thread registers tsx itself before loading the TypeScript task.
import { register } from 'tsx/esm/api';

register();
const { default: runAnalysisTask } = await import('./task.ts');

export default runAnalysisTask;
