// Vitest global setup for the projects whose tests start the server or worker as a process (crash-resume, keys,
// quota, start-up refusals): they run the built bundles, which start in a fraction of tsx's time under load.
// Built once per test run, and only what is stale, so a fresh clone's `npm test` works too.
import { build } from './build.mjs';

export default async function setup() {
  await build({ log: () => {} });
}
