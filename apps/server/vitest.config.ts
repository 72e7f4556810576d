import { defineProject } from 'vitest/config';

export default defineProject({
  // API tests talk to a real server and the Gong sandbox over HTTP; some wait out a Gong timeout on purpose.
  // The db command's test copies into PostgreSQL: the db package's global setup provides the server.
  test: {
    name: '@callmine/server',
    testTimeout: 15_000,
    globalSetup: ['../../packages/db/src/testing/postgres-global-setup.ts'],
  },
});
