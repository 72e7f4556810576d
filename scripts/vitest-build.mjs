// Vitest global setup for the projects whose tests start the server or worker as a process (crash-resume, keys,
// quota, start-up refusals): they run the built bundles, which start in a fraction of tsx's time under load.
// Built once per test run, and only what is stale, so a fresh clone's `npm test` works too.
// The worker's analysis thread bundle is provided as `callmineAnalysisThread`: workers that tests start in their own
// process (startTestWorker) load it in each thread instead of registering tsx there (1–2 s of CPU a thread, every
// test that analyses, against about 0.3 s).
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';

export default async function setup(project) {
  await build({ log: () => {} });
  project.provide(
    'callmineAnalysisThread',
    fileURLToPath(new URL('../apps/worker/dist/entry.mjs', import.meta.url)),
  );
}
