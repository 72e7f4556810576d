import { defineProject } from 'vitest/config';

export default defineProject({
  // Runs talk to the Gong sandbox over HTTP at a real (if raised) rate limit; the crash test restarts a process.
  // Tests on PostgreSQL get a throwaway database from the db package's global setup.
  test: {
    name: '@callmine/worker',
    // One module graph per worker process, not per file (see the root config).
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // Tests that start the server or worker as a process run the built bundles (scripts/build.mjs).
    globalSetup: ['../../packages/db/src/testing/postgres-global-setup.ts', '../../scripts/vitest-build.mjs'],
  },
});
