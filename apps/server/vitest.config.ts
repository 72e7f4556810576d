import { defineProject } from 'vitest/config';

export default defineProject({
  // API tests talk to a real server and the Gong sandbox over HTTP; some wait out a Gong timeout on purpose.
  test: {
    // Tests that start the server or worker as a process run the built bundles (scripts/build.mjs).
    globalSetup: ['../../scripts/vitest-build.mjs'],
    name: '@callmine/server',
    testTimeout: 15_000,
  },
});
