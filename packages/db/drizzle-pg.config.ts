import { defineConfig } from 'drizzle-kit';

// `pnpm --filter @callmine/db generate:pg` writes the PostgreSQL migration matching a schema change; run it with
// `generate` (SQLite) after every edit, so both dialects move together (schema-parity.test.ts checks).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema-pg/index.ts',
  out: './migrations-pg',
});
