// Migration 0009 rebuilds `schedule` (the analysis key no longer cascades). A rebuild drops the old table, which with
// foreign keys on would cascade-delete every schedule_occurrence: this upgrades a database made before it and
// checks the history survives, the old schedules keep running "since the previous slot", and the key restricts.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { expect, it } from 'vitest';
import { openSqliteDatabase } from './sqlite.ts';

const migrations = join(dirname(fileURLToPath(import.meta.url)), '../../migrations');

/** A copy of the migrations up to (not including) `tag`'s index. */
function migrationsBefore(index: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'callmine-migrations-'));
  cpSync(migrations, dir, { recursive: true });
  const journalPath = join(dir, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx < index);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

it('keeps every schedule occurrence when 0009 rebuilds the schedule table, and the analysis key restricts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'callmine-db-'));
  const older = migrationsBefore(9);
  try {
    const path = join(dir, 'callmine.db');
    const sqlite = new BetterSqlite(path);
    sqlite.pragma('foreign_keys = ON');
    migrate(drizzle(sqlite), { migrationsFolder: older });
    sqlite.exec(`
      INSERT INTO organization (id, name, slug, created_at) VALUES ('w1', 'Acme', 'acme', 0);
      INSERT INTO analysis (id, workspace_id, name, window, filters, settings, created_at, updated_at)
        VALUES ('a1', 'w1', 'Pricing', '{}', '{}', '{}', 0, 0);
      INSERT INTO schedule (id, workspace_id, analysis_id, cadence, time_zone, created_at, updated_at)
        VALUES ('s1', 'w1', 'a1', '{}', 'UTC', 0, 0);
      INSERT INTO schedule_occurrence (id, schedule_id, workspace_id, slot, trigger, status, created_at)
        VALUES ('o1', 's1', 'w1', 1, 'schedule', 'skipped', 0), ('o2', 's1', 'w1', 2, 'schedule', 'skipped', 0);
    `);
    sqlite.close();

    const db = openSqliteDatabase(path);
    try {
      const count = db.sqlite.prepare('SELECT count(*) AS n FROM schedule_occurrence').get() as { n: number };
      expect(count.n).toBe(2);
      const row = db.sqlite.prepare("SELECT window_mode FROM schedule WHERE id = 's1'").get();
      expect(row).toEqual({ window_mode: 'since-previous' });
      expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(() => db.sqlite.exec("DELETE FROM analysis WHERE id = 'a1'")).toThrow(/FOREIGN KEY/);
    } finally {
      await db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(older, { recursive: true, force: true });
  }
});
