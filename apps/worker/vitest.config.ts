import { defineProject } from 'vitest/config';

export default defineProject({
  // Runs talk to the Gong sandbox over HTTP at a real (if raised) rate limit; the crash test restarts a process.
  test: {
    // Tests that start the server or worker as a process run the built bundles (scripts/build.mjs).
    globalSetup: ['../../scripts/vitest-build.mjs'],
    name: '@callmine/worker',
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
