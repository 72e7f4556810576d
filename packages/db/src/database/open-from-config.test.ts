import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createTestPostgresDatabase } from '../testing/postgres-database.ts';
import { openDatabaseFromConfig } from './open-from-config.ts';

it('opens PostgreSQL when a URL is configured, else the SQLite file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'callmine-open-config-'));
  try {
    const databasePath = join(dir, 'callmine.db');
    await using created = await createTestPostgresDatabase();
    const postgres = await openDatabaseFromConfig({ databaseUrl: created.url, databasePath });
    try {
      expect(postgres.dialect).toBe('postgres');
      expect(postgres.db.dialect).toBe('postgres');
      await postgres.ping();
      expect(existsSync(databasePath)).toBe(false);
    } finally {
      await postgres.close();
    }
    const sqlite = await openDatabaseFromConfig({ databaseUrl: undefined, databasePath });
    try {
      expect(sqlite.dialect).toBe('sqlite');
      await sqlite.ping();
      expect(existsSync(databasePath)).toBe(true);
    } finally {
      await sqlite.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
