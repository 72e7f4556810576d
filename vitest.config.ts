import { defineConfig } from 'vitest/config';

// Each app and package is its own Vitest project; apps/web adds jsdom for component tests.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
  },
});
