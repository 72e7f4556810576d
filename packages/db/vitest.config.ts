import { defineProject } from 'vitest/config';

export default defineProject({
  // Tests on PostgreSQL get a fresh database copied from a template migrated once (see src/testing/).
  test: {
    name: '@callmine/db',
    // One module graph per worker process (see the root config).
    isolate: false,
    globalSetup: ['./src/testing/postgres-global-setup.ts'],
  },
});
