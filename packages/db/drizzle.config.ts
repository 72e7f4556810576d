import { defineConfig } from 'drizzle-kit';

// `pnpm --filter @callmine/db generate` writes a new versioned migration after a schema change.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/schema/index.ts',
  out: './migrations',
});
