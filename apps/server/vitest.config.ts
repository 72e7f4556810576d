import { defineProject } from 'vitest/config';

export default defineProject({
  // API tests talk to a real server and the Gong sandbox over HTTP; some wait out a Gong timeout on purpose.
  // The PostgreSQL global setup starts one throwaway cluster per run (shared with the other projects) and a migrated
  // template that each test database copies.
  // The db command's test copies into PostgreSQL too.
  test: {
    name: '@callmine/server',
    // One module graph per worker process, not per file (see the root config).
    isolate: false,
    testTimeout: 15_000,
    // Tests that start the server or worker as a process run the built bundles (scripts/build.mjs).
    globalSetup: ['../../packages/db/src/testing/postgres-global-setup.ts', '../../scripts/vitest-build.mjs'],
  },
});
