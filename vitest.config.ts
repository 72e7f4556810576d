import { configDefaults, defineConfig } from 'vitest/config';

// Each app and package is its own Vitest project; apps/web adds jsdom for component tests.
// The server and worker suites run a second time on PostgreSQL (CALLMINE_TEST_DIALECT=postgres): their test
// servers and workers then get a fresh database per data dir, copied from a template migrated once per run.
const onPostgres = (app: 'server' | 'worker') => ({
  extends: `./apps/${app}/vitest.config.ts`,
  root: `./apps/${app}`,
  test: {
    name: `@callmine/${app} on PostgreSQL`,
    env: { CALLMINE_TEST_DIALECT: 'postgres' },
    // Start-up against a bad CALLMINE_DATABASE_URL is the same test whatever the dialect: it runs once.
    exclude: [...configDefaults.exclude, 'src/database-startup.test.ts'],
    globalSetup: ['../../packages/db/src/testing/postgres-global-setup.ts'],
  },
});

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', onPostgres('server'), onPostgres('worker')],
  },
});
